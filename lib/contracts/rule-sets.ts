import type { EntityKind } from "./entity-kinds";

/** Rule-set names per entity kind; the definitions (weights, thresholds) live in server/scoring/rule-sets/. */
export const RULE_SET_NAMES_BY_KIND = {
  shop: ["douyin-shop-v1", "douyin-shop-v1.1", "douyin-shop-2026-07", "douyin-shop-2026-09", "tiktok-shop-sps"],
  creator: ["douyin-creator-v1"],
} as const satisfies Record<EntityKind, readonly [string, ...string[]]>;

export const DEFAULT_RULE_SET = { shop: "douyin-shop-v1", creator: "douyin-creator-v1" } as const satisfies Record<EntityKind, string>;

/** The 100-point and SPS rule sets (scoring-current-rules.md), scored from facts by server/scoring/current. */
export const POINTS_RULE_SET_NAMES = ["douyin-shop-2026-07", "douyin-shop-2026-09", "tiktok-shop-sps"] as const;
export type PointsRuleSetName = (typeof POINTS_RULE_SET_NAMES)[number];

/** Today's rules: what the app suggests when an organisation is created in the browser. */
export const TODAYS_SHOP_RULE_SET: PointsRuleSetName = "douyin-shop-2026-07";
