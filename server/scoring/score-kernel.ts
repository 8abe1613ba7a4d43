import { applyCurve } from "./curve";
import { INDICATOR_ORDER, INDICATORS, type IndicatorCode } from "./indicators";
import { cohortPercentiles, countBelow, roundForComparison } from "./percentile";
import type { DimensionWeights, RuleSet } from "./rule-sets/schema";

/** Values per entity in the cached layout: entity i's indicator at INDICATOR_ORDER position p is values[i * WIDTH + p]. */
export const WIDTH = INDICATOR_ORDER.length;

const POSITION = new Map<IndicatorCode, number>(INDICATOR_ORDER.map((code, index) => [code, index]));
export const positionOf = (code: IndicatorCode): number => POSITION.get(code) ?? -1;

/** One day's cohort in columns. A missing indicator is NaN (any non-finite value counts as missing). */
export type PackedCohort = {
  size: number;
  categories: readonly string[];
  validOrders: Int32Array | readonly number[];
  values: Float64Array;
  /** The organisation's dimension weights for an entity, when it has any (anonymous peers never do). */
  dimensionWeights?: readonly (DimensionWeights | undefined)[];
};

/**
 * What scoring.md §4–§6 make of a cohort, in columns: per indicator position (WIDTH per entity)
 * and per rule-set dimension (its order; `dimensions` per entity). Ineligible entities and
 * unranked indicators hold NaN.
 */
export type KernelResult = {
  eligible: Uint8Array;
  percentile: Float64Array;
  cohortSize: Int32Array;
  fallback: Uint8Array;
  dimensions: number;
  composite: Float64Array;
  dimensionScore: Float64Array;
  dimensionWeight: Float64Array;
  presentIndicators: Int32Array;
  /** Sum of the present indicators' weights: each one's share of its dimension is weight / presentWeight. */
  presentWeight: Float64Array;
  overridden: Uint8Array;
  overall: Float64Array;
  beatsPercent: Float64Array;
  beatsCohortSize: Int32Array;
  beatsFallback: Uint8Array;
};

const isPresent = (value: number | undefined): value is number => value !== undefined && Number.isFinite(value);

function groupByCategory(indices: Iterable<number>, categories: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const index of indices) {
    const category = categories[index] ?? "";
    const list = groups.get(category);
    if (list) list.push(index);
    else groups.set(category, [index]);
  }
  return groups;
}

/**
 * §5: ranks every eligible holder of the indicator at `position` against the same category when
 * that category has at least cohort.minSize holders, otherwise against every holder.
 */
function rankIndicator(cohort: PackedCohort, eligible: readonly number[], code: IndicatorCode, ruleSet: RuleSet, out: KernelResult): void {
  const position = positionOf(code);
  const better = INDICATORS[code].better;
  const decimals = ruleSet.comparisonDecimals;
  const valueOf = (index: number) => cohort.values[index * WIDTH + position] ?? Number.NaN;
  const holders = eligible.filter((index) => isPresent(valueOf(index)));
  let fallbackPercentiles: number[] | undefined;
  let fallbackOrder: Map<number, number> | undefined;
  for (const members of groupByCategory(holders, cohort.categories).values()) {
    const cell = (index: number) => index * WIDTH + position;
    if (members.length >= ruleSet.cohort.minSize) {
      const percentiles = cohortPercentiles(members.map(valueOf), better, decimals);
      members.forEach((index, k) => {
        out.percentile[cell(index)] = percentiles[k] ?? Number.NaN;
        out.cohortSize[cell(index)] = members.length;
      });
      continue;
    }
    fallbackPercentiles ??= cohortPercentiles(holders.map(valueOf), better, decimals);
    fallbackOrder ??= new Map(holders.map((index, k) => [index, k]));
    for (const index of members) {
      out.percentile[cell(index)] = fallbackPercentiles[fallbackOrder.get(index) ?? -1] ?? Number.NaN;
      out.cohortSize[cell(index)] = holders.length;
      out.fallback[cell(index)] = 1;
    }
  }
}

/** §4: dimension composites (weighted mean percentile of the present indicators, 0.5 when none), curve scores, overall. */
function scoreEntity(cohort: PackedCohort, index: number, ruleSet: RuleSet, out: KernelResult): void {
  const dimensions = ruleSet.dimensions.length;
  let overall = 0;
  ruleSet.dimensions.forEach((dimension, d) => {
    const override = cohort.dimensionWeights?.[index]?.[dimension.code];
    if (override !== undefined) out.overridden[index] = 1;
    const dimensionWeight = override ?? dimension.weight;
    let present = 0;
    let weightSum = 0;
    let weightedPercentiles = 0;
    // Summed in the rule set's indicator order, so every caller gets the same bits.
    for (const indicator of dimension.indicators) {
      const percentile = out.percentile[index * WIDTH + positionOf(indicator.code)] ?? Number.NaN;
      if (Number.isNaN(percentile)) continue;
      present += 1;
      weightSum += indicator.weight;
      weightedPercentiles += indicator.weight * percentile;
    }
    const composite = present > 0 ? weightedPercentiles / weightSum : 0.5;
    const score = applyCurve(ruleSet.curve, composite);
    const cell = index * dimensions + d;
    out.composite[cell] = composite;
    out.dimensionScore[cell] = score;
    out.dimensionWeight[cell] = dimensionWeight;
    out.presentIndicators[cell] = present;
    out.presentWeight[cell] = weightSum;
    overall += dimensionWeight * score;
  });
  out.overall[index] = Math.min(ruleSet.scoreBounds.max, Math.max(ruleSet.scoreBounds.min, overall));
}

/**
 * §6.4: share of the OTHER eligible entities of the same category (or of all categories when the
 * category has fewer than the cohort minimum) with a strictly lower overall, compared at the same
 * rounding as indicator values so that summation noise cannot make a tie look like a win.
 */
function beatsPercents(cohort: PackedCohort, eligible: readonly number[], ruleSet: RuleSet, out: KernelResult): void {
  const rounded = new Float64Array(cohort.size);
  for (const index of eligible) rounded[index] = roundForComparison(out.overall[index] ?? Number.NaN, ruleSet.comparisonDecimals);
  const ascending = (indices: readonly number[]) => Float64Array.from(indices, (index) => rounded[index] ?? Number.NaN).sort();
  const sortedAll = ascending(eligible);
  for (const members of groupByCategory(eligible, cohort.categories).values()) {
    const fallback = members.length < ruleSet.cohort.minSize;
    const peers = fallback ? sortedAll : ascending(members);
    const others = peers.length - 1;
    for (const index of members) {
      out.beatsPercent[index] = others > 0 ? (100 * countBelow(peers, rounded[index] ?? Number.NaN)) / others : 0;
      out.beatsCohortSize[index] = peers.length;
      out.beatsFallback[index] = fallback ? 1 : 0;
    }
  }
}

/**
 * Scores a whole cohort for one day under one rule set (scoring.md §4–§6), in typed arrays: the
 * one implementation of the maths, used by scoreDay (which builds explanations from it) and by
 * the history backfill (which stores its columns as they are). Pure and deterministic.
 */
export function scoreCohort(ruleSet: RuleSet, cohort: PackedCohort): KernelResult {
  const n = cohort.size;
  const dimensions = ruleSet.dimensions.length;
  const out: KernelResult = {
    eligible: new Uint8Array(n),
    percentile: new Float64Array(n * WIDTH).fill(Number.NaN),
    cohortSize: new Int32Array(n * WIDTH),
    fallback: new Uint8Array(n * WIDTH),
    dimensions,
    composite: new Float64Array(n * dimensions).fill(Number.NaN),
    dimensionScore: new Float64Array(n * dimensions).fill(Number.NaN),
    dimensionWeight: new Float64Array(n * dimensions).fill(Number.NaN),
    presentIndicators: new Int32Array(n * dimensions),
    presentWeight: new Float64Array(n * dimensions),
    overridden: new Uint8Array(n),
    overall: new Float64Array(n).fill(Number.NaN),
    beatsPercent: new Float64Array(n).fill(Number.NaN),
    beatsCohortSize: new Int32Array(n),
    beatsFallback: new Uint8Array(n),
  };
  const eligible: number[] = [];
  for (let i = 0; i < n; i++) {
    if ((cohort.validOrders[i] ?? 0) >= ruleSet.eligibility.minValidOrders) {
      eligible.push(i);
      out.eligible[i] = 1;
    }
  }
  for (const dimension of ruleSet.dimensions) {
    for (const indicator of dimension.indicators) rankIndicator(cohort, eligible, indicator.code, ruleSet, out);
  }
  for (const index of eligible) scoreEntity(cohort, index, ruleSet, out);
  beatsPercents(cohort, eligible, ruleSet, out);
  return out;
}
