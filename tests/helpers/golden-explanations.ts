import type { ScoreExplanation } from "@/lib/contracts/explanation";
import { buildExplanation } from "@/server/scoring/explain";
import { computeIndicatorValues, valueMapOf } from "@/server/scoring/indicator-values";
import type { RuleSet } from "@/server/scoring/rule-sets";
import { buildDailyRollups } from "@/server/scoring/rollups";
import { scoreDay } from "@/server/scoring/score-day";
import type { SampleEntity } from "./canonical-samples";

/** The day the expected files of the canonical samples are computed for. */
export const GOLDEN_DAY = "2026-05-20";

/** The engine's explanation of every sample entity under a rule set, as the scoring service builds it. */
export function explainSamples(ruleSet: RuleSet, entities: readonly SampleEntity[], day = GOLDEN_DAY): ScoreExplanation[] {
  const values = entities.map((entity) => computeIndicatorValues(buildDailyRollups(entity.facts), day));
  const scores = scoreDay({
    ruleSet,
    entities: entities.map((entity, i) => {
      const computed = values[i];
      if (!computed) throw new Error(`no values for ${entity.key}`);
      return { key: entity.key, categoryCode: entity.categoryCode, validOrders: computed.validOrders, values: valueMapOf(computed) };
    }),
  });
  return scores.map((score, i) => {
    const computed = values[i];
    if (!computed) throw new Error(`no values for ${score.key}`);
    return buildExplanation({ ruleSet, day, values: computed, score });
  });
}
