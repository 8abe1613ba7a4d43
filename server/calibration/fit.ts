import { CALIBRATION_MIN_SHOP_DAYS } from "@/lib/contracts/scoring-parameters";
import type { CurrentIndicatorCode } from "@/server/scoring/current/indicator-codes";
import { CURRENT_INDICATORS } from "@/server/scoring/current/indicator-codes";
import type { OrganisationEntries } from "@/server/scoring/current/result";
import type { PointsRuleSet } from "@/server/scoring/rule-sets/points-schema";
import { fitCutoffs, type CutoffFit } from "./ordinal";
import { simplexLeastSquares } from "./simplex-least-squares";

/**
 * Calibration's maths, pure (ADR 0023): from shop-days where both Koubei's measured values and
 * the platform's reported scores are known, the value cut-offs of each indicator (ordinal fit,
 * ordinal.ts), the indicator weights within each dimension (least squares on the reported
 * dimension scores, weights ≥ 0 summing to 1) and the dimension weights (the same on the
 * reported overall score).
 */

/** One shop-day: what Koubei measured and scored, and what the platform reported. */
export type CalibrationObservation = {
  shopId: string;
  day: string;
  /** Koubei's measured values; an indicator without one is absent. */
  values: Partial<Record<CurrentIndicatorCode, number>>;
  /** Indicators under low-volume protection on that day (their band is the flat protection points, whatever the value). */
  protectedIndicators: readonly CurrentIndicatorCode[];
  /** Points a bonus added to a dimension's score that day (douyin-shop-2026-07's remote-area +3 on logistics). */
  dimensionBonus: Partial<Record<string, number>>;
  /** Points deducted from the total that day. */
  deductions: number;
  reported: {
    overall: number;
    dimensions: Partial<Record<string, number>>;
    /** Indicator scores (bands) as reported. */
    indicators: Partial<Record<CurrentIndicatorCode, number>>;
  };
};

export type WeightFit = { weights: Record<string, number>; observations: number; rmse: number };
export type WeightFitOutcome = ({ status: "fitted" } & WeightFit) | { status: "notEnoughData" | "notIdentifiable"; observations: number };

export type CalibrationFit = {
  /** What an organisation would adopt: only the numbers the data determined. */
  entries: Required<OrganisationEntries>;
  cutoffs: Partial<Record<CurrentIndicatorCode, ({ status: "fitted" } & CutoffFit) | { status: "notEnoughData" | "oneBand"; observations: number }>>;
  indicatorWeights: Record<string, WeightFitOutcome>;
  dimensionWeights: WeightFitOutcome;
};

/** Shop-days a calibration needs at the least (formal stage, a 100-point overall score reported). */
export const MIN_CALIBRATION_SHOP_DAYS = CALIBRATION_MIN_SHOP_DAYS;

/** Rows a least-squares fit of n weights needs: twice as many as weights, and at least five. */
const minRowsFor = (weights: number) => Math.max(5, 2 * weights);

const BAND_TOLERANCE = 1e-6;

/** The band rank (0 = best) a reported indicator score stands for, or null when it is not one of the bands. */
export function rankOfBand(bands: readonly number[], score: number | undefined): number | null {
  if (score === undefined) return null;
  const rank = bands.findIndex((points) => Math.abs(points - score) <= BAND_TOLERANCE);
  return rank < 0 ? null : rank;
}

/** Band points of a value by value cut-offs (best band first, inclusive), as the engine reads them. */
export function bandByCutoffs(bands: readonly number[], cutoffs: readonly number[], better: "higher" | "lower", value: number): number {
  for (let i = 0; i < cutoffs.length && i < bands.length - 1; i++) {
    const cut = cutoffs[i] ?? Number.NaN;
    if (better === "higher" ? value >= cut : value <= cut) return bands[i] ?? Number.NaN;
  }
  return bands[bands.length - 1] ?? Number.NaN;
}

export function fitCalibration(ruleSet: PointsRuleSet, observations: readonly CalibrationObservation[], current: OrganisationEntries | undefined): CalibrationFit {
  const scoring = ruleSet.dimensionScoring;
  if (scoring.kind !== "indicator-bands") throw new RangeError(`calibration fits indicator bands; ${ruleSet.name} has none`);
  const bands = scoring.bands.map((b) => b.points);
  const protectionPoints = ruleSet.protection?.points ?? null;
  const entries: Required<OrganisationEntries> = { cutoffs: {}, indicatorWeights: {}, dimensionWeights: {} };
  const cutoffs: CalibrationFit["cutoffs"] = {};

  for (const dimension of ruleSet.dimensions) {
    for (const { code } of dimension.indicators) {
      const pairs = observations.flatMap((o) => {
        const value = o.values[code];
        const rank = rankOfBand(bands, o.reported.indicators[code]);
        return value === undefined || rank === null || o.protectedIndicators.includes(code) ? [] : [{ value, rank }];
      });
      if (pairs.length < 2) {
        cutoffs[code] = { status: "notEnoughData", observations: pairs.length };
        continue;
      }
      const fit = fitCutoffs(pairs, { bandCount: bands.length, better: CURRENT_INDICATORS[code].better, current: current?.cutoffs?.[code] ?? null });
      if (!fit) {
        cutoffs[code] = { status: "oneBand", observations: pairs.length };
        continue;
      }
      cutoffs[code] = { status: "fitted", ...fit };
      entries.cutoffs[code] = fit.cutoffs;
    }
  }

  /** The band an indicator had on a shop-day: reported, else protected, else by the fitted (or current) cut-offs. */
  const bandOn = (o: CalibrationObservation, code: CurrentIndicatorCode): number | null => {
    const reported = o.reported.indicators[code];
    if (rankOfBand(bands, reported) !== null && reported !== undefined) return reported;
    if (o.protectedIndicators.includes(code) && protectionPoints !== null) return protectionPoints;
    const value = o.values[code];
    const cuts = entries.cutoffs[code] ?? current?.cutoffs?.[code];
    return value === undefined || !cuts ? null : bandByCutoffs(bands, cuts, CURRENT_INDICATORS[code].better, value);
  };

  const indicatorWeights: Record<string, WeightFitOutcome> = {};
  for (const dimension of ruleSet.dimensions) {
    const codes = dimension.indicators.map((i) => i.code);
    const rows: number[][] = [];
    const targets: number[] = [];
    for (const o of observations) {
      const target = o.reported.dimensions[dimension.code];
      // A bonus or a missing indicator (the rest renormalised) changes the dimension's sum: left out.
      if (target === undefined || (o.dimensionBonus[dimension.code] ?? 0) !== 0 || codes.some((c) => o.values[c] === undefined)) continue;
      const row = codes.map((c) => bandOn(o, c));
      if (row.some((b) => b === null)) continue;
      rows.push(row as number[]);
      targets.push(target);
    }
    indicatorWeights[dimension.code] = fitWeights(codes, rows, targets);
    const outcome = indicatorWeights[dimension.code];
    if (outcome?.status === "fitted") Object.assign(entries.indicatorWeights, outcome.weights);
  }

  const dimensionCodes = ruleSet.dimensions.map((d) => d.code);
  const rows: number[][] = [];
  const targets: number[] = [];
  for (const o of observations) {
    if (o.deductions !== 0) continue;
    const row = dimensionCodes.map((d) => o.reported.dimensions[d]);
    if (row.some((s) => s === undefined)) continue;
    rows.push(row as number[]);
    targets.push(o.reported.overall);
  }
  const dimensionWeights = fitWeights(dimensionCodes, rows, targets);
  if (dimensionWeights.status === "fitted") Object.assign(entries.dimensionWeights, dimensionWeights.weights);
  return { entries, cutoffs, indicatorWeights, dimensionWeights };
}

/** Weights rounded to 4 decimals that still add up to 1 exactly (the largest takes the rounding). */
function roundedWeights(codes: readonly string[], weights: readonly number[]): Record<string, number> {
  const rounded = weights.map((w) => Math.round(w * 1e4) / 1e4);
  const largest = rounded.indexOf(Math.max(...rounded));
  const rest = rounded.reduce((s, w, i) => (i === largest ? s : s + w), 0);
  rounded[largest] = Math.round((1 - rest) * 1e4) / 1e4;
  // A weight of 0 is not an entry the engine takes (weights are positive): the smallest positive step instead.
  const positive = rounded.map((w) => Math.max(w, 1e-4));
  const excess = positive.reduce((s, w) => s + w, 0) - 1;
  positive[largest] = Math.round(((positive[largest] ?? 0) - excess) * 1e4) / 1e4;
  return Object.fromEntries(codes.map((code, i) => [code, positive[i] ?? 0]));
}

function fitWeights(codes: readonly string[], rows: readonly number[][], targets: readonly number[]): WeightFitOutcome {
  if (rows.length < minRowsFor(codes.length)) return { status: "notEnoughData", observations: rows.length };
  const fit = simplexLeastSquares(rows, targets);
  if (!fit || !fit.identifiable) return { status: "notIdentifiable", observations: rows.length };
  return { status: "fitted", weights: roundedWeights(codes, fit.weights), observations: rows.length, rmse: fit.rmse };
}

/** Agreement of Koubei's overall scores with the platform's: mean absolute error, and the share within ±1 point. */
export type Agreement = { observations: number; meanAbsoluteError: number | null; withinOnePoint: number | null };

export function agreementOf(pairs: readonly { koubei: number; platform: number }[]): Agreement {
  if (pairs.length === 0) return { observations: 0, meanAbsoluteError: null, withinOnePoint: null };
  const errors = pairs.map((p) => Math.abs(p.koubei - p.platform));
  return {
    observations: pairs.length,
    meanAbsoluteError: errors.reduce((s, e) => s + e, 0) / errors.length,
    // Reported scores carry two decimals: ±1 with room for that rounding.
    withinOnePoint: errors.filter((e) => e <= 1 + 1e-9).length / errors.length,
  };
}

/** The organisation's current entries with the fitted numbers in their place (what "after" is scored with, and what adopting stores). */
export function mergeEntries(current: OrganisationEntries | undefined, fitted: OrganisationEntries): OrganisationEntries {
  return {
    cutoffs: { ...current?.cutoffs, ...fitted.cutoffs },
    indicatorWeights: { ...current?.indicatorWeights, ...fitted.indicatorWeights },
    dimensionWeights: { ...current?.dimensionWeights, ...fitted.dimensionWeights },
  };
}
