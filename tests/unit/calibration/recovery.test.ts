import { describe, expect, it } from "vitest";
import { agreementOf, fitCalibration, mergeEntries } from "@/server/calibration/fit";
import { observationOf } from "@/server/calibration/observations";
import { CURRENT_INDICATORS } from "@/server/scoring/current/indicator-codes";
import type { CurrentScore } from "@/server/scoring/current/result";
import { scoreCurrentDay } from "@/server/scoring/current/score-current";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";
import { bandRankOf, JULY_INDICATORS, syntheticShop, targetsOf, TRUE_PARAMETERS } from "../../helpers/synthetic-current";

/**
 * Calibration end to end on the engine, no database: 24 shops whose indicators spread over every
 * band, scored by a "platform" that uses known cut-offs and weights; Koubei scores them with its
 * defaults, the fit recovers the platform's numbers, and scoring with them agrees.
 *
 * Tolerances (ADR 0023): each cut-off within the gap between the neighbouring values the shops
 * have (the data cannot say more), each weight within 0.02.
 */

const DAY = "2026-06-01";
const ruleSet = findPointsRuleSet("douyin-shop-2026-07");
if (!ruleSet) throw new Error("no rule set");
const BANDS = [100, 90, 80, 70, 60, 50];

const shops = Array.from({ length: 24 }, (_, i) => syntheticShop({ key: `s${String(i).padStart(2, "0")}`, categoryCode: "food_drink", day: DAY, targets: targetsOf(i) }));
const platform = scoreCurrentDay({ ruleSet, day: DAY, shops, entriesOf: () => TRUE_PARAMETERS });
const koubei = scoreCurrentDay({ ruleSet, day: DAY, shops });

const round2 = (x: number) => Math.round(x * 100) / 100;
const reportedOf = (score: CurrentScore) => ({
  overall: round2(score.score100 ?? Number.NaN),
  dimensions: Object.fromEntries(Object.entries(score.dimensions).map(([code, d]) => [code, { score: round2(d.score) }])),
  indicators: Object.fromEntries(Object.entries(score.indicators).map(([code, r]) => [code, { score: r?.band ?? null }])),
});

describe("calibration recovers the platform's parameters from its scores", () => {
  it("the synthetic shops are what they were made to be: formal stage, unprotected, every band of every indicator four times", () => {
    expect(platform.every((s) => s.state === "formal")).toBe(true);
    for (const code of JULY_INDICATORS) {
      const bands = platform.map((s) => s.indicators[code]?.band);
      expect(bands, code).toEqual(shops.map((_, i) => BANDS[bandRankOf(i, code)]));
      expect(platform.some((s) => s.indicators[code]?.protected)).toBe(false);
    }
  });

  it("finds every cut-off within its gap and every weight within 0.02, and then agrees with the platform", () => {
    const observations = koubei.flatMap((score, i) => {
      const reported = platform[i];
      const o = reported ? observationOf(shops[i]?.key ?? "", score, reportedOf(reported)) : null;
      return o ? [o] : [];
    });
    expect(observations).toHaveLength(24);
    const fit = fitCalibration(ruleSet, observations, undefined);

    for (const code of JULY_INDICATORS) {
      const cutoffs = fit.entries.cutoffs[code] ?? [];
      expect(cutoffs, code).toHaveLength(5);
      const higher = CURRENT_INDICATORS[code].better === "higher";
      const values = koubei.map((s) => s.indicators[code]?.value ?? Number.NaN);
      cutoffs.forEach((cut, k) => {
        // The gap: the best value of the worse bands (exclusive) to the worst value of this band or better (inclusive).
        const better = values.filter((_, i) => bandRankOf(i, code) <= k);
        const worse = values.filter((_, i) => bandRankOf(i, code) > k);
        const truth = TRUE_PARAMETERS.cutoffs[code][k] ?? Number.NaN;
        if (higher) {
          expect(cut, `${code}[${k}]`).toBeGreaterThan(Math.max(...worse));
          expect(cut, `${code}[${k}]`).toBeLessThanOrEqual(Math.min(...better));
          expect(truth).toBeGreaterThan(Math.max(...worse));
        } else {
          expect(cut, `${code}[${k}]`).toBeLessThan(Math.min(...worse));
          expect(cut, `${code}[${k}]`).toBeGreaterThanOrEqual(Math.max(...better));
          expect(truth).toBeLessThan(Math.min(...worse));
        }
      });
    }
    for (const code of JULY_INDICATORS) expect(Math.abs((fit.entries.indicatorWeights[code] ?? 0) - TRUE_PARAMETERS.indicatorWeights[code]), code).toBeLessThan(0.02);
    for (const [code, weight] of Object.entries(TRUE_PARAMETERS.dimensionWeights)) expect(Math.abs((fit.entries.dimensionWeights[code] ?? 0) - weight), code).toBeLessThan(0.02);

    const after = scoreCurrentDay({ ruleSet, day: DAY, shops, entriesOf: () => mergeEntries(undefined, fit.entries) });
    const pairs = (scores: CurrentScore[]) => scores.map((s, i) => ({ koubei: s.score100 ?? Number.NaN, platform: round2(platform[i]?.score100 ?? Number.NaN) }));
    const before = agreementOf(pairs(koubei));
    const agreed = agreementOf(pairs(after));
    expect(before.meanAbsoluteError).toBeGreaterThan(1);
    expect(agreed.meanAbsoluteError).toBeLessThan(0.05);
    expect(agreed.withinOnePoint).toBe(1);
    expect(agreed.withinOnePoint).toBeGreaterThan(before.withinOnePoint ?? 1);
  });
});
