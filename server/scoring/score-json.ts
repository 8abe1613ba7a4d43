import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { ScoreExplanation } from "./explain";

export type ScoreJsonEntity = {
  kind: EntityKind;
  id: string;
  externalId: string;
  name: string;
  category: string;
};

/**
 * The score as the CLI prints it (a contract used by acceptance checks): unrounded numbers,
 * missing indicators absent, cohortCategory null when the cohort fell back to all categories.
 */
export function toScoreJson(
  entity: ScoreJsonEntity,
  explanation: ScoreExplanation,
  categoryName: (code: string) => string,
) {
  const indicators: Record<string, Record<string, unknown>> = {};
  const dimensions: Record<
    string,
    { composite: number | null; score: number | null; weight: number }
  > = {};
  for (const dimension of explanation.dimensions) {
    if (explanation.state === "scored")
      dimensions[dimension.code] = {
        composite: dimension.composite,
        score: dimension.score,
        weight: dimension.weight,
      };
    for (const ind of dimension.indicators) {
      if (ind.missing || ind.value === null) continue;
      indicators[ind.code] =
        explanation.state === "scored"
          ? {
              value: ind.value,
              numerator: ind.numerator,
              denominator: ind.denominator,
              percentile: ind.percentile,
              cohortSize: ind.cohortSize,
              cohortCategory: ind.cohortCategory === null ? null : categoryName(ind.cohortCategory),
              fallback: ind.fallback,
              weight: ind.weight,
              contribution: ind.contribution,
            }
          : { value: ind.value, numerator: ind.numerator, denominator: ind.denominator };
    }
  }
  return {
    entity,
    ruleSet: explanation.ruleSet.name,
    date: explanation.day,
    state: explanation.state,
    validOrders: explanation.validOrders,
    overall: explanation.overall,
    beatsPercent: explanation.beatsPercent,
    dimensions,
    indicators,
  };
}
