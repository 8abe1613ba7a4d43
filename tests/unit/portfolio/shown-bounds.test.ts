import { describe, expect, it } from "vitest";
import { getRuleSet } from "@/server/scoring/rule-sets";
import { lowestScoreShownAtLeast, neighbourThresholdsOf, nextShownStep, roundScoreForDisplay, shownScoreOf } from "@/server/scoring/score-display";

const ruleSet = getRuleSet("douyin-shop-v1");

describe("stored-score bounds of shown scores", () => {
  it("is the exact edge where the engine's rounding reaches the shown score", () => {
    for (const shown of [4.4, 4.6, 4.8, 3.01, 4.99]) {
      const edge = lowestScoreShownAtLeast(ruleSet, shown);
      expect(roundScoreForDisplay(edge, ruleSet.displayDecimals)).toBeGreaterThanOrEqual(shown);
      expect(roundScoreForDisplay(edge - 1e-9, ruleSet.displayDecimals)).toBeLessThan(shown);
    }
    // 4.595 is shown as 4.60 (half up), 4.5949999 as 4.59.
    expect(shownScoreOf(ruleSet, 4.595).band?.minScore).toBe(4.6);
    expect(4.595 >= lowestScoreShownAtLeast(ruleSet, 4.6)).toBe(true);
    expect(4.5949999 >= lowestScoreShownAtLeast(ruleSet, 4.6)).toBe(false);
  });

  it("steps one display unit and names the bands around a shown score", () => {
    expect(nextShownStep(ruleSet, 4.79)).toBe(4.8);
    expect(neighbourThresholdsOf(ruleSet, 4.62)).toMatchObject({ above: { minScore: 4.8 }, below: { minScore: 4.4 } });
    expect(neighbourThresholdsOf(ruleSet, 4.85)).toMatchObject({ above: null, below: { minScore: 4.6 } });
    expect(neighbourThresholdsOf(ruleSet, 4.1)).toMatchObject({ above: { minScore: 4.4 }, below: null });
  });
});

describe("bounds between two shown steps (a one-decimal, 100-point scale)", () => {
  const scale = { scoreBounds: { min: 50, max: 100 }, thresholds: [{ minScore: null, meaningZh: "", meaningEn: "" }], displayDecimals: 1 };

  it("'at least 84.67' is 'shown 84.7 or more' (the search starts on the shown step, not a step below)", () => {
    const edge = lowestScoreShownAtLeast(scale, 84.67);
    expect(roundScoreForDisplay(edge, 1)).toBe(84.7);
    expect(roundScoreForDisplay(edge - 1e-9, 1)).toBe(84.6);
  });

  it("'at most 84.67' ends before 84.7", () => {
    expect(nextShownStep(scale, 84.67)).toBe(84.7);
    expect(nextShownStep(scale, 84.6)).toBe(84.7);
  });
});
