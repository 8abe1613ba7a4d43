import type { ValueParams } from "../window";
import { douyinCreatorV1 } from "./douyin-creator-v1";
import { douyinShopV1 } from "./douyin-shop-v1";
import { douyinShopV1_1 } from "./douyin-shop-v1.1";
import type { RuleSet } from "./schema";
export { POINTS_RULE_SET_NAMES } from "@/lib/contracts/rule-sets";
import { douyinShop2026_07 } from "./douyin-shop-2026-07";
import { douyinShop2026_09 } from "./douyin-shop-2026-09";
import type { PointsRuleSet } from "./points-schema";
import { notUnderCurrentRules, viewOfFivePoint, viewOfPoints, type RuleSetView } from "./view";
import { tiktokShopSps } from "./tiktok-shop-sps";

export { defineRuleSet, ruleSetSchema } from "./schema";
export type { DimensionWeights, RuleSet, RuleSetDimension } from "./schema";
export type { RuleSetView } from "./view";

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

const POINTS_REGISTRY: ReadonlyMap<string, PointsRuleSet> = new Map([douyinShop2026_07, douyinShop2026_09, tiktokShopSps].map((ruleSet) => [ruleSet.name, ruleSet]));

/** The 100-point and SPS rule set called `name` (scoring-current-rules.md), or undefined. */
export function findPointsRuleSet(name: string): PointsRuleSet | undefined {
  return POINTS_REGISTRY.get(name);
}

export function isPointsRuleSetName(name: string): boolean {
  return POINTS_REGISTRY.has(name);
}

const VIEWS: ReadonlyMap<string, RuleSetView> = new Map([
  ...[...REGISTRY.values()].map((ruleSet) => [ruleSet.name, viewOfFivePoint(ruleSet)] as const),
  ...[...POINTS_REGISTRY.values()].map((ruleSet) => [ruleSet.name, viewOfPoints(ruleSet)] as const),
]);

/** Every rule set's name, both engines. */
export const ALL_RULE_SET_NAMES: readonly string[] = [...VIEWS.keys()];

/** What any rule set shows the app (scale, bands, window, dimensions), or undefined for an unknown name. */
export function findRuleSetView(name: string): RuleSetView | undefined {
  return VIEWS.get(name);
}

export function getRuleSetView(name: string): RuleSetView {
  const view = VIEWS.get(name);
  if (!view) throw new RangeError(`unknown rule set: ${name}`);
  return view;
}

/**
 * The 5-point rule set for a tool built on its internals (what-if, outlook, drill-downs); an
 * entity scored under the current rules gets a translated refusal instead of a crash.
 */
export function fivePointRuleSet(name: string): RuleSet {
  const ruleSet = REGISTRY.get(name);
  if (ruleSet) return ruleSet;
  if (POINTS_REGISTRY.has(name)) throw notUnderCurrentRules(name);
  throw new RangeError(`unknown rule set: ${name}`);
}
