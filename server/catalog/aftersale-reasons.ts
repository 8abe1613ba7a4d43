import type { ReasonCategory } from "@/server/scoring/facts";

export type { ReasonCategory } from "@/server/scoring/facts";
export { REASON_CATEGORIES } from "@/server/scoring/facts";

/**
 * Default after-sale reason → category table (scoring.md §3). Only `quality` feeds an indicator
 * today (品质退货率), but the others are kept so the mapping can be shown and edited per
 * organisation. Text not listed is `other`.
 */
export const AFTERSALE_REASON_CATEGORIES: Readonly<Record<string, ReasonCategory>> = Object.freeze({
  质量问题: "quality",
  商品与描述不符: "quality",
  "假冒/非正品": "quality",
  商品破损: "quality",
  "少件/漏发": "quality",
  做工问题: "quality",
  物流慢: "logistics",
  快递破损: "logistics",
  未收到货: "logistics",
  尺码不合适: "size",
  七天无理由: "no_reason",
  不想要了: "no_reason",
  "拍错/多拍": "no_reason",
});

export type ReasonOverrides =
  | Readonly<Record<string, ReasonCategory>>
  | ReadonlyMap<string, ReasonCategory>
  | readonly { reason: string; category: ReasonCategory }[];

// Exports differ in stray spaces and in full-width vs half-width slashes; neither changes meaning.
function normaliseReason(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").replace(/／/g, "/");
}

const DEFAULT_BY_NORMALISED = new Map(
  Object.entries(AFTERSALE_REASON_CATEGORIES).map(([reason, category]) => [
    normaliseReason(reason),
    category,
  ]),
);

function overrideEntries(overrides: ReasonOverrides): [string, ReasonCategory][] {
  if (overrides instanceof Map) return [...overrides.entries()];
  if (Array.isArray(overrides))
    return overrides.map((o: { reason: string; category: ReasonCategory }) => [
      o.reason,
      o.category,
    ]);
  return Object.entries(overrides as Readonly<Record<string, ReasonCategory>>);
}

/**
 * The category of an after-sale reason. An organisation's overrides win over the default table;
 * an empty or unknown reason is `other`.
 */
export function categoriseReason(
  text: string | null | undefined,
  overrides?: ReasonOverrides,
): ReasonCategory {
  if (!text) return "other";
  const key = normaliseReason(text);
  if (key === "") return "other";
  if (overrides) {
    for (const [reason, category] of overrideEntries(overrides)) {
      if (normaliseReason(reason) === key) return category;
    }
  }
  return DEFAULT_BY_NORMALISED.get(key) ?? "other";
}
