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

/** Each rule set's name as operators read it, for client pages (a test keeps the definitions' labels equal). */
export const RULE_SET_LABELS: Record<(typeof RULE_SET_NAMES_BY_KIND)[EntityKind][number], { zh: string; en: string }> = {
  "douyin-shop-v1": { zh: "抖音商家体验分 v1", en: "Douyin shop experience score v1" },
  "douyin-shop-v1.1": { zh: "抖音商家体验分 v1.1", en: "Douyin shop experience score v1.1" },
  "douyin-shop-2026-07": { zh: "抖音商家体验分（百分制 2026-07）", en: "Douyin shop experience score (100-point, 2026-07)" },
  "douyin-shop-2026-09": { zh: "抖音商家体验分（百分制 2026-09）", en: "Douyin shop experience score (100-point, 2026-09)" },
  "tiktok-shop-sps": { zh: "TikTok Shop 店铺表现分（SPS）", en: "TikTok Shop Performance Score (SPS)" },
  "douyin-creator-v1": { zh: "抖音达人带货口碑分 v1", en: "Douyin creator sales reputation score v1" },
};
