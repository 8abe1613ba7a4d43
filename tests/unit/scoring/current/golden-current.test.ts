import { describe, expect, it } from "vitest";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";
import { scoreCurrentDay } from "@/server/scoring/current/score-current";
import { currentDifferences, loadCurrentSamples, loadExpectedCurrent, summariseDifferences } from "@/tests/helpers/current-samples";

const DAY = "2026-05-20";
const samples = loadCurrentSamples();

describe.each(["douyin-shop-2026-07", "douyin-shop-2026-09", "tiktok-shop-sps"])("%s on the current samples, in memory", (name) => {
  const expected = loadExpectedCurrent(name);
  const ruleSet = findPointsRuleSet(name);
  if (!ruleSet) throw new Error(name);
  const results = new Map(scoreCurrentDay({ ruleSet, day: DAY, shops: samples }).map((r) => [r.key, r]));

  it("scores every shop of the expected file, and only those", () => {
    expect([...results.keys()].sort()).toEqual(Object.keys(expected).sort());
  });

  it("matches every number of the independent implementation", () => {
    const problems = Object.entries(expected).flatMap(([key, want]) => currentDifferences(key, results.get(key), want));
    expect(summariseDifferences(problems)).toEqual({ kinds: {}, first: [] });
  });
});
