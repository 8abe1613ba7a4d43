import type {
  DimensionExplanation,
  IndicatorExplanation,
  ScoreExplanation,
} from "@/lib/contracts/explanation";
import type { Day } from "@/server/lib/time";
import { DIMENSION_NAMES, INDICATOR_ORDER, INDICATORS, type IndicatorCode } from "./indicators";
import type { IndicatorValues } from "./indicator-values";
import type { RuleSet } from "./rule-sets/schema";
import type { EntityScore } from "./score-day";
import { scoreScaleOf, shownScoreOf } from "./score-display";
import { windowBounds } from "./window";

export type { DimensionExplanation, IndicatorExplanation, ScoreExplanation };

export type ExplainInput = {
  ruleSet: RuleSet;
  day: Day;
  /** The entity's computed values (numerators and denominators come from here). */
  values: IndicatorValues;
  /** The entity's result from scoreDay for the same day and rule set. */
  score: EntityScore;
};

/**
 * The §8 explanation: a JSON-safe object (no Dates, no NaN) that answers "why" for one score.
 * Built only from its inputs, so the same facts and rule set explain identically every time.
 */
export function buildExplanation({ ruleSet, day, values, score }: ExplainInput): ScoreExplanation {
  const scored = score.state === "scored" ? score : null;
  const shownOverall = scored ? shownScoreOf(ruleSet, scored.overall) : null;
  const dimensions = ruleSet.dimensions.map((dimension): DimensionExplanation => {
    const dimensionScore = scored?.dimensions[dimension.code];
    const dimensionShown = dimensionScore ? shownScoreOf(ruleSet, dimensionScore.score) : null;
    const indicators = dimension.indicators.map((indicator): IndicatorExplanation => {
      const definition = INDICATORS[indicator.code];
      const bounds = windowBounds(day, ruleSet.windows[definition.window]);
      const computed = values.indicators[indicator.code];
      const ranked = scored?.indicators[indicator.code];
      return {
        code: indicator.code,
        nameZh: definition.nameZh,
        nameEn: definition.nameEn,
        kind: definition.kind,
        better: definition.better,
        window: definition.window,
        windowFirstDay: bounds.first,
        windowLastDay: bounds.last,
        ruleSetWeight: indicator.weight,
        missing: computed === null,
        value: computed?.value ?? null,
        numerator: computed?.numerator ?? null,
        denominator: computed?.denominator ?? null,
        unweightedNumerator: computed?.unweightedNumerator ?? null,
        unweightedDenominator: computed?.unweightedDenominator ?? null,
        percentile: ranked?.percentile ?? null,
        cohortSize: ranked?.cohortSize ?? null,
        cohortCategory: ranked?.cohortCategory ?? null,
        fallback: ranked?.fallback ?? null,
        cohort: ranked?.cohort ?? null,
        weight: ranked?.weight ?? null,
        overallWeight: ranked?.overallWeight ?? null,
        contribution: ranked?.contribution ?? null,
      };
    });
    return {
      code: dimension.code,
      nameZh: DIMENSION_NAMES[dimension.code].nameZh,
      nameEn: DIMENSION_NAMES[dimension.code].nameEn,
      ruleSetWeight: dimension.weight,
      weight: dimensionScore?.weight ?? dimension.weight,
      composite: dimensionScore?.composite ?? null,
      score: dimensionScore?.score ?? null,
      scoreShown: dimensionShown?.shown ?? null,
      band: dimensionShown?.band ?? null,
      indicators,
    };
  });

  return {
    day,
    entityKey: score.key,
    categoryCode: score.categoryCode,
    state: score.state,
    validOrders: score.validOrders,
    overall: scored?.overall ?? null,
    overallShown: shownOverall?.shown ?? null,
    band: shownOverall?.band ?? null,
    beatsPercent: scored?.beatsPercent ?? null,
    beatsCohortSize: scored?.beatsCohortSize ?? null,
    beatsFallback: scored?.beatsFallback ?? null,
    beatsCohort: scored?.beatsCohort ?? null,
    baseline: scored?.baseline ?? null,
    dimensionWeightsOverridden: scored?.dimensionWeightsOverridden ?? false,
    dimensions,
    ruleSet: {
      name: ruleSet.name,
      labelZh: ruleSet.labelZh,
      labelEn: ruleSet.labelEn,
      entityKind: ruleSet.entityKind,
      halfLifeDays: ruleSet.halfLifeDays,
      windows: ruleSet.windows,
      minValidOrders: ruleSet.eligibility.minValidOrders,
      cohortMinSize: ruleSet.cohort.minSize,
      comparisonDecimals: ruleSet.comparisonDecimals,
      curve: ruleSet.curve,
      ...scoreScaleOf(ruleSet),
    },
  };
}

/**
 * What a history day keeps: the score, its dimensions and each indicator's value and percentile.
 * Backfilled days store this instead of the full §8 explanation (a 90-day backfill of ten thousand
 * shops would otherwise write gigabytes); the full explanation of any day is recomputed on demand
 * (`koubei score --date`), and as-of semantics make it the same numbers.
 */
export type ScoreSummary = {
  summary: true;
  day: Day;
  ruleSet: string;
  state: EntityScore["state"];
  validOrders: number;
  overall: number | null;
  beatsPercent: number | null;
  dimensions: { code: string; composite: number | null; score: number | null }[];
  indicators: Partial<Record<IndicatorCode, { value: number; percentile: number | null }>>;
};

/**
 * A history day as stored (ADR 0007): columns instead of JSON. Indicator arrays are at
 * INDICATOR_ORDER positions with NaN for missing; dimension scores are (composite, score) pairs in
 * the rule set's dimension order, null when the entity was not scored.
 */
export type StoredSummary = Omit<ScoreSummary, "summary" | "dimensions" | "indicators"> & {
  dimensionScores: readonly number[] | null;
  indicatorValues: readonly number[] | null;
  indicatorPercentiles: readonly number[] | null;
};

export function summaryFromColumns(ruleSet: RuleSet, row: StoredSummary): ScoreSummary {
  const indicators: ScoreSummary["indicators"] = {};
  INDICATOR_ORDER.forEach((code, position) => {
    const value = row.indicatorValues?.[position];
    if (value === undefined || value === null || Number.isNaN(value)) return;
    const percentile = row.indicatorPercentiles?.[position];
    indicators[code] = { value, percentile: percentile === undefined || percentile === null || Number.isNaN(percentile) ? null : percentile };
  });
  return {
    summary: true,
    day: row.day,
    ruleSet: row.ruleSet,
    state: row.state,
    validOrders: row.validOrders,
    overall: row.overall,
    beatsPercent: row.beatsPercent,
    dimensions: ruleSet.dimensions.map((d, i) => ({
      code: d.code,
      composite: row.dimensionScores?.[2 * i] ?? null,
      score: row.dimensionScores?.[2 * i + 1] ?? null,
    })),
    indicators,
  };
}
