import { describe, expect, it } from "vitest";
import { INDICATOR_ORDER, INDICATORS } from "@/server/scoring/indicators";
import {
  ALL_RULE_SET_NAMES,
  findRuleSet,
  getRuleSet,
  getRuleSetView,
  POINTS_RULE_SET_NAMES,
  RULE_SET_NAMES,
  ruleSetSchema,
  ruleSetsFor,
  valueParamsOf,
} from "@/server/scoring/rule-sets";
import { RULE_SET_NAMES_BY_KIND } from "@/lib/contracts/rule-sets";
import { STANDARD_VALUE_PARAMS } from "@/server/scoring/window";

const codesOf = (name: string) =>
  getRuleSet(name).dimensions.flatMap((d) => d.indicators.map((i) => i.code));

describe("rule set registry", () => {
  it("registers exactly the named rule sets, each valid against the schema", () => {
    for (const name of RULE_SET_NAMES) {
      const ruleSet = getRuleSet(name);
      expect(ruleSet.name).toBe(name);
      expect(() => ruleSetSchema.parse(ruleSet)).not.toThrow();
    }
    expect(findRuleSet("douyin-shop-v9")).toBeUndefined();
    expect(() => getRuleSet("douyin-shop-v9")).toThrow(RangeError);
    expect(ruleSetsFor("creator").map((r) => r.name)).toEqual(["douyin-creator-v1"]);
  });

  it("agrees with the client-safe name list per entity kind", () => {
    for (const [kind, names] of Object.entries(RULE_SET_NAMES_BY_KIND)) {
      expect(ALL_RULE_SET_NAMES.filter((name) => getRuleSetView(name).entityKind === kind)).toEqual([...names]);
    }
    // The 5-point rule sets and the current rules' ones (scored by server/scoring/current) are every name.
    expect([...RULE_SET_NAMES, ...POINTS_RULE_SET_NAMES].sort()).toEqual(Object.values(RULE_SET_NAMES_BY_KIND).flat().sort());
  });

  it("shares the standard windows and half-life, so cached indicator values serve all three", () => {
    for (const name of RULE_SET_NAMES)
      expect(valueParamsOf(getRuleSet(name))).toEqual(STANDARD_VALUE_PARAMS);
  });

  it("encodes scoring.md §3: v1 indicators and weights", () => {
    const v1 = getRuleSet("douyin-shop-v1");
    expect(v1.dimensions.map((d) => [d.code, d.weight])).toEqual([
      ["product", 0.4],
      ["logistics", 0.3],
      ["service", 0.3],
    ]);
    expect(codesOf("douyin-shop-v1")).toEqual([
      "good_review_rate",
      "quality_return_rate",
      "logistics_good_review_rate",
      "avg_delivery_hours",
      "service_good_review_rate",
      "complaint_rate",
      "dispute_merchant_rate",
      "im_3min_reply_rate",
      "refund_only_hours",
      "return_refund_hours",
    ]);
    expect(v1.eligibility.minValidOrders).toBe(30);
    expect(v1.cohort.minSize).toBe(20);
    expect(v1.thresholds.map((t) => t.minScore)).toEqual([null, 4.4, 4.6, 4.8]);
  });

  it("v1.1 replaces only the logistics indicators; creator v1 drops the IM reply rate", () => {
    const v1 = codesOf("douyin-shop-v1");
    const v11 = codesOf("douyin-shop-v1.1");
    expect(v11.filter((c) => !v1.includes(c))).toEqual(["pickup_24h_rate", "delivery_hours"]);
    expect(v1.filter((c) => !v11.includes(c))).toEqual([
      "logistics_good_review_rate",
      "avg_delivery_hours",
    ]);
    expect(codesOf("douyin-creator-v1")).toEqual(v1.filter((c) => c !== "im_3min_reply_rate"));
    expect(getRuleSet("douyin-creator-v1").entityKind).toBe("creator");
  });

  it("rejects malformed rule sets", () => {
    const base = getRuleSet("douyin-shop-v1");
    const bad = [
      { ...base, dimensions: base.dimensions.map((d) => ({ ...d, weight: 0.5 })) },
      {
        ...base,
        curve: [
          { x: 0.5, y: 4 },
          { x: 0.2, y: 5 },
        ],
      },
      {
        ...base,
        dimensions: [
          { code: "product", weight: 1, indicators: [{ code: "no_such_indicator", weight: 1 }] },
        ],
      },
      {
        ...base,
        dimensions: [
          {
            code: "product",
            weight: 1,
            indicators: [
              { code: "good_review_rate", weight: 1 },
              { code: "good_review_rate", weight: 1 },
            ],
          },
        ],
      },
      { ...base, surprise: true },
    ];
    for (const candidate of bad) expect(ruleSetSchema.safeParse(candidate).success).toBe(false);
  });
});

describe("indicator catalogue", () => {
  it("defines every code in INDICATOR_ORDER once, in a fixed order", () => {
    expect(new Set(INDICATOR_ORDER).size).toBe(INDICATOR_ORDER.length);
    expect(Object.keys(INDICATORS).sort()).toEqual([...INDICATOR_ORDER].sort());
    for (const code of INDICATOR_ORDER) expect(INDICATORS[code].code).toBe(code);
    // The cached values[] layout depends on this order; extend it only by appending.
    expect(INDICATOR_ORDER.slice(0, 3)).toEqual([
      "good_review_rate",
      "quality_return_rate",
      "logistics_good_review_rate",
    ]);
    expect(INDICATOR_ORDER).toHaveLength(12);
  });

  it("covers every indicator of every rule set", () => {
    for (const name of RULE_SET_NAMES)
      for (const code of codesOf(name)) expect(INDICATOR_ORDER).toContain(code);
  });
});
