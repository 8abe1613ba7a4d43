import { describe, expect, it } from "vitest";
import { scoreExplanationSchema, type ScoreExplanation } from "@/lib/contracts/explanation";
import { getRuleSet, RULE_SET_NAMES } from "@/server/scoring/rule-sets";
import { loadCanonicalSamples } from "@/tests/helpers/canonical-samples";
import { explainSamples } from "@/tests/helpers/golden-explanations";

const samples = loadCanonicalSamples();

/** Through JSON, as the explanation is stored and served. */
const asStored = (x: ScoreExplanation): unknown => JSON.parse(JSON.stringify(x));

describe.each(RULE_SET_NAMES.map((name) => ({ name })))("the explanation contract: $name", ({ name }) => {
  const ruleSet = getRuleSet(name);
  const explanations = explainSamples(ruleSet, ruleSet.entityKind === "shop" ? samples.shops : samples.creators);

  it("accepts every explanation the engine builds for the golden samples, unchanged", () => {
    expect(explanations.length).toBeGreaterThan(0);
    expect(explanations.map((x) => x.state)).toContain("scored");
    for (const explanation of explanations) {
      const parsed = scoreExplanationSchema.safeParse(asStored(explanation));
      expect(parsed.error?.issues ?? [], explanation.entityKey).toEqual([]);
      expect(parsed.data, explanation.entityKey).toEqual(explanation);
    }
  });

  it("carries what the UI shows: the rule set's scale and decimals, and shown scores with their bands", () => {
    for (const x of explanations) {
      expect(x.ruleSet).toMatchObject({
        scoreBounds: ruleSet.scoreBounds,
        thresholds: ruleSet.thresholds,
        displayDecimals: ruleSet.displayDecimals,
      });
      if (x.state !== "scored") {
        expect([x.overallShown, x.band]).toEqual([null, null]);
        continue;
      }
      expect(Math.abs((x.overallShown ?? NaN) - (x.overall ?? NaN))).toBeLessThanOrEqual(0.5 * 10 ** -ruleSet.displayDecimals + 1e-9);
      for (const d of x.dimensions) expect(d.scoreShown === null).toBe(d.score === null);
    }
  });
});

describe("the explanation contract refuses", () => {
  const [scored] = explainSamples(getRuleSet("douyin-shop-v1"), samples.shops).filter((x) => x.state === "scored");
  if (!scored) throw new Error("no scored sample");
  const stored = asStored(scored) as Record<string, unknown> & { ruleSet: Record<string, unknown>; dimensions: Record<string, unknown>[] };

  it.each<[string, unknown]>([
    ["a shown score that is text", { ...stored, overallShown: "4.04" }],
    ["a scored explanation without its shown score", { ...stored, overallShown: null }],
    ["an unscored explanation with a shown score", { ...stored, state: "insufficient_data", overall: null }],
    ["a missing rule set scale", { ...stored, ruleSet: { ...stored.ruleSet, scoreBounds: undefined } }],
    ["display decimals that are not a whole number", { ...stored, ruleSet: { ...stored.ruleSet, displayDecimals: 1.5 } }],
    ["a band that is a number", { ...stored, band: 4.4 }],
    ["a dimension without its shown score", { ...stored, dimensions: stored.dimensions.map((d) => ({ ...d, scoreShown: undefined })) }],
    ["a day that is not a day", { ...stored, day: "20 May" }],
    ["no explanation at all", null],
  ])("%s", (_, malformed) => {
    expect(scoreExplanationSchema.safeParse(malformed).success).toBe(false);
  });
});
