import { describe, expect, it } from "vitest";
import { buildExplanation } from "@/server/scoring/explain";
import { roundScoreForDisplay, thresholdBandOf } from "@/server/scoring/score-display";
import { computeIndicatorValues, valueMapOf } from "@/server/scoring/indicator-values";
import { getRuleSet } from "@/server/scoring/rule-sets";
import { buildDailyRollups } from "@/server/scoring/rollups";
import { scoreDay } from "@/server/scoring/score-day";
import { loadCanonicalSamples } from "@/tests/helpers/canonical-samples";

const DAY = "2026-05-20";
const v1 = getRuleSet("douyin-shop-v1");
const shops = loadCanonicalSamples().shops;
const values = shops.map((shop) => computeIndicatorValues(buildDailyRollups(shop.facts), DAY));
const scores = scoreDay({
  ruleSet: v1,
  entities: shops.map((shop, i) => {
    const computed = values[i];
    if (!computed) throw new Error("values missing");
    return {
      key: shop.key,
      categoryCode: shop.categoryCode,
      validOrders: computed.validOrders,
      values: valueMapOf(computed),
    };
  }),
});

function explain(key: string) {
  const index = shops.findIndex((shop) => shop.key === key);
  const score = scores[index];
  const computed = values[index];
  if (!score || !computed) throw new Error(`no shop ${key}`);
  return buildExplanation({ ruleSet: v1, day: DAY, values: computed, score });
}

describe("roundScoreForDisplay", () => {
  it("rounds half up to 2 decimals despite binary noise", () => {
    expect(roundScoreForDisplay(4.605, v1.displayDecimals)).toBe(4.61);
    expect(roundScoreForDisplay(4.6049, v1.displayDecimals)).toBe(4.6);
    expect(roundScoreForDisplay(4.044246031746032, v1.displayDecimals)).toBe(4.04);
    expect(roundScoreForDisplay(5, v1.displayDecimals)).toBe(5);
  });
});

describe("thresholdBandOf", () => {
  it("picks the highest threshold the shown score reaches", () => {
    expect(thresholdBandOf(v1, 4.3)?.minScore).toBeNull();
    expect(thresholdBandOf(v1, 4.396)?.minScore).toBe(4.4);
    expect(thresholdBandOf(v1, 4.7)?.minScore).toBe(4.6);
    expect(thresholdBandOf(v1, 4.8)?.minScore).toBe(4.8);
  });
});

describe("buildExplanation", () => {
  it("explains a scored shop: every indicator's numbers, cohort and contribution, and the rule set", () => {
    const explanation = explain("s001");
    expect(explanation).toMatchObject({
      state: "scored",
      entityKey: "s001",
      ruleSet: { name: "douyin-shop-v1", halfLifeDays: 30, minValidOrders: 30, cohortMinSize: 20 },
    });
    expect(explanation.overallShown).toBe(4.04);
    const indicators = explanation.dimensions.flatMap((d) => d.indicators);
    expect(indicators).toHaveLength(10);
    const returnRefund = indicators.find((i) => i.code === "return_refund_hours");
    expect(returnRefund).toMatchObject({
      fallback: true,
      cohortCategory: null,
      cohortSize: 36,
      windowFirstDay: "2026-02-19",
      windowLastDay: "2026-05-19",
    });
    const quality = indicators.find((i) => i.code === "quality_return_rate");
    expect(quality).toMatchObject({
      window: "quality_return",
      windowFirstDay: "2026-02-05",
      windowLastDay: "2026-05-05",
    });
    for (const indicator of indicators) {
      expect(indicator.missing).toBe(false);
      expect(indicator.value).toBeCloseTo(
        (indicator.numerator ?? Number.NaN) / (indicator.denominator ?? Number.NaN),
        12,
      );
      expect(indicator.unweightedDenominator).toBeGreaterThan(0);
    }
    const contributions = indicators.reduce((sum, i) => sum + (i.contribution ?? 0), 0);
    expect((explanation.baseline ?? Number.NaN) + contributions).toBeCloseTo(
      explanation.overall ?? Number.NaN,
      12,
    );
  });

  it("explains an unscored shop with values and no peer numbers", () => {
    const explanation = explain("s003");
    expect(explanation).toMatchObject({
      state: "insufficient_data",
      overall: null,
      beatsPercent: null,
      validOrders: 5,
    });
    const refundOnly = explanation.dimensions
      .flatMap((d) => d.indicators)
      .find((i) => i.code === "refund_only_hours");
    expect(refundOnly).toMatchObject({ missing: true, value: null, percentile: null });
    const goodReview = explanation.dimensions
      .flatMap((d) => d.indicators)
      .find((i) => i.code === "good_review_rate");
    expect(goodReview).toMatchObject({ missing: false, value: 0, percentile: null });
  });

  it("is JSON-safe and identical when rebuilt", () => {
    const first = explain("s002");
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    expect(JSON.stringify(explain("s002"))).toBe(JSON.stringify(first));
  });
});
