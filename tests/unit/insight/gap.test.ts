import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gapOf } from "@/server/insight/gap";
import { applyChanges, countModelOf, countToReach, scoreWithValues, valueAfterCount, type WhatIfContext } from "@/server/insight/what-if";
import type { IndicatorValues } from "@/server/scoring/indicator-values";
import { getRuleSet } from "@/server/scoring/rule-sets";
import { shownScoreOf } from "@/server/scoring/score-display";
import type { ScoreDayEntity } from "@/server/scoring/score-day";
import { entitiesArb, ruleSetArb } from "../scoring/score-arbitraries";

const ruleSet = getRuleSet("douyin-shop-v1");

/**
 * A hand-made cohort of 30 shops of one category: shop k has good_review_rate 0.60 + k/100 and
 * every other indicator the same for all, so only the good-review rank tells them apart.
 * Shop 0 (the worst) is the one asking; its reviews are 60 good of 100 at weight 1.
 */
function handMadeContext(): WhatIfContext {
  const same = {
    quality_return_rate: 0.02,
    logistics_good_review_rate: 0.9,
    avg_delivery_hours: 60,
    service_good_review_rate: 0.9,
    complaint_rate: 0.01,
    dispute_merchant_rate: 0.001,
    im_3min_reply_rate: 0.8,
    refund_only_hours: 20,
    return_refund_hours: 30,
  };
  const cohort: ScoreDayEntity[] = Array.from({ length: 30 }, (_, k) => ({
    key: `s${k}`,
    categoryCode: "beauty",
    validOrders: 100,
    values: { ...same, good_review_rate: Number((0.6 + k / 100).toFixed(6)) },
  }));
  const rate = (numerator: number, denominator: number) => ({ value: numerator / denominator, numerator, denominator, unweightedNumerator: numerator, unweightedDenominator: denominator });
  const detail = { day: "2026-06-01", validOrders: 100, indicators: { good_review_rate: rate(60, 100), quality_return_rate: rate(2, 100) } } as unknown as IndicatorValues;
  return { ruleSet, day: "2026-06-01", index: 0, cohort, detail };
}

describe("counts of events (hand-made)", () => {
  it("40 more good reviews on 60 of 100 make 100 of 140; 20 fewer quality returns come off the numerator only", () => {
    const good = countModelOf("good_review_rate", { value: 0.6, numerator: 60, denominator: 100, unweightedNumerator: 60, unweightedDenominator: 100 });
    expect(good && valueAfterCount(good, 40)).toBeCloseTo(100 / 140, 12);
    // Weighted 5 of 100 over 200 plain orders: each order weighs 0.5 on average.
    const returns = countModelOf("quality_return_rate", { value: 0.05, numerator: 5, denominator: 100, unweightedNumerator: 10, unweightedDenominator: 200 });
    expect(returns && valueAfterCount(returns, -4)).toBeCloseTo(3 / 100, 12);
    expect(returns && valueAfterCount(returns, -100)).toBe(0);
    expect(countModelOf("avg_delivery_hours", { value: 50, numerator: 500, denominator: 10, unweightedNumerator: 500, unweightedDenominator: 10 })).toBeNull();
  });

  it("counts the smallest whole number of events that reaches a rate", () => {
    // (8 + c) / (10 + c) ≥ 0.9 ⇔ c ≥ 10
    const good = { eventWeight: 1, numerator: 8, denominator: 10, grows: "both" as const };
    expect(countToReach(good, 0.9, "higher")).toBe(10);
    expect(countToReach(good, 0.8, "higher")).toBe(0);
    expect(countToReach(good, 1, "higher")).toBeNull();
    // (5 + 0.5c) / 100 ≤ 0.02 ⇔ c ≤ −6
    const returns = { eventWeight: 0.5, numerator: 5, denominator: 100, grows: "numerator" as const };
    expect(countToReach(returns, 0.02, "lower")).toBe(-6);
    // (5 + 0.5c) / 100 ≤ 0.031 ⇔ c ≤ −3.8: four fewer
    expect(countToReach(returns, 0.031, "lower")).toBe(-4);
  });
});

describe("gap to threshold (hand-made cohort)", () => {
  it("finds the nearest good-review rate on the 0.01% grid that reaches 4.6, and the grid step before it does not", () => {
    const context = handMadeContext();
    const gap = gapOf(context, 4.6);
    expect(gap.status).toBe("gap");
    if (gap.status !== "gap") return;
    const single = gap.single.find((s) => s.code === "good_review_rate");
    expect(single?.needed).not.toBeNull();
    const needed = single?.needed ?? Number.NaN;
    const shownWith = (value: number) => shownScoreOf(ruleSet, scoreWithValues(context, { ...context.cohort[0]?.values, good_review_rate: value }).overall ?? 0).shown;
    expect(shownWith(needed)).toBeGreaterThanOrEqual(4.6);
    expect(shownWith(Number((needed - 1e-4).toFixed(6)))).toBeLessThan(4.6);
    // On the grid: no peer's raw value is handed back.
    expect(Number((needed * 1e4).toFixed(6)) % 1).toBe(0);
    // 60 of 100 good, each new review at weight 1: the count is the exact whole number of reviews that gets there.
    const count = single?.count ?? Number.NaN;
    expect((60 + count) / (100 + count)).toBeGreaterThanOrEqual(needed);
    expect((60 + count - 1) / (100 + count - 1)).toBeLessThan(needed);
    // Every other indicator is tied across the cohort; its best value helps, but alone it cannot lift the product dimension enough.
    expect(gap.combined?.steps[0]?.code).toBeDefined();
    const combined = applyChanges(context, (gap.combined?.steps ?? []).map((s) => ({ indicator: s.code, countDelta: s.count })));
    expect(shownScoreOf(ruleSet, scoreWithValues(context, combined).overall ?? 0).shown).toBeGreaterThanOrEqual(4.6);
  });

  it("is reached at today's score, and not_scored for an entity without enough orders", () => {
    const context = handMadeContext();
    const today = scoreWithValues(context, context.cohort[0]?.values ?? {}).overall ?? 0;
    expect(gapOf(context, shownScoreOf(ruleSet, today).shown).status).toBe("reached");
    const unscored = { ...context, cohort: context.cohort.map((e, i) => (i === 0 ? { ...e, validOrders: 3 } : e)) };
    expect(gapOf(unscored, 4.8).status).toBe("not_scored");
  });
});

describe("what-if on the hypothetical grid", () => {
  it("ranks a changed value on the grid, keeps a restated one exact", () => {
    const context = handMadeContext();
    const own = context.cohort[0]?.values.good_review_rate ?? Number.NaN;
    expect(applyChanges(context, [{ indicator: "good_review_rate", value: 0.7123456 }]).good_review_rate).toBe(0.7123);
    expect(applyChanges(context, [{ indicator: "avg_delivery_hours", value: 47.26 }]).avg_delivery_hours).toBe(47.3);
    expect(applyChanges(context, [{ indicator: "good_review_rate", value: own }]).good_review_rate).toBe(own);
  });
});

describe("what-if (property)", () => {
  it("restating an entity's own values reproduces its score exactly, whatever the cohort", () => {
    fc.assert(
      fc.property(entitiesArb, ruleSetArb, fc.nat(), (entities, anyRuleSet, pick) => {
        const index = pick % entities.length;
        const context: WhatIfContext = { ruleSet: anyRuleSet, day: "2026-06-01", index, cohort: entities, detail: null };
        const own = entities[index]?.values ?? {};
        const restated = applyChanges(context, Object.entries(own).filter(([code, value]) => value !== undefined && anyRuleSet.dimensions.some((d) => d.indicators.some((i) => i.code === code))).map(([indicator, value]) => ({ indicator, value: value ?? 0 })));
        expect(scoreWithValues(context, restated)).toEqual(scoreWithValues(context, own));
      }),
      { numRuns: 60 },
    );
  });
});
