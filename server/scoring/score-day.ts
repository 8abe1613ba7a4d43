import { applyCurve } from "./curve";
import { INDICATORS, type IndicatorCode, type IndicatorValueMap } from "./indicators";
import { cohortPercentiles, countBelow, roundForComparison } from "./percentile";
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
};

export type ScoreDayInput = {
  ruleSet: RuleSet;
  /** Every entity of the rule set's kind on the day, across all benchmarking organisations. */
  entities: readonly ScoreDayEntity[];
};

export type ScoredIndicator = {
  value: number;
  percentile: number;
  cohortSize: number;
  /** The category the cohort was drawn from, or null when it fell back to every category. */
  cohortCategory: string | null;
  fallback: boolean;
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

type PeerRank = {
  percentile: number;
  cohortSize: number;
  cohortCategory: string | null;
  fallback: boolean;
};

function ruleSetIndicators(ruleSet: RuleSet): IndicatorCode[] {
  return ruleSet.dimensions.flatMap((dimension) =>
    dimension.indicators.map((indicator) => indicator.code),
  );
}

function presentValue(values: IndicatorValueMap, code: IndicatorCode): number | undefined {
  const value = values[code];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * Ranks every eligible entity that has `code` against its cohort (§5): same category if that
 * category has at least `minSize` such entities, otherwise every eligible entity with the indicator.
 */
function rankIndicator(
  eligible: readonly ScoreDayEntity[],
  code: IndicatorCode,
  ruleSet: RuleSet,
): Map<ScoreDayEntity, PeerRank> {
  const better = INDICATORS[code].better;
  const decimals = ruleSet.comparisonDecimals;
  const holders = eligible.filter((entity) => presentValue(entity.values, code) !== undefined);
  const valueOf = (entity: ScoreDayEntity) => presentValue(entity.values, code) ?? Number.NaN;

  const byCategory = groupByCategory(holders);

  const ranks = new Map<ScoreDayEntity, PeerRank>();
  let fallbackPercentiles: number[] | undefined;
  const holderIndex = new Map(holders.map((entity, index) => [entity, index]));
  for (const [category, members] of byCategory) {
    if (members.length >= ruleSet.cohort.minSize) {
      const percentiles = cohortPercentiles(members.map(valueOf), better, decimals);
      members.forEach((entity, index) => {
        ranks.set(entity, {
          percentile: percentiles[index] ?? Number.NaN,
          cohortSize: members.length,
          cohortCategory: category,
          fallback: false,
        });
      });
      continue;
    }
    fallbackPercentiles ??= cohortPercentiles(holders.map(valueOf), better, decimals);
    for (const entity of members) {
      ranks.set(entity, {
        percentile: fallbackPercentiles[holderIndex.get(entity) ?? -1] ?? Number.NaN,
        cohortSize: holders.length,
        cohortCategory: null,
        fallback: true,
      });
    }
  }
  return ranks;
}

function scoreEntity(
  entity: ScoreDayEntity,
  ruleSet: RuleSet,
  ranks: ReadonlyMap<IndicatorCode, ReadonlyMap<ScoreDayEntity, PeerRank>>,
): Omit<ScoredEntity, "beatsPercent" | "beatsCohortSize" | "beatsFallback"> {
  const floor = applyCurve(ruleSet.curve, 0);
  const dimensions: Partial<Record<DimensionCode, DimensionScore>> = {};
  const indicators: Partial<Record<IndicatorCode, ScoredIndicator>> = {};
  const missingIndicators: IndicatorCode[] = [];
  let overall = 0;
  let baseline = 0;
  let overridden = false;

  for (const dimension of ruleSet.dimensions) {
    const override = entity.dimensionWeights?.[dimension.code];
    if (override !== undefined) overridden = true;
    const dimensionWeight = override ?? dimension.weight;

    const present: { code: IndicatorCode; weight: number; value: number; rank: PeerRank }[] = [];
    for (const indicator of dimension.indicators) {
      const value = presentValue(entity.values, indicator.code);
      const rank = ranks.get(indicator.code)?.get(entity);
      if (value === undefined || !rank) missingIndicators.push(indicator.code);
      else present.push({ code: indicator.code, weight: indicator.weight, value, rank });
    }

    let weightSum = 0;
    for (const item of present) weightSum += item.weight;
    let weightedPercentiles = 0;
    for (const item of present) weightedPercentiles += item.weight * item.rank.percentile;
    const composite = present.length > 0 ? weightedPercentiles / weightSum : 0.5;
    const score = applyCurve(ruleSet.curve, composite);
    dimensions[dimension.code] = {
      composite,
      score,
      weight: dimensionWeight,
      presentIndicators: present.length,
    };
    overall += dimensionWeight * score;

    baseline += dimensionWeight * floor;
    if (present.length === 0) baseline += dimensionWeight * (score - floor);
    for (const item of present) {
      const share = item.weight / weightSum;
      const contribution =
        composite > 0
          ? (dimensionWeight * (score - floor) * share * item.rank.percentile) / composite
          : 0;
      indicators[item.code] = {
        value: item.value,
        percentile: item.rank.percentile,
        cohortSize: item.rank.cohortSize,
        cohortCategory: item.rank.cohortCategory,
        fallback: item.rank.fallback,
        weight: share,
        overallWeight: dimensionWeight * share,
        contribution,
      };
    }
  }

  return {
    key: entity.key,
    categoryCode: entity.categoryCode,
    state: "scored",
    validOrders: entity.validOrders,
    overall: Math.min(ruleSet.scoreBounds.max, Math.max(ruleSet.scoreBounds.min, overall)),
    baseline,
    dimensionWeightsOverridden: overridden,
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
 * Scores every entity of one kind on one day under one rule set (scoring.md §4–§6). Pure and
 * deterministic: the output depends only on the input, in input order.
 */
export function scoreDay(input: ScoreDayInput): EntityScore[] {
  const { ruleSet, entities } = input;
  const codes = ruleSetIndicators(ruleSet);
  const eligible = entities.filter(
    (entity) => entity.validOrders >= ruleSet.eligibility.minValidOrders,
  );
  const eligibleSet = new Set(eligible);

  const ranks = new Map<IndicatorCode, Map<ScoreDayEntity, PeerRank>>();
  for (const code of codes) ranks.set(code, rankIndicator(eligible, code, ruleSet));

  const scored = new Map<ScoreDayEntity, ReturnType<typeof scoreEntity>>();
  for (const entity of eligible) scored.set(entity, scoreEntity(entity, ruleSet, ranks));

  const beats = beatsPercents(eligible, scored, ruleSet);
  return entities.map((entity) => {
    const result = scored.get(entity);
    const beat = beats.get(entity);
    if (!eligibleSet.has(entity) || !result || !beat) return unscored(entity, codes);
    return { ...result, ...beat };
  });
}

type Beats = { beatsPercent: number; beatsCohortSize: number; beatsFallback: boolean };

/**
 * §6.4: share of the OTHER eligible entities of the same category (or of all categories when the
 * category has fewer than the cohort minimum) with a strictly lower overall. Compared at the same
 * rounding as indicator values, so summation noise cannot make a tie look like a win.
 */
function beatsPercents(
  eligible: readonly ScoreDayEntity[],
  scored: ReadonlyMap<ScoreDayEntity, { overall: number }>,
  ruleSet: RuleSet,
): Map<ScoreDayEntity, Beats> {
  const overallOf = (entity: ScoreDayEntity) =>
    roundForComparison(scored.get(entity)?.overall ?? Number.NaN, ruleSet.comparisonDecimals);
  const ascending = (entities: readonly ScoreDayEntity[]) =>
    entities.map(overallOf).sort((a, b) => a - b);
  const sortedByCategory = new Map<string, number[]>();
  for (const [category, members] of groupByCategory(eligible)) {
    sortedByCategory.set(category, ascending(members));
  }
  const sortedAll = ascending(eligible);

  const result = new Map<ScoreDayEntity, Beats>();
  for (const entity of eligible) {
    const category = sortedByCategory.get(entity.categoryCode) ?? [];
    const fallback = category.length < ruleSet.cohort.minSize;
    const peers = fallback ? sortedAll : category;
    const others = peers.length - 1;
    result.set(entity, {
      beatsPercent: others > 0 ? (100 * countBelow(peers, overallOf(entity))) / others : 0,
      beatsCohortSize: peers.length,
      beatsFallback: fallback,
    });
  }
  return result;
}

function groupByCategory(entities: readonly ScoreDayEntity[]): Map<string, ScoreDayEntity[]> {
  const groups = new Map<string, ScoreDayEntity[]>();
  for (const entity of entities) {
    const list = groups.get(entity.categoryCode);
    if (list) list.push(entity);
    else groups.set(entity.categoryCode, [entity]);
  }
  return groups;
}
