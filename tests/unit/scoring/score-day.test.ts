import { describe, expect, it } from "vitest";
import { applyCurve } from "@/server/scoring/curve";
import type { IndicatorValueMap } from "@/server/scoring/indicators";
import { defineRuleSet, getRuleSet } from "@/server/scoring/rule-sets";
import {
  scoreDay,
  type EntityScore,
  type ScoreDayEntity,
  type ScoredEntity,
} from "@/server/scoring/score-day";

const v1 = getRuleSet("douyin-shop-v1");

function entity(
  key: string,
  values: IndicatorValueMap,
  overrides: Partial<ScoreDayEntity> = {},
): ScoreDayEntity {
  return { key, categoryCode: "apparel", validOrders: 100, values, ...overrides };
}

function scored(result: EntityScore | undefined): ScoredEntity {
  if (result?.state !== "scored") throw new Error(`expected a scored entity, got ${result?.state}`);
  return result;
}

/** n apparel shops with good_review_rate 0, 1/n, 2/n … */
function ladder(n: number, category = "apparel"): ScoreDayEntity[] {
  return Array.from({ length: n }, (_, i) =>
    entity(`${category}-${i}`, { good_review_rate: i / n }, { categoryCode: category }),
  );
}

describe("scoreDay", () => {
  it("ranks within the category when it has at least 20 holders", () => {
    const results = scoreDay({ ruleSet: v1, entities: [...ladder(20), ...ladder(5, "beauty")] });
    const top = scored(results[19]);
    expect(top.indicators.good_review_rate).toMatchObject({
      cohortSize: 20,
      cohortCategory: "apparel",
      fallback: false,
      percentile: 19.5 / 20,
    });
  });

  it("falls back to every eligible entity when the category has fewer than 20 holders", () => {
    const results = scoreDay({ ruleSet: v1, entities: [...ladder(20), ...ladder(5, "beauty")] });
    const beauty = scored(results.find((r) => r.key === "beauty-4"));
    expect(beauty.indicators.good_review_rate).toMatchObject({
      cohortSize: 25,
      cohortCategory: null,
      fallback: true,
    });
    // beauty-4 has 0.8: below it 16 apparel (0 … 0.75) and 4 beauty shops, tied with apparel-16.
    expect(beauty.indicators.good_review_rate?.percentile).toBe((20 + 0.5 * 2) / 25);
  });

  it("leaves ineligible entities out of cohorts and gives them values only", () => {
    const entities = [...ladder(20), entity("small", { good_review_rate: 1 }, { validOrders: 29 })];
    const results = scoreDay({ ruleSet: v1, entities });
    const small = results[20];
    expect(small).toMatchObject({
      state: "insufficient_data",
      overall: null,
      beatsPercent: null,
      validOrders: 29,
    });
    expect(small?.indicators).toEqual({ good_review_rate: { value: 1 } });
    expect(scored(results[19]).indicators.good_review_rate?.cohortSize).toBe(20);
  });

  it("scores an entity with exactly the minimum of 30 valid orders", () => {
    expect(
      scoreDay({ ruleSet: v1, entities: [entity("s", {}, { validOrders: 30 })] })[0]?.state,
    ).toBe("scored");
  });

  it("renormalises over present indicators and gives an all-missing dimension 0.5", () => {
    const peers = Array.from({ length: 4 }, (_, i) =>
      entity(`p${i}`, { good_review_rate: 0.5, complaint_rate: 0.01 * (i + 1) }),
    );
    const shop = entity("s", { good_review_rate: 0.9, complaint_rate: 0 });
    const result = scored(scoreDay({ ruleSet: v1, entities: [...peers, shop] })[4]);
    // product: only good_review_rate present → composite = its percentile (best of 5 → 0.9).
    expect(result.dimensions.product?.composite).toBe(0.9);
    expect(result.indicators.good_review_rate?.weight).toBe(1);
    expect(result.dimensions.logistics).toMatchObject({
      composite: 0.5,
      score: 4.6,
      presentIndicators: 0,
    });
    expect(result.dimensions.service?.composite).toBe(0.9);
    expect(result.missingIndicators).toEqual(
      expect.arrayContaining([
        "quality_return_rate",
        "logistics_good_review_rate",
        "avg_delivery_hours",
        "im_3min_reply_rate",
      ]),
    );
    const expected = 0.4 * applyCurve(v1.curve, 0.9) + 0.3 * 4.6 + 0.3 * applyCurve(v1.curve, 0.9);
    expect(result.overall).toBeCloseTo(expected, 12);
  });

  it("gives a lone eligible entity percentile 0.5 everywhere and beats 0%", () => {
    const result = scored(
      scoreDay({
        ruleSet: v1,
        entities: [entity("s", { good_review_rate: 0.3, avg_delivery_hours: 50 })],
      })[0],
    );
    expect(result.indicators.good_review_rate?.percentile).toBe(0.5);
    expect(result.overall).toBeCloseTo(4.6, 12);
    expect(result.beatsPercent).toBe(0);
  });

  it("beatsPercent counts other peers with a strictly lower overall", () => {
    const results = scoreDay({
      ruleSet: v1,
      entities: [...ladder(20), entity("twin", { good_review_rate: 19 / 20 })],
    });
    const top = scored(results[19]);
    const twin = scored(results[20]);
    expect(top.overall).toBe(twin.overall);
    expect(top.beatsPercent).toBe((19 / 20) * 100);
    expect(scored(results[0]).beatsPercent).toBe(0);
  });

  it("applies an organisation's dimension weights and says so", () => {
    const plain = scored(scoreDay({ ruleSet: v1, entities: [...ladder(20)] })[19]);
    const results = scoreDay({
      ruleSet: v1,
      entities: [
        ...ladder(19),
        entity(
          "apparel-19",
          { good_review_rate: 19 / 20 },
          { dimensionWeights: { product: 0.8, logistics: 0.1, service: 0.1 } },
        ),
      ],
    });
    const overridden = scored(results[19]);
    expect(overridden.dimensionWeightsOverridden).toBe(true);
    expect(overridden.dimensions.product?.weight).toBe(0.8);
    expect(overridden.overall).toBeGreaterThan(plain.overall);
    expect(plain.dimensionWeightsOverridden).toBe(false);
  });

  it("clamps the overall score to the rule set's bounds", () => {
    const generous = defineRuleSet({
      ...v1,
      name: "test-generous",
      curve: [
        { x: 0, y: 6 },
        { x: 1, y: 7 },
      ],
    });
    const result = scored(
      scoreDay({ ruleSet: generous, entities: [entity("s", { good_review_rate: 1 })] })[0],
    );
    expect(result.overall).toBe(5);
  });

  it("treats non-finite values as missing", () => {
    const result = scored(
      scoreDay({
        ruleSet: v1,
        entities: [entity("s", { good_review_rate: Number.NaN, complaint_rate: Infinity })],
      })[0],
    );
    expect(result.indicators).toEqual({});
    expect(result.missingIndicators).toContain("good_review_rate");
  });

  it("contributions add up with the baseline to the unclamped overall", () => {
    const values = (i: number): IndicatorValueMap => ({
      good_review_rate: ((i * 7) % 10) / 10,
      quality_return_rate: (i % 4) / 100,
      avg_delivery_hours: 40 + i,
      complaint_rate: (i % 3) / 50,
      refund_only_hours: 10 + ((i * 5) % 9),
    });
    const results = scoreDay({
      ruleSet: v1,
      entities: Array.from({ length: 25 }, (_, i) => entity(`s${i}`, values(i))),
    });
    for (const result of results) {
      const s = scored(result);
      const sum = Object.values(s.indicators).reduce(
        (acc, indicator) => acc + (indicator?.contribution ?? 0),
        0,
      );
      expect(s.baseline + sum).toBeCloseTo(s.overall, 12);
      for (const indicator of Object.values(s.indicators))
        expect(indicator?.contribution).toBeGreaterThanOrEqual(0);
    }
  });

  it("needs no code for a new rule set: a one-dimension set with its own knots and cohort size", () => {
    const custom = defineRuleSet({
      ...v1,
      name: "test-simple",
      cohort: { minSize: 2 },
      eligibility: { minValidOrders: 1 },
      curve: [
        { x: 0, y: 0 },
        { x: 1, y: 10 },
      ],
      scoreBounds: { min: 0, max: 10 },
      dimensions: [
        { code: "service", weight: 1, indicators: [{ code: "complaint_rate", weight: 1 }] },
      ],
    });
    const results = scoreDay({
      ruleSet: custom,
      entities: [
        entity("a", { complaint_rate: 0.1 }, { validOrders: 1 }),
        entity("b", { complaint_rate: 0.2 }, { validOrders: 1 }),
      ],
    });
    expect(scored(results[0]).overall).toBe(7.5);
    expect(scored(results[1]).overall).toBe(2.5);
    expect(scored(results[0]).indicators.complaint_rate).toMatchObject({
      cohortSize: 2,
      fallback: false,
    });
  });
});
