import type { GoalMetricRef, GoalProgress } from "@/lib/contracts/goals";
import { badInput } from "@/server/lib/errors";
import { INDICATORS, isIndicatorCode } from "@/server/scoring/indicators";
import type { RuleSetView } from "@/server/scoring/rule-sets";
import { notUnderCurrentRules } from "@/server/scoring/rule-sets/view";

/** A goal's metric, checked against the entity's rule set. */
export type GoalTarget = { metric: "overall" } | { metric: "dimension"; code: string } | { metric: "indicator"; code: string };

export type MetricInfo = Pick<GoalProgress, "nameZh" | "nameEn" | "better" | "unit" | "decimals">;

/** The metric as the goal's entity's rule set knows it; a code the rule set lacks is bad input. */
export function metricOf(ruleSet: RuleSetView, ref: GoalMetricRef): { target: GoalTarget; info: MetricInfo } {
  if (ref.metric === "overall") {
    return { target: ref, info: { nameZh: "综合评分", nameEn: "Overall score", better: "higher", unit: "score", decimals: ruleSet.displayDecimals } };
  }
  if (ref.metric === "dimension") {
    const dimension = ruleSet.dimensions.find((d) => d.code === ref.code);
    if (!dimension) throw badInput("goalUnknownMetric", "code", { code: ref.code });
    return { target: ref, info: { nameZh: dimension.nameZh, nameEn: dimension.nameEn, better: "higher", unit: "score", decimals: ruleSet.displayDecimals } };
  }
  // Indicator goals read the 5-point indicators' stored values; the current rules' goals are on scores.
  if (ruleSet.family !== "five-point") throw notUnderCurrentRules(ruleSet.name);
  const inRuleSet = ruleSet.dimensions.some((d) => d.indicators.some((i) => i.code === ref.code));
  if (!inRuleSet || !isIndicatorCode(ref.code)) throw badInput("goalUnknownMetric", "code", { code: ref.code });
  const indicator = INDICATORS[ref.code];
  return {
    target: ref,
    info: {
      nameZh: indicator.nameZh,
      nameEn: indicator.nameEn,
      better: indicator.better,
      unit: indicator.kind === "rate" ? "rate" : "hours",
      decimals: indicator.kind === "rate" ? 4 : 1,
    },
  };
}

/** A stored goal row's metric back as a reference (a code that no longer fits reads as the overall score's neighbour: refused). */
export const refOf = (row: { metric: GoalTarget["metric"]; code: string | null }): GoalMetricRef =>
  row.metric === "overall" ? { metric: "overall" } : { metric: row.metric, code: row.code ?? "" };
