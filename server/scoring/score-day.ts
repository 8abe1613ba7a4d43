import { applyCurve } from "./curve";
import { INDICATOR_ORDER, type IndicatorCode, type IndicatorValueMap } from "./indicators";
import { positionOf, scoreCohort, WIDTH, type KernelResult, type PackedCohort, type PeerReach } from "./score-kernel";
import type { PeerCellReach } from "./store/peer-values";
import type { DimensionWeights, RuleSet, RuleSetDimension } from "./rule-sets/schema";

type DimensionCode = RuleSetDimension["code"];

export type ScoreDayEntity = {
  /** Caller's identity for the entity (a shop id, `org:author`…); echoed back, never interpreted. */
  key: string;
  categoryCode: string;
  /** Plain count of valid orders paid in the main window (§4). */
  validOrders: number;
  /** Indicator values as of the day; absent or non-finite = missing. */
  values: IndicatorValueMap;
  /** The organisation's dimension weights for this rule set and category; unlisted dimensions keep the rule set's. */
  dimensionWeights?: DimensionWeights;
  /** Set for another organisation's entity: how far it may be compared (koubei_peer_values). Absent: the organisation's own. */
  peer?: PeerCellReach;
};

export type ScoreDayInput = {
  ruleSet: RuleSet;
  /** The organisation's entities of the rule set's kind on the day, and the peers it may compare with. */
  entities: readonly ScoreDayEntity[];
};

export type ScoredIndicator = {
  value: number;
  percentile: number;
  cohortSize: number;
  /** The category the cohort was drawn from, or null when it fell back to every category. */
  cohortCategory: string | null;
  fallback: boolean;
  /** Who is in the cohort: other organisations' entities too, or the organisation's own only (§5 privacy). */
  cohort: CohortReach;
  /** Share of the dimension after leaving missing indicators out (weights renormalised). */
  weight: number;
  /** dimension weight × weight: the indicator's share of the overall score. */
  overallWeight: number;
  /**
   * Points of the overall score this indicator accounts for above the baseline. A dimension earns
   * (score − curve floor) points above the floor; they are split among its indicators in
   * proportion to weight × percentile, then scaled by the dimension weight. So contribution =
   * dimension weight × share × percentile × (score − floor) / composite, and
   * baseline + Σ contributions = the overall score before clamping.
   */
  contribution: number;
};

export type CohortReach = { scope: "peers" | "own"; organisations: number; entities: number };

const reachOf = (otherOrgs: number, entities: number): CohortReach => ({
  scope: otherOrgs > 0 ? "peers" : "own",
  organisations: otherOrgs + 1,
  entities,
});

export type DimensionScore = {
  /** Weighted mean percentile of the present indicators; 0.5 when all are missing (§4). */
  composite: number;
  score: number;
  weight: number;
  presentIndicators: number;
};

export type ScoredEntity = {
  key: string;
  categoryCode: string;
  state: "scored";
  validOrders: number;
  overall: number;
  /** % (0–100) of the other eligible peers with a strictly lower overall score. */
  beatsPercent: number;
  beatsCohortSize: number;
  beatsFallback: boolean;
  beatsCohort: CohortReach;
  /** Overall score not explained by any indicator: the curve floor, plus all-missing dimensions. */
  baseline: number;
  dimensionWeightsOverridden: boolean;
  dimensions: Partial<Record<DimensionCode, DimensionScore>>;
  indicators: Partial<Record<IndicatorCode, ScoredIndicator>>;
  missingIndicators: IndicatorCode[];
};

export type UnscoredEntity = {
  key: string;
  categoryCode: string;
  state: "insufficient_data";
  validOrders: number;
  overall: null;
  beatsPercent: null;
  indicators: Partial<Record<IndicatorCode, { value: number }>>;
  missingIndicators: IndicatorCode[];
};

export type EntityScore = ScoredEntity | UnscoredEntity;

function ruleSetIndicators(ruleSet: RuleSet): IndicatorCode[] {
  return ruleSet.dimensions.flatMap((dimension) =>
    dimension.indicators.map((indicator) => indicator.code),
  );
}

function presentValue(values: IndicatorValueMap, code: IndicatorCode): number | undefined {
  const value = values[code];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** The cohort in the kernel's columns, in input order (what-if searches re-rank it with one entity's cells changed). */
export function packCohort(entities: readonly ScoreDayEntity[]): PackedCohort {
  const n = entities.length;
  const values = new Float64Array(n * WIDTH).fill(Number.NaN);
  entities.forEach((entity, index) => {
    INDICATOR_ORDER.forEach((code, position) => {
      const value = entity.values[code];
      if (typeof value === "number") values[index * WIDTH + position] = value;
    });
  });
  const packed: PackedCohort = {
    size: n,
    categories: entities.map((e) => e.categoryCode),
    validOrders: entities.map((e) => e.validOrders),
    values,
    dimensionWeights: entities.map((e) => e.dimensionWeights),
  };
  if (!entities.some((e) => e.peer)) return packed;
  const reach: PeerReach = {
    peer: new Uint8Array(n),
    categoryOrgs: new Int32Array(n * WIDTH),
    poolOrgs: new Int32Array(n * WIDTH),
    beatsCategoryOrgs: new Int32Array(n),
    beatsPoolOrgs: new Int32Array(n),
  };
  entities.forEach((entity, index) => {
    if (!entity.peer) return;
    reach.peer[index] = 1;
    reach.categoryOrgs.set(entity.peer.categoryOrgs.subarray(0, WIDTH), index * WIDTH);
    reach.poolOrgs.set(entity.peer.poolOrgs.subarray(0, WIDTH), index * WIDTH);
    reach.beatsCategoryOrgs[index] = entity.peer.beatsCategoryOrgs;
    reach.beatsPoolOrgs[index] = entity.peer.beatsPoolOrgs;
  });
  return { ...packed, reach };
}

/** The explained form of one eligible entity's kernel columns (contributions and baseline, §8). */
function scoredEntity(entity: ScoreDayEntity, index: number, ruleSet: RuleSet, result: KernelResult): ScoredEntity {
  const floor = applyCurve(ruleSet.curve, 0);
  const dimensions: Partial<Record<DimensionCode, DimensionScore>> = {};
  const indicators: Partial<Record<IndicatorCode, ScoredIndicator>> = {};
  const missingIndicators: IndicatorCode[] = [];
  let baseline = 0;
  ruleSet.dimensions.forEach((dimension, d) => {
    const cell = index * result.dimensions + d;
    const composite = result.composite[cell] ?? Number.NaN;
    const score = result.dimensionScore[cell] ?? Number.NaN;
    const dimensionWeight = result.dimensionWeight[cell] ?? Number.NaN;
    const present = result.presentIndicators[cell] ?? 0;
    dimensions[dimension.code] = { composite, score, weight: dimensionWeight, presentIndicators: present };
    const weightSum = result.presentWeight[cell] ?? Number.NaN;
    baseline += dimensionWeight * floor;
    if (present === 0) baseline += dimensionWeight * (score - floor);
    for (const indicator of dimension.indicators) {
      const at = index * WIDTH + positionOf(indicator.code);
      const percentile = result.percentile[at] ?? Number.NaN;
      const value = presentValue(entity.values, indicator.code);
      if (value === undefined || Number.isNaN(percentile)) {
        missingIndicators.push(indicator.code);
        continue;
      }
      const share = indicator.weight / weightSum;
      const fallback = result.fallback[at] === 1;
      indicators[indicator.code] = {
        value,
        percentile,
        cohortSize: result.cohortSize[at] ?? 0,
        cohortCategory: fallback ? null : entity.categoryCode,
        fallback,
        cohort: reachOf(result.cohortOtherOrgs[at] ?? 0, result.cohortSize[at] ?? 0),
        weight: share,
        overallWeight: dimensionWeight * share,
        contribution: composite > 0 ? (dimensionWeight * (score - floor) * share * percentile) / composite : 0,
      };
    }
  });
  return {
    key: entity.key,
    categoryCode: entity.categoryCode,
    state: "scored",
    validOrders: entity.validOrders,
    overall: result.overall[index] ?? Number.NaN,
    beatsPercent: result.beatsPercent[index] ?? Number.NaN,
    beatsCohortSize: result.beatsCohortSize[index] ?? 0,
    beatsFallback: result.beatsFallback[index] === 1,
    beatsCohort: reachOf(result.beatsCohortOtherOrgs[index] ?? 0, result.beatsCohortSize[index] ?? 0),
    baseline,
    dimensionWeightsOverridden: result.overridden[index] === 1,
    dimensions,
    indicators,
    missingIndicators,
  };
}

function unscored(entity: ScoreDayEntity, codes: readonly IndicatorCode[]): UnscoredEntity {
  const indicators: Partial<Record<IndicatorCode, { value: number }>> = {};
  const missingIndicators: IndicatorCode[] = [];
  for (const code of codes) {
    const value = presentValue(entity.values, code);
    if (value === undefined) missingIndicators.push(code);
    else indicators[code] = { value };
  }
  return {
    key: entity.key,
    categoryCode: entity.categoryCode,
    state: "insufficient_data",
    validOrders: entity.validOrders,
    overall: null,
    beatsPercent: null,
    indicators,
    missingIndicators,
  };
}

/**
 * Scores every entity of one kind on one day under one rule set (scoring.md §4–§6), with the
 * explanation of each number. Pure and deterministic: the output depends only on the input, in
 * input order. The maths is scoreCohort's; this adds the explained form.
 */
export function scoreDay(input: ScoreDayInput): EntityScore[] {
  const { ruleSet, entities } = input;
  const codes = ruleSetIndicators(ruleSet);
  const result = scoreCohort(ruleSet, packCohort(entities));
  return entities.map((entity, index) =>
    result.eligible[index] === 1 ? scoredEntity(entity, index, ruleSet, result) : unscored(entity, codes),
  );
}
