import fc from "fast-check";
import { INDICATOR_ORDER, type IndicatorValueMap } from "@/server/scoring/indicators";
import { getRuleSet, RULE_SET_NAMES } from "@/server/scoring/rule-sets";
import type { ScoreDayEntity } from "@/server/scoring/score-day";

/** Generators for the scoring property tests: cohorts of entities with random values, rule sets. */
export const value = fc.double({ min: 0, max: 500, noNaN: true, noDefaultInfinity: true });
export const better = fc.constantFrom("higher" as const, "lower" as const);
const categories = fc.constantFrom("apparel", "beauty", "fresh");

const entityArb = fc.record({
  categoryCode: categories,
  validOrders: fc.integer({ min: 0, max: 80 }),
  values: fc.dictionary(
    fc.constantFrom(...INDICATOR_ORDER),
    fc.option(value, { nil: undefined }),
  ) as fc.Arbitrary<IndicatorValueMap>,
});
export const entitiesArb = fc
  .array(entityArb, { minLength: 1, maxLength: 45 })
  .map((list) => list.map((entity, i): ScoreDayEntity => ({ key: `e${i}`, ...entity })));
export const ruleSetArb = fc.constantFrom(...RULE_SET_NAMES).map((name) => getRuleSet(name));
