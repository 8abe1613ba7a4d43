import type { DimensionExplanation, IndicatorExplanation, ScoreExplanation } from "@/lib/contracts/explanation";
import type { Day } from "@/server/lib/time";
import type { PointsRuleSet } from "../rule-sets/points-schema";
import { shownScoreOf } from "../score-display";
import { windowBounds } from "../window";
import { CURRENT_INDICATORS, type CurrentIndicatorCode } from "./indicator-codes";
import type { CurrentScore } from "./result";

/** How each indicator's value reads (the UI formats by it). */
const UNITS: Record<CurrentIndicatorCode, NonNullable<IndicatorExplanation["unit"]>> = {
  product_rating: "stars",
  quality_return_rate: "ratio",
  pickup_time_score: "points",
  avg_pickup_hours: "hours",
  delivery_ontime_rate: "ratio",
  fulfilment_return_rate: "ratio",
  damage_return_rate: "ratio",
  aftersale_review_hours: "hours",
  chat_response_seconds: "seconds",
  chat_dissatisfaction_rate: "ratio",
  platform_escalation_rate: "ratio",
  negative_review_rate: "ratio",
  product_return_rate: "ratio",
  late_dispatch_rate: "ratio",
  seller_fault_cancellation_rate: "ratio",
  chat_response_rate_12h: "ratio",
  seller_fault_return_rate: "ratio",
};

/** The rule set as the explanation carries it: its scale, window and cohort rule (no recency weighting: half-life 0). */
export function explanationRuleSetOf(ruleSet: PointsRuleSet): ScoreExplanation["ruleSet"] {
  const window = { fromDaysBefore: ruleSet.windowDays, toDaysBefore: 1 };
  return {
    name: ruleSet.name,
    labelZh: ruleSet.labelZh,
    labelEn: ruleSet.labelEn,
    entityKind: "shop",
    halfLifeDays: 0,
    windows: { main: window, quality_return: window },
    minValidOrders: ruleSet.stage?.minValidOrders ?? ruleSet.eligibility?.minDeliveredOrders ?? 0,
    cohortMinSize: ruleSet.cohort.minSize,
    comparisonDecimals: ruleSet.comparisonDecimals,
    curve: [],
    scoreBounds: ruleSet.scoreBounds,
    thresholds: ruleSet.scale.thresholds,
    displayDecimals: ruleSet.scale.displayDecimals,
  };
}

/**
 * A 100-point or SPS score as the §8 explanation the app stores and renders: the score is the
 * 100-point (or 0–5) total, each dimension its score and weight, each indicator its value,
 * percentile, band and protection with where its cut-offs and weight come from; `current` holds
 * the stage, the 5-point display, bonuses, deductions and bars. A growth-stage shop has a score
 * (the platform shows its flat 70 or 60) and no ranks; an SPS shop below 30 delivered orders none.
 */
export function buildCurrentExplanation(input: { ruleSet: PointsRuleSet; day: Day; categoryCode: string; score: CurrentScore }): ScoreExplanation {
  const { ruleSet, day, score } = input;
  const scale = explanationRuleSetOf(ruleSet);
  const overall = ruleSet.family === "tiktok-sps" ? (score.score ?? null) : score.score100;
  const scored = overall !== null;
  const window = windowBounds(day, { fromDaysBefore: ruleSet.windowDays, toDaysBefore: 1 });
  const dimensions = ruleSet.dimensions.map((dimension): DimensionExplanation => {
    const result = score.dimensions[dimension.code];
    const indicators = dimension.indicators.map((indicator): IndicatorExplanation => {
      const r = score.indicators[indicator.code];
      const definition = CURRENT_INDICATORS[indicator.code];
      const missing = r?.value == null;
      return {
        code: indicator.code,
        nameZh: definition.nameZh,
        nameEn: definition.nameEn,
        kind: UNITS[indicator.code] === "ratio" ? "rate" : "mean",
        better: definition.better,
        window: "main",
        windowFirstDay: window.first,
        windowLastDay: window.last,
        ruleSetWeight: indicator.weight,
        missing,
        value: r?.value ?? null,
        numerator: r?.numerator ?? null,
        denominator: r?.denominator ?? null,
        unweightedNumerator: r?.numerator ?? null,
        unweightedDenominator: r?.denominator ?? null,
        percentile: r?.percentile ?? null,
        cohortSize: r?.cohortSize ?? null,
        cohortCategory: r?.percentile === undefined ? null : r.fallback ? null : input.categoryCode,
        fallback: r?.fallback ?? null,
        cohort: null,
        weight: r?.weight ?? null,
        overallWeight: r?.weight !== undefined && result ? r.weight * result.weight : null,
        contribution: null,
        unit: UNITS[indicator.code],
        band: r?.points ?? r?.band ?? null,
        protected: r?.protected ?? null,
        badEvents: r ? r.badEvents : null,
        bandSource: r?.bandSource ?? null,
        weightSource: r?.weightSource ?? null,
      };
    });
    const shown = result ? shownScoreOf(scale, result.score) : null;
    return {
      code: dimension.code,
      nameZh: dimension.nameZh,
      nameEn: dimension.nameEn,
      ruleSetWeight: dimension.weight,
      weight: result?.weight ?? dimension.weight,
      composite: result?.composite ?? null,
      score: result?.score ?? null,
      scoreShown: shown?.shown ?? null,
      band: shown?.band ?? null,
      indicators,
    };
  });
  const shownOverall = scored ? shownScoreOf(scale, overall) : null;
  return {
    day,
    entityKey: score.key,
    categoryCode: input.categoryCode,
    state: scored ? "scored" : "insufficient_data",
    validOrders: score.validOrders ?? score.deliveredOrders ?? 0,
    overall,
    overallShown: shownOverall?.shown ?? null,
    band: shownOverall?.band ?? null,
    beatsPercent: null,
    beatsCohortSize: null,
    beatsFallback: null,
    beatsCohort: null,
    baseline: null,
    dimensionWeightsOverridden: Object.values(score.dimensions).some((d) => d.weightSource === "organisation"),
    dimensions,
    ruleSet: scale,
    current: {
      family: ruleSet.family,
      stage: score.state,
      score5: ruleSet.family === "douyin-100" ? score.score5 : null,
      penaltyEvents: score.penaltyEvents ?? null,
      deliveredOrders: score.deliveredOrders ?? null,
      bonuses: score.bonuses,
      deductions: score.deductions,
      bars: score.bars ?? null,
    },
  };
}
