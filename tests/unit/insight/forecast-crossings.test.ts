import { describe, expect, it } from "vitest";
import type { ForecastDay } from "@/lib/contracts/outlook";
import { crossingsOf } from "@/server/insight/forecast";
import { addDays } from "@/server/lib/time";
import { getRuleSet } from "@/server/scoring/rule-sets";

const ruleSet = getRuleSet("douyin-shop-v1");
const D = "2026-06-01";
const days = (overalls: (number | null)[]): ForecastDay[] =>
  overalls.map((overall, i) => ({ day: addDays(D, i + 1), state: overall === null ? "insufficient_data" : "scored", overall, dimensions: {}, band: null }));

describe("forecast threshold crossings (hand-made)", () => {
  it("names the first day the shown score falls under each threshold the entity is above today", () => {
    // 4.612 shows 4.61 (≥ 4.6); 4.5949 shows 4.59 on day 3; 4.39 on day 5 is under 4.4 too.
    const crossings = crossingsOf(ruleSet, D, 4.612, days([4.61, 4.6049, 4.5949, 4.5, 4.39, 4.2]));
    expect(crossings).toEqual([
      { minScore: 4.4, direction: "falls_below", day: addDays(D, 5), inDays: 5 },
      { minScore: 4.6, direction: "falls_below", day: addDays(D, 3), inDays: 3 },
    ]);
  });

  it("rounds like the shown score: 4.595 shows 4.60 and has not fallen under 4.6", () => {
    expect(crossingsOf(ruleSet, D, 4.61, days([4.595, 4.6]))).toEqual([]);
  });

  it("names a rise to a threshold, skips unscored days, and has nothing to cross for an entity not scored today", () => {
    expect(crossingsOf(ruleSet, D, 4.75, days([null, 4.79, 4.8]))).toEqual([{ minScore: 4.8, direction: "reaches", day: addDays(D, 3), inDays: 3 }]);
    expect(crossingsOf(ruleSet, D, null, days([4.9]))).toEqual([]);
  });
});
