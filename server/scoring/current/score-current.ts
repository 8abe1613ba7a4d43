import type { Day } from "@/server/lib/time";
import { roundForComparison } from "../percentile";
import type { PointsRuleSet } from "../rule-sets/points-schema";
import { roundScoreForDisplay } from "../score-display";
import { bandOfPercentile, rankIndicator, type CohortMember, type RankedCell } from "./cohort";
import { DOUYIN_MEASURES } from "./douyin-measures";
import type { CurrentShop } from "./facts";
import { CURRENT_INDICATORS, type CurrentIndicatorCode } from "./indicator-codes";
import { valueOf, type Measure } from "./measure";
import { bonusesOf, deductionsOf, penaltyEvents } from "./adjustments";
import type { CurrentIndicatorResult, CurrentScore, NumberSource, OrganisationEntries } from "./result";
import { inSpan, shopContext, spanOf, type ShopContext } from "./shop-context";
import { deliveredIn, TIKTOK_MEASURES } from "./tiktok-measures";

/**
 * Another organisation's eligible shop as scoring may see it (scoring.md §5): a category and
 * values, with how many other organisations share each indicator's category cohort (0: the value
 * ranks only in the all-categories cohort). No identity.
 */
export type CurrentPeer = {
  categoryCode: string;
  values: Partial<Record<CurrentIndicatorCode, number>>;
  categoryOrgs: Partial<Record<CurrentIndicatorCode, number>>;
};

export type ScoreCurrentInput = {
  ruleSet: PointsRuleSet;
  day: Day;
  /** The shops scored; with no `peers`, they are also the whole cohort. */
  shops: readonly CurrentShop[];
  /** Other organisations' eligible shops, as koubei_current_peer_values returns them. */
  peers?: readonly CurrentPeer[];
  /** The organisation's entries per category code; absent: the rule set's defaults. */
  entriesOf?: (categoryCode: string) => OrganisationEntries | undefined;
};

/** One shop's stage or eligibility count and its indicators' raw sums on the day. */
export type MeasuredShop = {
  shop: CurrentShop;
  ctx: ShopContext;
  eligible: boolean;
  count: number;
  measures: Partial<Record<CurrentIndicatorCode, Measure | null>>;
};

export const ruleSetIndicators = (ruleSet: PointsRuleSet): CurrentIndicatorCode[] => ruleSet.dimensions.flatMap((d) => d.indicators.map((i) => i.code));

const matchesCategory = (shop: CurrentShop, categories: readonly string[]) => shop.categoryNames.some((name) => categories.includes(name));

/** The facts of one shop reduced to what ranking and scoring need (the expensive, per-shop half). */
export function measureShop(ruleSet: PointsRuleSet, day: Day, shop: CurrentShop): MeasuredShop {
  const ctx = shopContext(shop, day);
  const window = spanOf(day, ruleSet.windowDays);
  const measures: MeasuredShop["measures"] = {};
  if (ruleSet.family === "tiktok-sps") {
    const recent = spanOf(day, 60);
    for (const code of ruleSetIndicators(ruleSet)) measures[code] = TIKTOK_MEASURES[code]?.(ctx, window, ruleSet, recent) ?? null;
    const eligibility = ruleSet.eligibility;
    const count = deliveredIn(ctx, spanOf(day, eligibility?.days ?? ruleSet.windowDays)).length;
    return { shop, ctx, eligible: count >= (eligibility?.minDeliveredOrders ?? 0), count, measures };
  }
  for (const code of ruleSetIndicators(ruleSet)) measures[code] = DOUYIN_MEASURES[code]?.(ctx, window, ruleSet) ?? null;
  let count = 0;
  for (const order of ctx.validOrders) if (inSpan(order.paidAt, window)) count += 1;
  return { shop, ctx, eligible: count >= (ruleSet.stage?.minValidOrders ?? 0), count, measures };
}

function rawIndicator(measure: Measure | null | undefined): CurrentIndicatorResult {
  if (!measure) return { value: null, numerator: null, denominator: null, badEvents: 0 };
  return { value: valueOf(measure), numerator: measure.numerator, denominator: measure.denominator, badEvents: measure.badEvents };
}

/** Band points of a value by the organisation's value cut-offs (best band first), compared at the rule set's decimals. */
function bandOfValue(ruleSet: PointsRuleSet, code: CurrentIndicatorCode, cutoffs: readonly number[], value: number): number {
  const bands = ruleSet.dimensionScoring.kind === "composite" ? [] : ruleSet.dimensionScoring.bands;
  const v = roundForComparison(value, ruleSet.comparisonDecimals);
  const higher = CURRENT_INDICATORS[code].better === "higher";
  for (let i = 0; i < cutoffs.length && i < bands.length - 1; i++) {
    const cut = roundForComparison(cutoffs[i] ?? Number.NaN, ruleSet.comparisonDecimals);
    if (higher ? v >= cut : v <= cut) return bands[i]?.points ?? Number.NaN;
  }
  return bands[bands.length - 1]?.points ?? Number.NaN;
}

/** The indicator weights that apply to a shop: the organisation's, a published industry row, or the rule set's default. */
function indicatorWeight(ruleSet: PointsRuleSet, shop: CurrentShop, code: CurrentIndicatorCode, fallback: number, entries: OrganisationEntries | undefined): { weight: number; source: NumberSource } {
  const entered = entries?.indicatorWeights?.[code];
  if (entered !== undefined) return { weight: entered, source: "organisation" };
  for (const row of ruleSet.industryWeights) {
    if (!matchesCategory(shop, row.categories) || (row.storeTypes && !row.storeTypes.includes(shop.storeType))) continue;
    const published = row.indicatorWeights[code];
    if (published !== undefined) return { weight: published, source: "published" };
  }
  return { weight: fallback, source: "default" };
}

function protectionApplies(ruleSet: PointsRuleSet, prepared: MeasuredShop, code: CurrentIndicatorCode, measure: Measure): boolean {
  const rule = ruleSet.protection;
  if (!rule || !rule.indicators.includes(code)) return false;
  const reduced = rule.reducedForStoreTypes.includes(prepared.shop.storeType) || matchesCategory(prepared.shop, rule.reducedForCategories);
  return prepared.count < (reduced ? rule.reducedMinValidOrders : rule.minValidOrders) && measure.badEvents <= rule.maxBadEvents;
}

/** The score as shown: the rule set's table on the half-up integer, or half-up decimals. */
export function shownScore(ruleSet: PointsRuleSet, score: number): number {
  const clean = roundForComparison(score, 6);
  const display = ruleSet.display;
  if (display.kind === "decimals") return roundScoreForDisplay(clean, display.decimals);
  const whole = Math.floor(clean + 0.5);
  for (const row of display.rows) if (whole >= row.minScore) return row.shown;
  return display.otherwise;
}

function scoreEligible(ruleSet: PointsRuleSet, day: Day, prepared: MeasuredShop, ranks: ReadonlyMap<CurrentIndicatorCode, Map<number, RankedCell>>, index: number, entries: OrganisationEntries | undefined): CurrentScore {
  const scoring = ruleSet.dimensionScoring;
  const indicators: CurrentScore["indicators"] = {};
  const dimensions: CurrentScore["dimensions"] = {};
  for (const dimension of ruleSet.dimensions) {
    const present: { code: CurrentIndicatorCode; result: CurrentIndicatorResult; weight: number; points: number; percentile: number }[] = [];
    let weightSource: NumberSource = "default";
    for (const { code, weight: defaultWeight } of dimension.indicators) {
      const measure = prepared.measures[code];
      const result = rawIndicator(measure);
      indicators[code] = result;
      const cell = ranks.get(code)?.get(index);
      if (!measure || !cell) continue;
      Object.assign(result, { percentile: cell.percentile, cohortSize: cell.cohortSize, fallback: cell.fallback });
      const { weight, source } = indicatorWeight(ruleSet, prepared.shop, code, defaultWeight, entries);
      if (source !== "default") weightSource = source;
      let points = Number.NaN;
      if (scoring.kind !== "composite") {
        const cutoffs = entries?.cutoffs?.[code];
        const band = cutoffs ? bandOfValue(ruleSet, code, cutoffs, result.value ?? Number.NaN) : bandOfPercentile(scoring.bands, cell.percentile);
        const isProtected = protectionApplies(ruleSet, prepared, code, measure);
        if (ruleSet.protection) result.protected = isProtected;
        result.band = isProtected && ruleSet.protection ? ruleSet.protection.points : band;
        result.bandSource = cutoffs ? "organisation" : "default";
        points = result.band;
        if (scoring.kind === "band-points") {
          points = (band - scoring.offset) / scoring.divisor;
          result.points = points;
        }
      }
      result.weightSource = source;
      present.push({ code, result, weight, points, percentile: cell.percentile });
    }
    const weightSum = present.reduce((sum, p) => sum + p.weight, 0);
    for (const p of present) p.result.weight = p.weight / weightSum;
    const enteredDimensionWeight = entries?.dimensionWeights?.[dimension.code];
    const dimensionWeight = enteredDimensionWeight ?? dimension.weight;
    if (scoring.kind === "composite") {
      const composite = present.length > 0 ? present.reduce((sum, p) => sum + p.percentile, 0) / present.length : scoring.emptyComposite;
      dimensions[dimension.code] = { composite, score: scoring.floor + scoring.span * composite, weight: dimensionWeight };
    } else {
      const score = present.length > 0 ? present.reduce((sum, p) => sum + (p.weight / weightSum) * p.points, 0) : scoring.empty;
      dimensions[dimension.code] = { score, weight: dimensionWeight };
    }
    const dimensionResult = dimensions[dimension.code];
    if (dimensionResult) dimensionResult.weightSource = enteredDimensionWeight !== undefined ? "organisation" : weightSource;
  }
  const window = spanOf(day, ruleSet.windowDays);
  const bonuses = bonusesOf(ruleSet, prepared.ctx, window, dimensions);
  const deductions = deductionsOf(ruleSet, prepared.ctx, window);
  let total = 0;
  for (const dimension of ruleSet.dimensions) total += (dimensions[dimension.code]?.weight ?? 0) * (dimensions[dimension.code]?.score ?? 0);
  for (const bonus of bonuses) if (bonus.dimension === undefined) total += bonus.points;
  for (const deduction of deductions) total -= deduction.points;
  const score = Math.min(ruleSet.scoreBounds.max, Math.max(ruleSet.scoreBounds.min, total));
  const base = { key: prepared.shop.key, ruleSet: ruleSet.name, date: day, state: "formal" as const, indicators, dimensions, bonuses, deductions };
  if (ruleSet.family === "tiktok-sps") {
    return { ...base, deliveredOrders: prepared.count, score, score100: null, score5: shownScore(ruleSet, score), bars: barsOf(ruleSet, prepared, day) };
  }
  return { ...base, validOrders: prepared.count, penaltyEvents: penaltyEvents(prepared.ctx, window), score100: score, score5: shownScore(ruleSet, score) };
}

function barsOf(ruleSet: PointsRuleSet, prepared: MeasuredShop, day: Day): CurrentScore["bars"] {
  const bars: NonNullable<CurrentScore["bars"]> = {};
  for (const bar of ruleSet.bars) {
    const measure = TIKTOK_MEASURES[bar.indicator]?.(prepared.ctx, spanOf(day, bar.days), ruleSet, spanOf(day, bar.days)) ?? null;
    const value = measure ? valueOf(measure) : null;
    bars[bar.code] = { value, pass: value === null ? null : value < bar.below };
  }
  return bars;
}

function scoreIneligible(ruleSet: PointsRuleSet, day: Day, prepared: MeasuredShop): CurrentScore {
  const indicators: CurrentScore["indicators"] = {};
  for (const code of ruleSetIndicators(ruleSet)) indicators[code] = rawIndicator(prepared.measures[code]);
  const base = { key: prepared.shop.key, ruleSet: ruleSet.name, date: day, indicators, dimensions: {}, bonuses: [], deductions: [] };
  if (ruleSet.family === "tiktok-sps") {
    return { ...base, state: "insufficient", deliveredOrders: prepared.count, score100: null, score5: null, bars: barsOf(ruleSet, prepared, day) };
  }
  const penalties = penaltyEvents(prepared.ctx, spanOf(day, ruleSet.windowDays));
  const stage = ruleSet.stage;
  const score = penalties > 0 ? (stage?.growthScoreAfterPenalty ?? Number.NaN) : (stage?.growthScore ?? Number.NaN);
  return { ...base, state: "growth", validOrders: prepared.count, penaltyEvents: penalties, score100: score, score5: shownScore(ruleSet, score) };
}

/**
 * Scores every shop on day D under a 100-point or SPS rule set (scoring-current-rules.md): the
 * facts as they stood at D 00:00, cohorts of the eligible shops, bands or composites, protection,
 * weights, bonuses and deductions, the clamp and the shown score. Pure: same input, same output.
 */
export function scoreCurrentDay(input: ScoreCurrentInput): CurrentScore[] {
  const measured = input.shops.map((shop) => measureShop(input.ruleSet, input.day, shop));
  return scoreMeasuredShops({ ...input, measured });
}

/** scoreCurrentDay for shops already measured (the cache of measures serves other organisations' cohorts). */
export function scoreMeasuredShops(input: Omit<ScoreCurrentInput, "shops"> & { measured: readonly MeasuredShop[] }): CurrentScore[] {
  const { ruleSet, day, measured } = input;
  const peers = input.peers ?? [];
  const ranks = new Map<CurrentIndicatorCode, Map<number, RankedCell>>();
  for (const code of ruleSetIndicators(ruleSet)) {
    const members: CohortMember[] = [];
    measured.forEach((p, index) => {
      const measure = p.measures[code];
      if (p.eligible && measure) members.push({ index, category: p.shop.categoryCode, value: valueOf(measure), inCategory: true });
    });
    peers.forEach((peer, k) => {
      const value = peer.values[code];
      if (value !== undefined && Number.isFinite(value)) members.push({ index: measured.length + k, category: peer.categoryCode, value, inCategory: (peer.categoryOrgs[code] ?? 0) > 0 });
    });
    ranks.set(code, rankIndicator(code, members, ruleSet.cohort.minSize, ruleSet.comparisonDecimals));
  }
  return measured.map((p, index) =>
    p.eligible ? scoreEligible(ruleSet, day, p, ranks, index, input.entriesOf?.(p.shop.categoryCode)) : scoreIneligible(ruleSet, day, p),
  );
}
