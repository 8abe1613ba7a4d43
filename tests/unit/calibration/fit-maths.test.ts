import { describe, expect, it } from "vitest";
import { agreementOf, bandByCutoffs, fitCalibration, type CalibrationObservation } from "@/server/calibration/fit";
import { fitCutoffs } from "@/server/calibration/ordinal";
import { simplexLeastSquares, solveLinear } from "@/server/calibration/simplex-least-squares";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";

/** The fitting maths of calibration (ADR 0023), on numbers made with known parameters. */

const BANDS = [100, 90, 80, 70, 60, 50];

/** A small deterministic generator (the tests must not depend on Math.random). */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("least squares on the simplex (weights ≥ 0 adding up to 1)", () => {
  it("solves a linear system, and says when it is singular", () => {
    expect(solveLinear([[2, 1], [1, 3]], [3, 5])?.map((x) => Math.round(x * 1e9) / 1e9)).toEqual([0.8, 1.4]);
    expect(solveLinear([[1, 2], [2, 4]], [1, 2])).toBeNull();
  });

  it("recovers weights exactly from noise-free rows", () => {
    const random = lcg(7);
    const truth = [0.2, 0.5, 0.3];
    const rows = Array.from({ length: 30 }, () => truth.map(() => 50 + 10 * Math.floor(random() * 6)));
    const targets = rows.map((row) => row.reduce((s, x, i) => s + x * (truth[i] ?? 0), 0));
    const fit = simplexLeastSquares(rows, targets);
    expect(fit?.identifiable).toBe(true);
    fit?.weights.forEach((w, i) => expect(w).toBeCloseTo(truth[i] ?? 0, 9));
    expect(fit?.rmse).toBeLessThan(1e-9);
  });

  it("stays within 0.02 of the truth when the reported scores carry two decimals and noise of ±0.5", () => {
    const random = lcg(11);
    const truth = [0.15, 0.4, 0.2, 0.25];
    const rows = Array.from({ length: 60 }, () => truth.map(() => 50 + 10 * Math.floor(random() * 6)));
    const targets = rows.map((row) => Math.round((row.reduce((s, x, i) => s + x * (truth[i] ?? 0), 0) + (random() - 0.5)) * 100) / 100);
    const fit = simplexLeastSquares(rows, targets);
    fit?.weights.forEach((w, i) => expect(Math.abs(w - (truth[i] ?? 0))).toBeLessThan(0.02));
    expect(fit?.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
  });

  it("puts a weight at zero when the unconstrained best would be negative", () => {
    // Unconstrained, the targets a − 0.1 (b − a) are 1.1 a − 0.1 b: the second weight would be −0.1.
    const rows = [[100, 50], [90, 60], [80, 70], [70, 80], [60, 90], [50, 100]];
    const targets = rows.map(([a = 0, b = 0]) => a - 0.1 * (b - a));
    const fit = simplexLeastSquares(rows, targets);
    expect(fit?.weights).toEqual([1, 0]);
    expect(fit?.rmse).toBeGreaterThan(0);
  });

  it("says the weights are not identifiable when the columns move together", () => {
    const rows = Array.from({ length: 10 }, (_, i) => [50 + i * 5, 50 + i * 5]);
    const fit = simplexLeastSquares(rows, rows.map(([a]) => a ?? 0));
    expect(fit?.identifiable).toBe(false);
  });
});

describe("the ordinal fit of value cut-offs", () => {
  const TRUE_HIGHER = [4.8, 4.6, 4.4, 4.2, 4.0];
  const sample = (cutoffs: readonly number[], better: "higher" | "lower", values: readonly number[]) =>
    values.map((value) => ({ value, rank: BANDS.indexOf(bandByCutoffs(BANDS, cutoffs, better, value)) }));

  /** For each boundary, the gap the data leave: (best value below the cut-off, worst value at or above it]. */
  const gapsOf = (pairs: readonly { value: number; rank: number }[], boundaries: number, better: "higher" | "lower") =>
    Array.from({ length: boundaries }, (_, k) => {
      const sign = better === "higher" ? 1 : -1;
      const inBetter = pairs.filter((p) => p.rank <= k).map((p) => sign * p.value);
      const inWorse = pairs.filter((p) => p.rank > k).map((p) => sign * p.value);
      return { below: Math.max(...inWorse), above: Math.min(...inBetter), sign };
    });

  it("recovers each cut-off within the gap between the neighbouring values (higher is better)", () => {
    const random = lcg(3);
    const values = Array.from({ length: 60 }, () => 3.8 + random() * 1.2);
    const pairs = sample(TRUE_HIGHER, "higher", values);
    const fit = fitCutoffs(pairs, { bandCount: 6, better: "higher" });
    expect(fit?.bandErrors).toBe(0);
    expect(fit?.boundaries.map((b) => b.status)).toEqual(["fitted", "fitted", "fitted", "fitted", "fitted"]);
    gapsOf(pairs, 5, "higher").forEach(({ below, above }, k) => {
      const fitted = fit?.cutoffs[k] ?? Number.NaN;
      expect(fitted).toBeGreaterThan(below);
      expect(fitted).toBeLessThanOrEqual(above);
      // The true cut-off lies in the same gap.
      expect(TRUE_HIGHER[k]).toBeGreaterThan(below);
      expect(TRUE_HIGHER[k]).toBeLessThanOrEqual(above);
    });
  });

  it("recovers lower-is-better cut-offs, values exactly on a cut-off included (inclusive bounds)", () => {
    const truth = [0.005, 0.01, 0.02, 0.03, 0.05];
    const values = [0, 0.003, 0.005, 0.007, 0.01, 0.012, 0.018, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.08];
    const pairs = sample(truth, "lower", values);
    const fit = fitCutoffs(pairs, { bandCount: 6, better: "lower" });
    expect(fit?.bandErrors).toBe(0);
    for (const p of pairs) expect(BANDS.indexOf(bandByCutoffs(BANDS, fit?.cutoffs ?? [], "lower", p.value))).toBe(p.rank);
    // Rising from the best band to the worst.
    const cutoffs = fit?.cutoffs ?? [];
    for (let k = 1; k < cutoffs.length; k++) expect(cutoffs[k]).toBeGreaterThanOrEqual(cutoffs[k - 1] ?? Infinity);
  });

  it("minimises the summed band error over monotone cut-offs: a mislabelled shop costs one band, and the cut-offs stay in order", () => {
    const values = [4.9, 4.85, 4.7, 4.65, 4.5, 4.45, 4.3, 4.25, 4.1, 4.05, 3.9, 3.85];
    const pairs = sample(TRUE_HIGHER, "higher", values);
    // The platform put the 4.65 shop in band 100 (rank 0), one band better than its value says.
    const noisy = pairs.map((p) => (p.value === 4.65 ? { ...p, rank: 0 } : p));
    const fit = fitCutoffs(noisy, { bandCount: 6, better: "higher" });
    expect(fit?.bandErrors).toBe(1);
    const cutoffs = fit?.cutoffs ?? [];
    for (let k = 1; k < cutoffs.length; k++) expect(cutoffs[k]).toBeLessThanOrEqual(cutoffs[k - 1] ?? -Infinity);
  });

  it("places a boundary no data reach beyond the data (or keeps the current cut-off), and reports it", () => {
    // Nobody in band 100: the first cut-off lies above every value.
    const values = [4.7, 4.65, 4.5, 4.45, 4.3, 4.25, 4.1, 4.05, 3.9, 3.85];
    const pairs = sample(TRUE_HIGHER, "higher", values);
    const extrapolated = fitCutoffs(pairs, { bandCount: 6, better: "higher" });
    expect(extrapolated?.boundaries[0]?.status).toBe("extrapolated");
    expect(extrapolated?.cutoffs[0]).toBeGreaterThan(4.7);
    expect(extrapolated?.boundaries.slice(1).map((b) => b.status)).toEqual(["fitted", "fitted", "fitted", "fitted"]);
    const kept = fitCutoffs(pairs, { bandCount: 6, better: "higher", current: [4.85, 4.6, 4.4, 4.2, 4] });
    expect(kept?.boundaries[0]).toMatchObject({ status: "kept", value: 4.85 });
    // A current cut-off the data contradict is not kept.
    const refused = fitCutoffs(pairs, { bandCount: 6, better: "higher", current: [4.6, 4.55, 4.4, 4.2, 4] });
    expect(refused?.boundaries[0]?.status).toBe("extrapolated");
  });

  it("cannot place anything when every shop is in one band", () => {
    expect(fitCutoffs([{ value: 1, rank: 2 }, { value: 2, rank: 2 }], { bandCount: 6, better: "higher" })).toBeNull();
  });
});

describe("a calibration fit from shop-days", () => {
  const ruleSet = findPointsRuleSet("douyin-shop-2026-07");
  if (!ruleSet) throw new Error("no rule set");
  const TRUTH = {
    cutoffs: { product_rating: [4.8, 4.6, 4.4, 4.2, 4], quality_return_rate: [0.005, 0.01, 0.02, 0.03, 0.05] },
    indicatorWeights: { product_rating: 0.35, quality_return_rate: 0.65 },
    dimensionWeights: { product: 0.5, logistics: 0.2, service: 0.3 },
  };

  it("recovers the product dimension's cut-offs and weights and the dimension weights, and improves agreement", () => {
    const random = lcg(5);
    const observations: CalibrationObservation[] = Array.from({ length: 40 }, (_, i) => {
      const rating = 3.9 + random() * 1.05;
      const returns = random() * 0.06;
      const ratingBand = bandByCutoffs(BANDS, TRUTH.cutoffs.product_rating, "higher", rating);
      const returnBand = bandByCutoffs(BANDS, TRUTH.cutoffs.quality_return_rate, "lower", returns);
      const product = 0.35 * ratingBand + 0.65 * returnBand;
      const logistics = 50 + 10 * Math.floor(random() * 6);
      const service = 50 + 10 * Math.floor(random() * 6);
      return {
        shopId: `s${i}`,
        day: "2026-06-01",
        values: { product_rating: rating, quality_return_rate: returns },
        protectedIndicators: [],
        dimensionBonus: {},
        deductions: 0,
        reported: {
          overall: Math.round((0.5 * product + 0.2 * logistics + 0.3 * service) * 100) / 100,
          dimensions: { product: Math.round(product * 100) / 100, logistics, service },
          indicators: { product_rating: ratingBand, quality_return_rate: returnBand },
        },
      };
    });
    const fit = fitCalibration(ruleSet, observations, undefined);
    expect(fit.entries.indicatorWeights.product_rating).toBeCloseTo(0.35, 2);
    expect(fit.entries.indicatorWeights.quality_return_rate).toBeCloseTo(0.65, 2);
    for (const [code, weight] of Object.entries(TRUTH.dimensionWeights)) expect(Math.abs((fit.entries.dimensionWeights[code] ?? 0) - weight)).toBeLessThan(0.02);
    // Every observation falls in its reported band under the fitted cut-offs.
    for (const o of observations) {
      expect(bandByCutoffs(BANDS, fit.entries.cutoffs.product_rating ?? [], "higher", o.values.product_rating ?? 0)).toBe(o.reported.indicators.product_rating);
      expect(bandByCutoffs(BANDS, fit.entries.cutoffs.quality_return_rate ?? [], "lower", o.values.quality_return_rate ?? 0)).toBe(o.reported.indicators.quality_return_rate);
    }
    // Logistics and service indicators had no values: nothing fitted there.
    expect(fit.cutoffs.pickup_time_score).toEqual({ status: "notEnoughData", observations: 0 });
    expect(fit.indicatorWeights.logistics).toEqual({ status: "notEnoughData", observations: 0 });
  });

  it("leaves out protected indicators and days with a dimension bonus or deductions", () => {
    const base: CalibrationObservation = {
      shopId: "s",
      day: "2026-06-01",
      values: { product_rating: 4.5, quality_return_rate: 0.01 },
      protectedIndicators: ["product_rating"],
      dimensionBonus: { product: 3 },
      deductions: 3,
      reported: { overall: 80, dimensions: { product: 80, logistics: 80, service: 80 }, indicators: { product_rating: 80, quality_return_rate: 90 } },
    };
    const fit = fitCalibration(ruleSet, Array.from({ length: 25 }, (_, i) => ({ ...base, shopId: `s${i}` })), undefined);
    expect(fit.cutoffs.product_rating).toEqual({ status: "notEnoughData", observations: 0 });
    expect(fit.indicatorWeights.product).toEqual({ status: "notEnoughData", observations: 0 });
    expect(fit.dimensionWeights).toEqual({ status: "notEnoughData", observations: 0 });
  });

  it("measures agreement as the mean absolute error and the share within ±1 point", () => {
    expect(agreementOf([{ koubei: 90, platform: 88 }, { koubei: 80, platform: 80.5 }, { koubei: 70, platform: 71 }])).toEqual({ observations: 3, meanAbsoluteError: 3.5 / 3, withinOnePoint: 2 / 3 });
    expect(agreementOf([])).toEqual({ observations: 0, meanAbsoluteError: null, withinOnePoint: null });
  });
});
