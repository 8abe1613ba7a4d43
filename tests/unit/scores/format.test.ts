import { describe, expect, it } from "vitest";
import { axisTicks, bandLadder, bandLimits, bandTone, floorLimit, nextThreshold } from "@/lib/scores/bands";
import { formatScore, formatThreshold, shownDifference } from "@/lib/scores/format";
import { defineRuleSet, getRuleSet } from "@/server/scoring/rule-sets";
import { loadCanonicalSamples } from "@/tests/helpers/canonical-samples";
import { explainSamples } from "@/tests/helpers/golden-explanations";

/**
 * The UI's score helpers show what the server decided. A made-up 100-point rule set with other
 * thresholds, decimals and an extra band proves that nothing of the Douyin 3–5 scale is built in.
 */
const { scoreBounds: _bounds, thresholds: _thresholds, curve: _curve, displayDecimals: _decimals, name: _name, ...v1 } = getRuleSet("douyin-shop-v1");
const hundredPoint = defineRuleSet({
  ...v1,
  name: "test-hundred-point",
  scoreBounds: { min: 0, max: 100 },
  curve: [
    { x: 0, y: 0 },
    { x: 0.2, y: 40 },
    { x: 0.4, y: 55 },
    { x: 0.6, y: 70 },
    { x: 0.85, y: 85 },
    { x: 1, y: 100 },
  ],
  displayDecimals: 1,
  thresholds: [
    { minScore: 80, meaningZh: "优秀", meaningEn: "excellent" },
    { minScore: null, meaningZh: "不足", meaningEn: "poor" },
    { minScore: 50, meaningZh: "合格", meaningEn: "fair" },
    { minScore: 65, meaningZh: "良好", meaningEn: "good" },
    { minScore: 92.5, meaningZh: "卓越", meaningEn: "outstanding" },
  ],
});
const explanations = explainSamples(hundredPoint, loadCanonicalSamples().shops).filter((x) => x.state === "scored");

describe("score helpers on a 100-point rule set with five bands", () => {
  it("the samples land in several bands, so the checks below are not about one band", () => {
    expect(new Set(explanations.map((x) => x.band?.minScore ?? null)).size).toBeGreaterThanOrEqual(3);
  });

  it("write exactly the server's shown score, with the rule set's decimals, in either locale", () => {
    for (const x of explanations) {
      const shown = x.overallShown ?? NaN;
      expect(formatScore(shown, x.ruleSet, "zh-CN")).toBe(shown.toFixed(1));
      expect(formatScore(shown, x.ruleSet, "en")).toBe(shown.toFixed(1));
      for (const d of x.dimensions) if (d.scoreShown !== null) expect(formatScore(d.scoreShown, x.ruleSet, "zh-CN")).toBe(d.scoreShown.toFixed(1));
    }
  });

  it("measure the next band from the server's band: above it, and the gap in shown points", () => {
    for (const x of explanations) {
      const shown = x.overallShown ?? NaN;
      const ladder = bandLadder(x.ruleSet);
      const current = ladder.findIndex((th) => th.minScore === (x.band?.minScore ?? null));
      expect(current, x.entityKey).toBeGreaterThanOrEqual(0);
      const next = nextThreshold(x.ruleSet, shown);
      expect(next?.threshold ?? null).toEqual(ladder[current + 1] ?? null);
      if (next) expect(next.gap).toBe(Number((next.minScore - shown).toFixed(1)));
    }
  });

  it("take the axis, band limits and colours from the rule set", () => {
    const scale = explanations[0]?.ruleSet;
    if (!scale) throw new Error("no scored sample");
    expect(axisTicks(scale)).toEqual([0, 25, 50, 75, 100]);
    expect(bandLimits(scale)).toEqual([50, 65, 80, 92.5]);
    expect(floorLimit(scale)).toBe(50);
    expect(formatThreshold(92.5, scale, "zh-CN")).toBe("92.5");
    expect(formatThreshold(50, scale, "en")).toBe("50");
    const tones = bandLadder(scale).map((band) => bandTone(scale, band).line);
    expect(tones[0]).toBe(bandTone(scale, null).line);
    expect(new Set(tones).size).toBe(4);
    expect(tones.at(-1)).not.toBe(tones[0]);
  });
});

describe("score helpers on the Douyin rule sets", () => {
  const v1Explanations = explainSamples(getRuleSet("douyin-shop-v1"), loadCanonicalSamples().shops).filter((x) => x.state === "scored");

  it("show the shown score with two decimals and the thresholds as the platform writes them", () => {
    for (const x of v1Explanations) expect(formatScore(x.overallShown ?? NaN, x.ruleSet, "zh-CN")).toMatch(/^\d\.\d{2}$/);
    const scale = getRuleSet("douyin-shop-v1");
    expect(formatScore(4.6, scale, "zh-CN")).toBe("4.60");
    expect(bandLimits(scale).map((limit) => formatThreshold(limit, scale, "zh-CN"))).toEqual(["4.4", "4.6", "4.8"]);
    expect(axisTicks(scale)).toEqual([3, 3.5, 4, 4.5, 5]);
    expect(nextThreshold(scale, 4.52)).toMatchObject({ minScore: 4.6, gap: 0.08 });
    expect(nextThreshold(scale, 4.8)).toBeNull();
    expect(shownDifference(4.52, 4.6, scale)).toBe(0.08);
  });

  it("use the user's locale for grouping and digits", () => {
    expect(formatScore(1234.5, { displayDecimals: 2 }, "en")).toBe("1,234.50");
    expect(formatScore(1234.5, { displayDecimals: 2 }, "zh-CN")).toBe("1,234.50");
    expect(formatScore(4.6, { displayDecimals: 2 }, "de")).toBe("4,60");
  });
});
