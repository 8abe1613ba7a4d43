import { describe, expect, it } from "vitest";
import { scoreExplanationSchema } from "@/lib/contracts/explanation";
import { buildCurrentExplanation } from "@/server/scoring/current/explain";
import { scoreCurrentDay } from "@/server/scoring/current/score-current";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";
import { loadCurrentSamples, loadExpectedCurrent } from "@/tests/helpers/current-samples";

const DAY = "2026-05-20";
const samples = loadCurrentSamples();

describe.each(["douyin-shop-2026-07", "douyin-shop-2026-09", "tiktok-shop-sps"])("%s scores as the app's explanation", (name) => {
  const ruleSet = findPointsRuleSet(name);
  if (!ruleSet) throw new Error(name);
  const expected = loadExpectedCurrent(name);
  const explanations = scoreCurrentDay({ ruleSet, day: DAY, shops: samples }).map((score) =>
    buildCurrentExplanation({ ruleSet, day: DAY, categoryCode: samples.find((s) => s.key === score.key)?.categoryCode ?? "", score }),
  );

  it("every shop's explanation is valid against the contract the UI renders", () => {
    for (const explanation of explanations) expect(scoreExplanationSchema.safeParse(explanation).error?.issues ?? [], explanation.entityKey).toEqual([]);
  });

  it("carries the expected score, stage, dimensions, bands and protection", () => {
    for (const e of explanations) {
      const want = expected[e.entityKey] as { state: string; score100: number | null; score5: number | null; score?: number; dimensions: Record<string, { score: number }>; indicators: Record<string, { value: number; band?: number; points?: number; protected?: boolean }> };
      expect(e.current?.stage, e.entityKey).toBe(want.state);
      const total = name === "tiktok-shop-sps" ? (want.score ?? null) : want.score100;
      expect(e.overall === null ? null : Math.abs(e.overall - (total ?? NaN)) < 1e-9, e.entityKey).toBe(total === null ? null : true);
      expect(e.state).toBe(total === null ? "insufficient_data" : "scored");
      if (name !== "tiktok-shop-sps") expect(e.current?.score5, e.entityKey).toBe(want.score5);
      for (const dimension of e.dimensions) {
        const wantDimension = want.dimensions[dimension.code];
        expect(dimension.score === null ? undefined : Math.abs(dimension.score - (wantDimension?.score ?? NaN)) < 1e-9, `${e.entityKey} ${dimension.code}`).toBe(wantDimension ? true : undefined);
        for (const indicator of dimension.indicators) {
          const wantIndicator = want.indicators[indicator.code];
          expect(indicator.missing, `${e.entityKey} ${indicator.code}`).toBe(wantIndicator === undefined);
          expect(indicator.band ?? undefined, `${e.entityKey} ${indicator.code}`).toBe(wantIndicator?.points ?? wantIndicator?.band);
          expect(indicator.protected ?? undefined).toBe(wantIndicator?.protected);
        }
      }
    }
  });
});

it("shows a 100-point score to one decimal, on the rule set's bands", () => {
  const ruleSet = findPointsRuleSet("douyin-shop-2026-07");
  if (!ruleSet) throw new Error("rule set");
  const b01 = scoreCurrentDay({ ruleSet, day: DAY, shops: samples }).find((s) => s.key === "b01");
  if (!b01) throw new Error("b01");
  const e = buildCurrentExplanation({ ruleSet, day: DAY, categoryCode: "apparel", score: b01 });
  expect(e.overall).toBeCloseTo(84.9, 9);
  expect([e.overallShown, e.band?.minScore, e.current?.score5]).toEqual([84.9, 80, 4.7]);
  expect(e.current?.bonuses).toEqual([{ code: "remote_delivery", points: 3, dimension: "logistics", applied: 3 }]);
  expect(e.ruleSet).toMatchObject({ name: "douyin-shop-2026-07", halfLifeDays: 0, windows: { main: { fromDaysBefore: 30, toDaysBefore: 1 } }, scoreBounds: { min: 50, max: 100 } });
});
