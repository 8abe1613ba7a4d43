import { applyCurve } from "./curve";
import { INDICATOR_ORDER, INDICATORS, type IndicatorCode } from "./indicators";
import { cohortPercentiles, countBelow, roundForComparison } from "./percentile";
import type { DimensionWeights, RuleSet } from "./rule-sets/schema";

/** Values per entity in the cached layout: entity i's indicator at INDICATOR_ORDER position p is values[i * WIDTH + p]. */
export const WIDTH = INDICATOR_ORDER.length;

const POSITION = new Map<IndicatorCode, number>(INDICATOR_ORDER.map((code, index) => [code, index]));
export const positionOf = (code: IndicatorCode): number => POSITION.get(code) ?? -1;

/**
 * How far other organisations' entities may be compared (scoring.md §5, privacy of cohorts), as
 * decided by koubei_peer_values or its in-memory twin (peer-privacy.ts). Counts are of
 * OTHER organisations; 0 means the value may not rank in that cohort.
 */
export type PeerReach = {
  /** 1 for another organisation's entity, 0 for the organisation's own. */
  peer: Uint8Array;
  /** Per cell: other organisations in the cell's category cohort; 0 = it ranks only in the all-categories one. */
  categoryOrgs: Int32Array;
  /** Per cell: other organisations in the indicator's all-categories cohort. */
  poolOrgs: Int32Array;
  /** Per entity: other organisations in the category's beats cohort; 0 = only in the all-categories one. */
  beatsCategoryOrgs: Int32Array;
  /** Per entity: other organisations in the all-categories beats cohort. */
  beatsPoolOrgs: Int32Array;
};

/** One day's cohort in columns. A missing indicator is NaN (any non-finite value counts as missing). */
export type PackedCohort = {
  size: number;
  categories: readonly string[];
  validOrders: Int32Array | readonly number[];
  values: Float64Array;
  /** The organisation's dimension weights for an entity, when it has any (anonymous peers never do). */
  dimensionWeights?: readonly (DimensionWeights | undefined)[];
  /** Absent: every entity is the organisation's own. */
  reach?: PeerReach;
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
  /** Per cell: other organisations whose entities are in the cohort (0: the organisation's own entities only). */
  cohortOtherOrgs: Int32Array;
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
  beatsCohortOtherOrgs: Int32Array;
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

/** The largest count of `counts` over the peers among `indices` (0 when none is a peer). */
function otherOrgs(reach: PeerReach | undefined, counts: (reach: PeerReach) => Int32Array, indices: Iterable<number>, stride: number, offset: number): number {
  if (!reach) return 0;
  const column = counts(reach);
  let most = 0;
  for (const index of indices) if (reach.peer[index] === 1) most = Math.max(most, column[index * stride + offset] ?? 0);
  return most;
}

/**
 * §5: ranks every eligible holder of the indicator at `position` against the same category when
 * that category has at least cohort.minSize holders, otherwise against every holder. Another
 * organisation's value joins its category's cohort only where the privacy rule lets it; where it
 * does not, it ranks only in the all-categories cohort.
 */
function rankIndicator(cohort: PackedCohort, eligible: readonly number[], code: IndicatorCode, ruleSet: RuleSet, out: KernelResult): void {
  const position = positionOf(code);
  const better = INDICATORS[code].better;
  const decimals = ruleSet.comparisonDecimals;
  const reach = cohort.reach;
  const cell = (index: number) => index * WIDTH + position;
  const valueOf = (index: number) => cohort.values[cell(index)] ?? Number.NaN;
  const holders = eligible.filter((index) => isPresent(valueOf(index)));
  const inCategory = (index: number) => !reach || reach.peer[index] !== 1 || (reach.categoryOrgs[cell(index)] ?? 0) > 0;
  let fallbackPercentiles: number[] | undefined;
  let fallbackOrder: Map<number, number> | undefined;
  let fallbackOthers: number | undefined;
  const rankInFallback = (members: Iterable<number>) => {
    fallbackPercentiles ??= cohortPercentiles(holders.map(valueOf), better, decimals);
    fallbackOrder ??= new Map(holders.map((index, k) => [index, k]));
    fallbackOthers ??= otherOrgs(reach, (r) => r.poolOrgs, holders, WIDTH, position);
    for (const index of members) {
      out.percentile[cell(index)] = fallbackPercentiles[fallbackOrder.get(index) ?? -1] ?? Number.NaN;
      out.cohortSize[cell(index)] = holders.length;
      out.cohortOtherOrgs[cell(index)] = fallbackOthers;
      out.fallback[cell(index)] = 1;
    }
  };
  for (const members of groupByCategory(holders.filter(inCategory), cohort.categories).values()) {
    if (members.length < ruleSet.cohort.minSize) {
      rankInFallback(members);
      continue;
    }
    const percentiles = cohortPercentiles(members.map(valueOf), better, decimals);
    const others = otherOrgs(reach, (r) => r.categoryOrgs, members, WIDTH, position);
    members.forEach((index, k) => {
      out.percentile[cell(index)] = percentiles[k] ?? Number.NaN;
      out.cohortSize[cell(index)] = members.length;
      out.cohortOtherOrgs[cell(index)] = others;
    });
  }
  if (reach) rankInFallback(holders.filter((index) => !inCategory(index)));
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
 * rounding as indicator values so that summation noise cannot make a tie look like a win. The
 * privacy rule of §5 decides which other organisations' entities share a category's cohort.
 */
function beatsPercents(cohort: PackedCohort, eligible: readonly number[], ruleSet: RuleSet, out: KernelResult): void {
  const reach = cohort.reach;
  const rounded = new Float64Array(cohort.size);
  for (const index of eligible) rounded[index] = roundForComparison(out.overall[index] ?? Number.NaN, ruleSet.comparisonDecimals);
  const ascending = (indices: readonly number[]) => Float64Array.from(indices, (index) => rounded[index] ?? Number.NaN).sort();
  const sortedAll = ascending(eligible);
  const allOthers = otherOrgs(reach, (r) => r.beatsPoolOrgs, eligible, 1, 0);
  const inCategory = (index: number) => !reach || reach.peer[index] !== 1 || (reach.beatsCategoryOrgs[index] ?? 0) > 0;
  const rank = (members: readonly number[], fallback: boolean) => {
    const peers = fallback ? sortedAll : ascending(members);
    const others = peers.length - 1;
    const otherOrganisations = fallback ? allOthers : otherOrgs(reach, (r) => r.beatsCategoryOrgs, members, 1, 0);
    for (const index of members) {
      out.beatsPercent[index] = others > 0 ? (100 * countBelow(peers, rounded[index] ?? Number.NaN)) / others : 0;
      out.beatsCohortSize[index] = peers.length;
      out.beatsCohortOtherOrgs[index] = otherOrganisations;
      out.beatsFallback[index] = fallback ? 1 : 0;
    }
  };
  for (const members of groupByCategory(eligible.filter(inCategory), cohort.categories).values()) rank(members, members.length < ruleSet.cohort.minSize);
  if (reach) rank(eligible.filter((index) => !inCategory(index)), true);
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
    cohortOtherOrgs: new Int32Array(n * WIDTH),
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
    beatsCohortOtherOrgs: new Int32Array(n),
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
