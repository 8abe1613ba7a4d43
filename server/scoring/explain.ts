import type { Day } from "@/server/lib/time";
import { DIMENSION_NAMES, INDICATOR_ORDER, INDICATORS, type IndicatorCode, type WindowKind } from "./indicators";
import type { IndicatorValues } from "./indicator-values";
import type { RuleSet } from "./rule-sets/schema";
import type { EntityScore } from "./score-day";
import { windowBounds } from "./window";

/** §6.4: scores are stored unrounded and shown rounded half-up to 2 decimals. */
export function roundScoreForDisplay(score: number, decimals = 2): number {
  // Strip binary noise first (4.605 is stored as 4.60499…), then round half up on the decimal.
  const clean = Number(score.toFixed(10));
  const factor = 10 ** decimals;
  return Math.floor(clean * factor + 0.5 + 1e-9) / factor;
}

export type ThresholdBand = RuleSet["thresholds"][number];

/** The highest threshold the shown (rounded) score reaches, as the shop sees it. */
export function thresholdBandOf(ruleSet: RuleSet, overall: number): ThresholdBand | null {
  const shown = roundScoreForDisplay(overall);
  let band: ThresholdBand | null = null;
  for (const threshold of ruleSet.thresholds) {
    if (threshold.minScore === null || shown >= threshold.minScore) {
      if (band === null || (threshold.minScore ?? -Infinity) >= (band.minScore ?? -Infinity))
        band = threshold;
    }
  }
  return band;
}

export type IndicatorExplanation = {
  code: IndicatorCode;
  nameZh: string;
  nameEn: string;
  kind: "rate" | "mean";
  better: "higher" | "lower";
  window: WindowKind;
  windowFirstDay: Day;
  windowLastDay: Day;
  /** The indicator's weight in the rule set, before missing indicators are left out. */
  ruleSetWeight: number;
  missing: boolean;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unweightedNumerator: number | null;
  unweightedDenominator: number | null;
  /** null while the entity is not scored (insufficient data) or the indicator is missing. */
  percentile: number | null;
  cohortSize: number | null;
  cohortCategory: string | null;
  fallback: boolean | null;
  weight: number | null;
  overallWeight: number | null;
  contribution: number | null;
};

export type DimensionExplanation = {
  code: string;
  nameZh: string;
  nameEn: string;
  ruleSetWeight: number;
  weight: number;
  composite: number | null;
  score: number | null;
  indicators: IndicatorExplanation[];
};

export type ScoreExplanation = {
  day: Day;
  entityKey: string;
  categoryCode: string;
  state: EntityScore["state"];
  validOrders: number;
  overall: number | null;
  overallShown: number | null;
  band: ThresholdBand | null;
  beatsPercent: number | null;
  beatsCohortSize: number | null;
  beatsFallback: boolean | null;
  /** overall (before clamping) = baseline + Σ indicator contributions. */
  baseline: number | null;
  dimensionWeightsOverridden: boolean;
  dimensions: DimensionExplanation[];
  ruleSet: {
    name: string;
    labelZh: string;
    labelEn: string;
    entityKind: RuleSet["entityKind"];
    halfLifeDays: number;
    windows: RuleSet["windows"];
    minValidOrders: number;
    cohortMinSize: number;
    comparisonDecimals: number;
    curve: RuleSet["curve"];
    scoreBounds: RuleSet["scoreBounds"];
    thresholds: RuleSet["thresholds"];
  };
};

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
  const dimensions = ruleSet.dimensions.map((dimension): DimensionExplanation => {
    const dimensionScore = scored?.dimensions[dimension.code];
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
    overallShown: scored ? roundScoreForDisplay(scored.overall) : null,
    band: scored ? thresholdBandOf(ruleSet, scored.overall) : null,
    beatsPercent: scored?.beatsPercent ?? null,
    beatsCohortSize: scored?.beatsCohortSize ?? null,
    beatsFallback: scored?.beatsFallback ?? null,
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
      scoreBounds: ruleSet.scoreBounds,
      thresholds: ruleSet.thresholds,
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
