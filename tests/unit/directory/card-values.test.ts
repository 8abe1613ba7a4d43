import { describe, expect, it } from "vitest";
import { cardValuesOf, trendOf, type DayScore } from "@/server/directory/card-values";
import { publicCard, type CardRow } from "@/server/directory/public-card";
import { getRuleSet } from "@/server/scoring/rule-sets";

const ruleSet = getRuleSet("douyin-shop-v1");
const day = (overall: number | null, d = "2026-05-20"): DayScore => ({
  day: d,
  overall,
  dimensions: { product: 4.71, logistics: 4.52, service: 4.63 },
  goodReviewRate: 0.9345,
  indicators: [{ code: "good_review_rate", nameZh: "好评率", nameEn: "Good review rate", value: 0.9345, percentile: 0.8 }],
});

describe("card values", () => {
  it("a 30-day change within 1% of the score range (0.02 of 3–5) is stable; beyond it improving or falling", () => {
    expect(trendOf(0.02, ruleSet)).toBe("stable");
    expect(trendOf(-0.02, ruleSet)).toBe("stable");
    expect(trendOf(0.03, ruleSet)).toBe("improving");
    expect(trendOf(-0.05, ruleSet)).toBe("falling");
    expect(trendOf(null, ruleSet)).toBeNull();
  });

  it("writes only the chosen fields; the trend compares with 30 and 90 days before", () => {
    const values = cardValuesOf(["overall", "trend"], day(4.6), { d30: day(4.5), d90: day(4.7) }, ruleSet);
    expect(values).toEqual({ day: "2026-05-20", overall: 4.6, product: null, logistics: null, service: null, goodReviewRate: null, trend30: 0.1, trend90: -0.1, trend: "improving", indicators: null });
    const all = cardValuesOf(["overall", "dimensions", "goodReviewRate", "indicators"], day(4.6), {}, ruleSet);
    expect(all).toMatchObject({ product: 4.71, logistics: 4.52, service: 4.63, goodReviewRate: 0.9345, trend30: null, trend: null });
    expect(all.indicators).toHaveLength(1);
  });

  it("publicCard drops every field outside the mask, even one a row carries", () => {
    const row: CardRow = {
      id: "card", entityKind: "shop", name: "店", fields: ["overall"], categoryCode: "beauty", categoryZh: "美妆", categoryEn: "Beauty", ruleSet: "douyin-shop-v1",
      contact: "wx", scoreDecimals: 2, scoreMin: 3, scoreMax: 5, day: "2026-05-20", overall: 4.6, product: 4.7, logistics: 4.5, service: 4.6, goodReviewRate: 0.93, trend30: 0.1, trend90: 0, trend: "improving", indicators: [], updatedAt: new Date(),
    };
    expect(publicCard(row)).toEqual({ kind: "shop", card: "card", name: "店", fields: ["overall"], day: "2026-05-20", scoreDecimals: 2, scale: { min: 3, max: 5 }, overall: 4.6 });
  });
});
