import { describe, expect, it } from "vitest";
import { addDays } from "@/server/lib/time";
import { listIndicatorFacts } from "@/server/scoring/indicator-facts";
import { computeIndicatorValues } from "@/server/scoring/indicator-values";
import { RULE_SET_NAMES, getRuleSet, valueParamsOf } from "@/server/scoring/rule-sets";
import { buildDailyRollups } from "@/server/scoring/rollups";
import { loadCanonicalSamples } from "@/tests/helpers/canonical-samples";

/**
 * The drill-down's facts are the explanation's numbers taken apart: for every indicator of every
 * rule set, on every canonical entity, summed weights equal the engine's numerator and denominator.
 */
const samples = loadCanonicalSamples();
const DAYS = ["2026-05-20", "2026-04-02", addDays("2026-05-20", 30)];
const TOLERANCE = 1e-6;

describe("listIndicatorFacts", () => {
  for (const ruleSetName of RULE_SET_NAMES) {
    const ruleSet = getRuleSet(ruleSetName);
    const entities = ruleSet.entityKind === "shop" ? samples.shops : samples.creators;
    const codes = ruleSet.dimensions.flatMap((d) => d.indicators.map((i) => i.code));

    it(`sums to the engine's numerator and denominator for every ${ruleSetName} indicator`, () => {
      let listed = 0;
      for (const entity of entities) {
        const rows = buildDailyRollups(entity.facts);
        for (const day of DAYS) {
          const values = computeIndicatorValues(rows, day, valueParamsOf(ruleSet));
          for (const code of codes) {
            const facts = listIndicatorFacts(entity.facts, code, day, valueParamsOf(ruleSet));
            const numerator = facts.reduce((sum, f) => sum + f.numerator, 0);
            const denominator = facts.reduce((sum, f) => sum + f.denominator, 0);
            const computed = values.indicators[code];
            const label = `${entity.key} ${code} ${day}`;
            expect(Math.abs(numerator - (computed?.numerator ?? 0)), label).toBeLessThanOrEqual(TOLERANCE);
            expect(Math.abs(denominator - (computed?.denominator ?? 0)), label).toBeLessThanOrEqual(TOLERANCE);
            expect(facts.reduce((sum, f) => sum + f.unweightedDenominator, 0), label).toBeCloseTo(computed?.unweightedDenominator ?? 0, 6);
            for (const fact of facts) {
              expect(fact.weight).toBeGreaterThan(0);
              expect(fact.weight).toBeLessThanOrEqual(1);
              expect(fact.leavesWindowOn > day, label).toBe(true);
            }
            listed += facts.length;
          }
        }
      }
      expect(listed).toBeGreaterThan(1000);
    });
  }

  it("lists a fact only while its anchor day is in the window and it is known", () => {
    const entity = samples.shops[0];
    if (!entity) throw new Error("no sample shop");
    const params = valueParamsOf(getRuleSet("douyin-shop-v1"));
    const day = "2026-05-20";
    const facts = listIndicatorFacts(entity.facts, "good_review_rate", day, params);
    const [oldest] = [...facts].sort((a, b) => (a.day < b.day ? -1 : 1));
    if (!oldest) throw new Error("no facts");
    expect(oldest.day >= addDays(day, -90)).toBe(true);
    // On the day it leaves, the fact is no longer listed.
    const later = listIndicatorFacts(entity.facts, "good_review_rate", oldest.leavesWindowOn, params);
    expect(later.some((f) => f.day === oldest.day)).toBe(false);
    const dayBefore = listIndicatorFacts(entity.facts, "good_review_rate", addDays(oldest.leavesWindowOn, -1), params);
    expect(dayBefore.some((f) => f.day === oldest.day)).toBe(true);
  });
});
