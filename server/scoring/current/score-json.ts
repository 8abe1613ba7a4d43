import type { ScoreJsonEntity } from "../score-json";
import type { PointsRuleSet } from "../rule-sets/points-schema";
import type { CurrentScore } from "./result";
import { ruleSetIndicators } from "./score-current";

/**
 * A 100-point or SPS score as `koubei score --rule-set …` prints it (a contract used by acceptance
 * checks): unrounded numbers; every indicator of the rule set, a missing one with "value": null;
 * percentile, band, weight and protected null where the stage or the rule set has none.
 */
export function toCurrentScoreJson(entity: ScoreJsonEntity, ruleSet: PointsRuleSet, score: CurrentScore) {
  const indicators: Record<string, Record<string, unknown>> = {};
  for (const code of ruleSetIndicators(ruleSet)) {
    const result = score.indicators[code];
    indicators[code] = {
      value: result?.value ?? null,
      numerator: result?.numerator ?? null,
      denominator: result?.denominator ?? null,
      percentile: result?.percentile ?? null,
      band: result?.band ?? null,
      weight: result?.weight ?? null,
      protected: result?.protected ?? null,
      badEvents: result?.badEvents ?? 0,
      cohortSize: result?.cohortSize ?? null,
      fallback: result?.fallback ?? null,
      ...(result?.points !== undefined ? { points: result.points } : {}),
    };
  }
  const dimensions: Record<string, { score: number; weight: number; composite?: number }> = {};
  for (const [code, d] of Object.entries(score.dimensions)) dimensions[code] = { score: d.score, weight: d.weight, ...(d.composite !== undefined ? { composite: d.composite } : {}) };
  return {
    entity,
    ruleSet: score.ruleSet,
    date: score.date,
    state: score.state,
    ...(score.validOrders !== undefined ? { validOrders: score.validOrders, penaltyEvents: score.penaltyEvents ?? 0 } : {}),
    ...(score.deliveredOrders !== undefined ? { deliveredOrders: score.deliveredOrders } : {}),
    score100: score.score100,
    score5: score.score5,
    ...(score.score !== undefined ? { score: score.score } : {}),
    dimensions,
    indicators,
    bonuses: score.bonuses,
    deductions: score.deductions,
    ...(score.bars ? { bars: score.bars } : {}),
  };
}
