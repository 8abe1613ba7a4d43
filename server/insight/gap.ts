import type { Tx } from "@/db/client";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { OrgScope } from "@/server/lib/scope";
import { INDICATORS, type IndicatorCode } from "@/server/scoring/indicators";
import { roundForComparison } from "@/server/scoring/percentile";
import { packCohort } from "@/server/scoring/score-day";
import { positionOf, scoreCohort, WIDTH, type PackedCohort } from "@/server/scoring/score-kernel";
import { scoreScaleOf, shownScoreOf } from "@/server/scoring/score-display";
import { countModelOf, countToReach, loadWhatIfContext, onGrid, ruleSetIndicatorCodes, type CountModel, type WhatIfContext } from "./what-if";

/**
 * Gap to a threshold: what each indicator alone would have to become for the shown score to reach
 * the target, and the smallest combined change in counts an operator can act on. Every candidate
 * is scored by the engine's kernel over the same cohort with only the entity's cells changed; a
 * percentile moves only where the value passes a cohort member's, so those are the candidates
 * (on the hypothetical grid of what-if.ts).
 */

export type SingleIndicatorGap = {
  code: IndicatorCode;
  kind: "rate" | "mean";
  current: number | null;
  /** The nearest value that reaches the target, or null when even the best value does not. */
  needed: number | null;
  /** Events that get there ("≈ 12 fewer quality returns": −12), when the indicator is a rate. */
  count: number | null;
};

export type CombinedStep = { code: IndicatorCode; value: number; count: number };

export type GapResult =
  | { status: "not_scored" }
  | { status: "reached"; overall: number }
  | {
      status: "gap";
      overall: number;
      single: SingleIndicatorGap[];
      /** Cheapest first; null when no mix of count changes reaches the target. */
      combined: { steps: CombinedStep[]; overall: number } | null;
    };

type Scorer = { overallWith: (changes: ReadonlyMap<IndicatorCode, number>) => number | null; reaches: (overall: number | null) => boolean };

function scorerOf(context: WhatIfContext, target: number): Scorer {
  const packed = packCohort(context.cohort);
  const base = packed.values.slice(context.index * WIDTH, (context.index + 1) * WIDTH);
  const values = new Float64Array(packed.values);
  const cohort: PackedCohort = { ...packed, values };
  return {
    overallWith(changes) {
      values.set(base, context.index * WIDTH);
      for (const [code, value] of changes) values[context.index * WIDTH + positionOf(code)] = value;
      const result = scoreCohort(context.ruleSet, cohort);
      return result.eligible[context.index] === 1 ? (result.overall[context.index] ?? null) : null;
    },
    reaches: (overall) => overall !== null && shownScoreOf(context.ruleSet, overall).shown >= target,
  };
}

/**
 * The values at which the indicator's percentile can change, beyond `current` in the better
 * direction, nearest first: each other cohort member's value (a tie) and just past it (a win),
 * then the best value the indicator can take.
 */
export function candidateValues(context: WhatIfContext, code: IndicatorCode, current: number | null): number[] {
  const better = INDICATORS[code].better;
  const decimals = context.ruleSet.comparisonDecimals;
  const step = 10 ** -decimals;
  const improves = (v: number) => current === null || (better === "higher" ? v > current : v < current);
  const set = new Set<number>();
  context.cohort.forEach((entity, i) => {
    const v = entity.values[code];
    if (i === context.index || typeof v !== "number" || !Number.isFinite(v)) return;
    const tie = roundForComparison(v, decimals);
    const win = roundForComparison(better === "higher" ? v + step : v - step, decimals);
    // Moved outward onto the hypothetical grid, so a needed value never repeats a peer's raw value.
    for (const exact of [tie, win]) {
      const c = onGrid(code, exact, better === "higher" ? "up" : "down");
      if (improves(c) && c >= 0 && (INDICATORS[code].kind === "mean" || c <= 1)) set.add(c);
    }
  });
  const best = better === "higher" ? 1 : 0;
  if (improves(best) && (better === "lower" || INDICATORS[code].kind === "rate")) set.add(best);
  return [...set].sort((a, b) => (better === "higher" ? a - b : b - a));
}

/** The first candidate (nearest first) at which the score reaches the target: the score only rises along them. */
function firstReaching(scorer: Scorer, code: IndicatorCode, candidates: readonly number[]): number | null {
  let lo = 0;
  let hi = candidates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const value = candidates[mid] as number;
    if (scorer.reaches(scorer.overallWith(new Map([[code, value]])))) hi = mid;
    else lo = mid + 1;
  }
  return lo < candidates.length ? (candidates[lo] ?? null) : null;
}

const MAX_GREEDY_STEPS = 200;
/** At most this many candidate stops per indicator in the combined search (a cohort has thousands). */
const STOPS_PER_INDICATOR = 60;

/**
 * Cheapest first: at each step, the move of one indicator to its next stop that buys the most
 * score per event, until the shown score reaches the target. Only rates (counts) take part.
 */
function combinedPlan(context: WhatIfContext, scorer: Scorer, models: ReadonlyMap<IndicatorCode, CountModel>, currentValues: ReadonlyMap<IndicatorCode, number | null>, startOverall: number) {
  const stops = new Map<IndicatorCode, number[]>();
  for (const code of models.keys()) {
    const all = candidateValues(context, code, currentValues.get(code) ?? null);
    const stride = Math.max(1, Math.ceil(all.length / STOPS_PER_INDICATOR));
    const picked = all.filter((_, i) => i % stride === stride - 1 || i === all.length - 1);
    stops.set(code, picked);
  }
  const position = new Map<IndicatorCode, number>();
  const chosen = new Map<IndicatorCode, number>();
  const chosenCounts = new Map<IndicatorCode, number>();
  let overall = startOverall;
  for (let step = 0; step < MAX_GREEDY_STEPS && !scorer.reaches(overall); step++) {
    let best: { code: IndicatorCode; value: number; count: number; overall: number; perEvent: number; at: number } | null = null;
    for (const [code, model] of models) {
      const at = position.get(code) ?? 0;
      const value = stops.get(code)?.[at];
      if (value === undefined) continue;
      const count = countToReach(model, value, INDICATORS[code].better);
      if (count === null) continue;
      const extra = Math.max(1, Math.abs(count) - Math.abs(chosenCounts.get(code) ?? 0));
      const next = scorer.overallWith(new Map([...chosen, [code, value]]));
      if (next === null) continue;
      const perEvent = (next - overall) / extra;
      if (!best || perEvent > best.perEvent) best = { code, value, count, overall: next, perEvent, at };
    }
    if (!best) return null;
    position.set(best.code, best.at + 1);
    // A stop that buys nothing is passed over, but the search moves on along it.
    if (best.overall >= overall) {
      chosen.set(best.code, best.value);
      chosenCounts.set(best.code, best.count);
      overall = best.overall;
    }
  }
  if (!scorer.reaches(overall)) return null;
  const steps: CombinedStep[] = [];
  for (const [code, value] of chosen) {
    const count = chosenCounts.get(code) ?? 0;
    if (count !== 0) steps.push({ code, value, count });
  }
  steps.sort((a, b) => Math.abs(a.count) - Math.abs(b.count));
  return { steps, overall };
}

/** The gap of one loaded entity to a target shown score (pure: no database). */
export function gapOf(context: WhatIfContext, target: number): GapResult {
  const scorer = scorerOf(context, target);
  const overall = scorer.overallWith(new Map());
  if (overall === null) return { status: "not_scored" };
  if (scorer.reaches(overall)) return { status: "reached", overall };
  const own = context.cohort[context.index]?.values ?? {};
  const codes = ruleSetIndicatorCodes(context.ruleSet);
  const currentValues = new Map<IndicatorCode, number | null>(codes.map((code) => [code, typeof own[code] === "number" && Number.isFinite(own[code]) ? (own[code] as number) : null]));
  const models = new Map<IndicatorCode, CountModel>();
  const single = codes.map((code): SingleIndicatorGap => {
    const current = currentValues.get(code) ?? null;
    const model = countModelOf(code, context.detail?.indicators[code]);
    if (model && current !== null) models.set(code, model);
    const needed = current === null ? null : firstReaching(scorer, code, candidateValues(context, code, current));
    const count = needed !== null && model ? countToReach(model, needed, INDICATORS[code].better) : null;
    return { code, kind: INDICATORS[code].kind, current, needed, count };
  });
  return { status: "gap", overall, single, combined: combinedPlan(context, scorer, models, currentValues, overall) };
}

/** Gap to `target` for one entity, with the rule set's thresholds so the UI can offer them as targets. */
export async function gapToThreshold(tx: Tx, scope: OrgScope, kind: EntityKind, input: { id: string; target: number }) {
  const context = await loadWhatIfContext(tx, scope, kind, input.id);
  return { day: context.day, ruleSet: context.ruleSet.name, target: input.target, scale: scoreScaleOf(context.ruleSet), gap: gapOf(context, input.target) };
}
