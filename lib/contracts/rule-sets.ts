import type { EntityKind } from "./entity-kinds";

/** Rule-set names per entity kind; the definitions (weights, thresholds) live in server/scoring/rule-sets/. */
export const RULE_SET_NAMES_BY_KIND = {
  shop: ["douyin-shop-v1", "douyin-shop-v1.1"],
  creator: ["douyin-creator-v1"],
} as const satisfies Record<EntityKind, readonly [string, ...string[]]>;

export const DEFAULT_RULE_SET = { shop: "douyin-shop-v1", creator: "douyin-creator-v1" } as const satisfies Record<EntityKind, string>;
