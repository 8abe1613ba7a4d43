import type { ValueParams } from "../window";
import { douyinCreatorV1 } from "./douyin-creator-v1";
import { douyinShopV1 } from "./douyin-shop-v1";
import { douyinShopV1_1 } from "./douyin-shop-v1.1";
import type { RuleSet } from "./schema";

export { defineRuleSet, ruleSetSchema } from "./schema";
export type { DimensionWeights, RuleSet, RuleSetDimension } from "./schema";

const REGISTRY: ReadonlyMap<string, RuleSet> = new Map(
  [douyinShopV1, douyinShopV1_1, douyinCreatorV1].map((ruleSet) => [ruleSet.name, ruleSet]),
);

export const RULE_SET_NAMES = ["douyin-shop-v1", "douyin-shop-v1.1", "douyin-creator-v1"] as const;
export type RuleSetName = (typeof RULE_SET_NAMES)[number];

export function isRuleSetName(name: string): name is RuleSetName {
  return REGISTRY.has(name);
}

/** The rule set called `name`, or undefined for a name no rule set has. */
export function findRuleSet(name: string): RuleSet | undefined {
  return REGISTRY.get(name);
}

export function getRuleSet(name: RuleSetName): RuleSet;
export function getRuleSet(name: string): RuleSet;
export function getRuleSet(name: string): RuleSet {
  const ruleSet = REGISTRY.get(name);
  if (!ruleSet) throw new RangeError(`unknown rule set: ${name}`);
  return ruleSet;
}

export function ruleSetsFor(entityKind: RuleSet["entityKind"]): RuleSet[] {
  return [...REGISTRY.values()].filter((ruleSet) => ruleSet.entityKind === entityKind);
}

/** The parameters computeIndicatorValues needs; equal for rule sets that can share cached values. */
export function valueParamsOf(ruleSet: RuleSet): ValueParams {
  return { halfLifeDays: ruleSet.halfLifeDays, windows: ruleSet.windows };
}
