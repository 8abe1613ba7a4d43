import { describe, expect, it } from "vitest";
import { evaluateThresholds, thresholdsOnStoredDays, type DailyPoints } from "@/server/scoring/current/thresholds";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";

const ruleSet = findPointsRuleSet("douyin-shop-2026-07");
if (!ruleSet) throw new Error("rule set");

/** `n` days ending 2026-06-01 with the given scores (oldest first) and the same dimensions each day. */
function days(scores: readonly number[], dimensions: Record<string, number> = { product: 80, logistics: 80, service: 80 }): DailyPoints[] {
  return scores.map((score, i) => ({ day: `2026-05-${String(i + 1).padStart(2, "0")}`, score, dimensions }));
}

const statusOf = (code: string, history: DailyPoints[], categories: string[] = ["apparel", "服饰内衣"]) =>
  evaluateThresholds(ruleSet, categories, history).find((t) => t.code === code);

describe("the 100-point thresholds (scoring-current-rules.md)", () => {
  it("精选联盟: score ≥ 70 and product ≥ 65 on the day; 69.99 or product 64.9 fails", () => {
    expect(statusOf("alliance", days([70], { product: 65 }))?.status).toBe("met");
    expect(statusOf("alliance", days([69.99], { product: 90 }))?.status).toBe("not_met");
    expect(statusOf("alliance", days([90], { product: 64.9 }))?.status).toBe("not_met");
  });

  it("精选联盟 category gates: fresh produce 72 & 70, seafood 75 & 72, medical devices 80 & 75", () => {
    expect(statusOf("alliance", days([71], { product: 80 }), ["fresh", "生鲜"])).toMatchObject({ status: "not_met", minScore: 72, minDimensions: { product: 70 } });
    expect(statusOf("alliance", days([72], { product: 70 }), ["fresh", "生鲜"])?.status).toBe("met");
    expect(statusOf("alliance", days([75], { product: 71.9 }), ["seafood"])?.status).toBe("not_met");
    expect(statusOf("alliance", days([80], { product: 75 }), ["医疗器械"])?.status).toBe("met");
  });

  it("official campaigns take the 7-day average: six days at 72 and one at 58 average 70 (met); fewer than 7 days stored is unknown", () => {
    expect(statusOf("campaigns", days([72, 72, 72, 72, 72, 72, 58]))).toMatchObject({ status: "met", average: 70 });
    expect(statusOf("campaigns", days([72, 72, 72, 72, 72, 71, 58]))?.status).toBe("not_met");
    expect(statusOf("campaigns", days([90, 90, 90]))).toMatchObject({ status: "unknown", daysKnown: 3, days: 7 });
  });

  it("the brand badge takes the 30-day average ≥ 80", () => {
    expect(statusOf("brand_badge", days(Array.from({ length: 30 }, (_, i) => (i < 15 ? 85 : 75)))))?.toMatchObject({ status: "met", average: 80 });
    expect(statusOf("brand_badge", days(Array.from({ length: 30 }, (_, i) => (i === 0 ? 79.7 : 80)))))?.toMatchObject({ status: "not_met" });
  });

  it("super lucky-bag prizes need shop 80, product 75, logistics 75 and service 70", () => {
    expect(statusOf("lucky_bag", days([80], { product: 75, logistics: 75, service: 70 }))?.status).toBe("met");
    expect(statusOf("lucky_bag", days([85], { product: 75, logistics: 74.9, service: 90 }))?.status).toBe("not_met");
  });

  it("the restricted-category exit: below 60 on every day of 14, only for infant formula, aged liquor and books", () => {
    const below = days(Array.from({ length: 14 }, () => 59.9));
    expect(statusOf("restricted_exit", below, ["infant_formula", "婴幼儿奶粉"])).toMatchObject({ status: "not_met", risk: true });
    const oneDayAt60 = days(Array.from({ length: 14 }, (_, i) => (i === 6 ? 60 : 50)));
    expect(statusOf("restricted_exit", oneDayAt60, ["books_education"])?.status).toBe("met");
    expect(statusOf("restricted_exit", below, ["apparel"])).toBeUndefined();
    expect(statusOf("restricted_exit", below.slice(1), ["年份酒"])?.status).toBe("unknown");
  });

  it("a day missing from the span makes a span rule unknown: it never reaches back past its calendar days", () => {
    const tenDays = days([80, 80, 80, 50, 72, 72, 72, 72, 72, 72]);
    expect(statusOf("campaigns", tenDays)).toMatchObject({ status: "not_met", daysKnown: 7 });
    const gap = tenDays.filter((d) => d.day !== "2026-05-07");
    expect(statusOf("campaigns", gap)).toMatchObject({ status: "unknown", daysKnown: 6, days: 7 });
  });

  it("reads stored days in any order, leaving out later days and days without a score, with the asked day's dimensions", () => {
    const stored = [
      { day: "2026-05-09", score: 58 },
      { day: "2026-05-03", score: 72 },
      { day: "2026-05-08", score: 72 },
      { day: "2026-05-04", score: 72 },
      { day: "2026-05-06", score: 72 },
      { day: "2026-05-07", score: 72 },
      { day: "2026-05-05", score: 72 },
      { day: "2026-05-10", score: 10 },
      { day: "2026-05-02", score: null },
    ];
    const statuses = thresholdsOnStoredDays(ruleSet, ["apparel"], "2026-05-09", { product: 64 }, stored);
    expect(statuses.find((t) => t.code === "campaigns")).toMatchObject({ status: "met", average: 70, daysKnown: 7 });
    expect(statuses.find((t) => t.code === "alliance")?.status).toBe("not_met");
  });
});
