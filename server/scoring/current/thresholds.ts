import { addDays } from "@/server/lib/time";
import type { PointsRuleSet, PointsThreshold } from "../rule-sets/points-schema";

/** One stored day of a shop's 100-point score: the total and its dimensions. */
export type DailyPoints = { day: string; score: number; dimensions: Readonly<Record<string, number>> };

export type ThresholdStatus = {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Met (or, for a risk, not triggered), not met (or triggered), or unknown when too few days are stored. */
  status: "met" | "not_met" | "unknown";
  /** The mean score over the threshold's days (the day itself for a one-day rule). */
  average: number | null;
  minScore: number;
  minDimensions: Readonly<Record<string, number>>;
  /** Days of the threshold's span that are stored. */
  daysKnown: number;
  days: number;
  risk: boolean;
};

const matches = (names: readonly string[], categories: readonly string[]) => names.some((name) => categories.includes(name));

/** The minimums that apply to a shop of these category names (a category gate overrides the general ones). */
function minimumsFor(threshold: PointsThreshold, categoryNames: readonly string[]): { minScore: number; minDimensions: Readonly<Record<string, number>> } {
  const gate = threshold.overrides.find((o) => matches(categoryNames, o.categories));
  return gate ?? threshold;
}

/**
 * The rule set's thresholds on the newest stored day of `history` (oldest first, at most one entry
 * per day, the last being the day asked about): averages over the stored days among the last
 * `days` calendar days (a missing day makes the span unknown, never reaches further back), dimension
 * minimums on the newest day, and the every-day-below risks. Thresholds limited to other
 * categories are left out.
 */
export function evaluateThresholds(ruleSet: PointsRuleSet, categoryNames: readonly string[], history: readonly DailyPoints[]): ThresholdStatus[] {
  const newest = history[history.length - 1];
  return ruleSet.thresholds
    .filter((t) => t.categories === null || matches(categoryNames, t.categories))
    .map((threshold) => {
      const { minScore, minDimensions } = minimumsFor(threshold, categoryNames);
      const first = newest ? addDays(newest.day, -(threshold.days - 1)) : "";
      const span = history.filter((d) => d.day >= first);
      const base = { code: threshold.code, nameZh: threshold.nameZh, nameEn: threshold.nameEn, minScore, minDimensions, daysKnown: span.length, days: threshold.days, risk: threshold.everyDayBelow };
      if (!newest || span.length < threshold.days) {
        const average = span.length > 0 ? span.reduce((sum, d) => sum + d.score, 0) / span.length : null;
        return { ...base, status: "unknown" as const, average };
      }
      const average = span.reduce((sum, d) => sum + d.score, 0) / span.length;
      if (threshold.everyDayBelow) return { ...base, status: span.every((d) => d.score < minScore) ? ("not_met" as const) : ("met" as const), average };
      const dimensionsOk = Object.entries(minDimensions).every(([code, min]) => (newest.dimensions[code] ?? Number.NEGATIVE_INFINITY) >= min);
      return { ...base, status: average >= minScore && dimensionsOk ? ("met" as const) : ("not_met" as const), average };
    });
}

/**
 * A shop's thresholds on `day`, from its stored days in any order (days after it and days without
 * a score are left out): every day's score, and `dimensions`, that day's dimension scores. The shop
 * page and the portfolio's risk column both read them so.
 */
export function thresholdsOnStoredDays(
  ruleSet: PointsRuleSet,
  categoryNames: readonly string[],
  day: string,
  dimensions: Readonly<Record<string, number>>,
  stored: readonly { day: string; score: number | null }[],
): ThresholdStatus[] {
  const history = stored
    .flatMap((s) => (s.score === null || s.day > day ? [] : [{ day: s.day, score: s.score, dimensions: s.day === day ? dimensions : {} }]))
    .sort((a, b) => a.day.localeCompare(b.day));
  return evaluateThresholds(ruleSet, categoryNames, history);
}
