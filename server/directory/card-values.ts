import type { CardIndicator } from "@/db/schema";
import { DIRECTORY_DIMENSIONS, type CardField, type DirectoryDimension, type Trend } from "@/lib/contracts/directory";
import { INDICATORS, type IndicatorCode } from "@/server/scoring/indicators";
import { summaryFromColumns, type ScoreExplanation } from "@/server/scoring/explain";
import type { RuleSet, RuleSetView } from "@/server/scoring/rule-sets";
import { shownScoreOf } from "@/server/scoring/score-display";

/**
 * A card's numbers for one day, taken from the stored score as the entity page shows it: shown
 * (rounded) overall and dimension scores from the explanation (or, on history days stored as
 * summaries, the same rounding through score-display), the good-review-rate indicator's value, and
 * each indicator's value and peer percentile. Nothing here recomputes a score.
 */
export type DayScore = {
  day: string;
  overall: number | null;
  dimensions: Partial<Record<DirectoryDimension, number | null>>;
  goodReviewRate: number | null;
  indicators: CardIndicator[];
};

export function dayScoreFromExplanation(explanation: ScoreExplanation): DayScore {
  const dimensions: DayScore["dimensions"] = {};
  const indicators: CardIndicator[] = [];
  let goodReviewRate: number | null = null;
  explanation.dimensions.forEach((dimension, position) => {
    const column = directoryDimensionOf(dimension.code, position);
    if (column) dimensions[column] = dimension.scoreShown;
    for (const indicator of dimension.indicators) {
      if (indicator.missing || indicator.value === null) continue;
      indicators.push({ code: indicator.code, nameZh: indicator.nameZh, nameEn: indicator.nameEn, value: indicator.value, percentile: indicator.percentile });
      if (indicator.code === "good_review_rate") goodReviewRate = indicator.value;
    }
  });
  return { day: explanation.day, overall: explanation.overallShown, dimensions, goodReviewRate, indicators };
}

/**
 * The card column of a rule set's dimension: its own code where it is one of the directory's
 * (Douyin's product, logistics, service), else its place (TikTok's product satisfaction,
 * fulfilment, customer service come in that order).
 */
function directoryDimensionOf(code: string, position: number): DirectoryDimension | undefined {
  return (DIRECTORY_DIMENSIONS as readonly string[]).includes(code) ? (code as DirectoryDimension) : DIRECTORY_DIMENSIONS[position];
}

export type SummaryColumns = {
  day: string;
  state: "scored" | "insufficient_data";
  validOrders: number;
  overall: number | null;
  beatsPercent: number | null;
  dimensionScores: readonly number[] | null;
  indicatorValues: readonly number[] | null;
  indicatorPercentiles: readonly number[] | null;
};

export function dayScoreFromSummary(ruleSet: RuleSet, row: SummaryColumns): DayScore {
  const summary = summaryFromColumns(ruleSet, { ...row, ruleSet: ruleSet.name });
  const scored = summary.state === "scored";
  const dimensions: DayScore["dimensions"] = {};
  for (const d of summary.dimensions) dimensions[d.code as DirectoryDimension] = scored && d.score !== null ? shownScoreOf(ruleSet, d.score).shown : null;
  const indicators = Object.entries(summary.indicators).map(([code, v]) => {
    const names = INDICATORS[code as IndicatorCode];
    return { code, nameZh: names.nameZh, nameEn: names.nameEn, value: v.value, percentile: scored ? v.percentile : null };
  });
  return {
    day: row.day,
    overall: scored && summary.overall !== null ? shownScoreOf(ruleSet, summary.overall).shown : null,
    dimensions,
    goodReviewRate: summary.indicators.good_review_rate?.value ?? null,
    indicators,
  };
}

/**
 * Over 30 days a change within 1% of the score range (0.02 on the 3–5 scale, two steps of a shown
 * score; 0.5 on the 50–100 one) reads as stable: day-to-day noise, not a trend.
 */
const STABLE_SHARE_OF_RANGE = 0.01;

/** What a card's numbers need of its rule set: the bounds of its scale (a 5-point RuleSet or any RuleSetView). */
type Scale = Pick<RuleSetView, "scoreBounds">;

export function trendOf(change: number | null, ruleSet: Scale): Trend | null {
  if (change === null) return null;
  const band = (ruleSet.scoreBounds.max - ruleSet.scoreBounds.min) * STABLE_SHARE_OF_RANGE;
  if (change > band) return "improving";
  if (change < -band) return "falling";
  return "stable";
}

/** One row of card values, with every field the owner did not publish left null. */
export type CardValues = {
  day: string;
  overall: number | null;
  product: number | null;
  logistics: number | null;
  service: number | null;
  goodReviewRate: number | null;
  trend30: number | null;
  trend90: number | null;
  trend: Trend | null;
  indicators: CardIndicator[] | null;
};

const change = (now: number | null, before: number | null | undefined) =>
  now === null || before === null || before === undefined ? null : Number((now - before).toFixed(6));

/** The published values of a day: the mask is applied here, before anything is written. */
export function cardValuesOf(fields: readonly CardField[], today: DayScore, before: { d30?: DayScore; d90?: DayScore }, ruleSet: Scale): CardValues {
  const shows = new Set(fields);
  const trend30 = change(today.overall, before.d30?.overall);
  const dimension = (code: DirectoryDimension) => (shows.has("dimensions") ? (today.dimensions[code] ?? null) : null);
  return {
    day: today.day,
    overall: shows.has("overall") ? today.overall : null,
    product: dimension("product"),
    logistics: dimension("logistics"),
    service: dimension("service"),
    goodReviewRate: shows.has("goodReviewRate") ? today.goodReviewRate : null,
    trend30: shows.has("trend") ? trend30 : null,
    trend90: shows.has("trend") ? change(today.overall, before.d90?.overall) : null,
    trend: shows.has("trend") ? trendOf(trend30, ruleSet) : null,
    indicators: shows.has("indicators") ? today.indicators : null,
  };
}
