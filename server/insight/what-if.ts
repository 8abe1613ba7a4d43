import type { Tx } from "@/db/client";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { WhatIfChange } from "@/lib/contracts/outlook";
import { getEntity } from "@/server/entities/queries";
import { badInput, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import type { Day } from "@/server/lib/time";
import { INDICATORS, isIndicatorCode, type IndicatorCode, type IndicatorValueMap } from "@/server/scoring/indicators";
import type { IndicatorValue, IndicatorValues } from "@/server/scoring/indicator-values";
import { fivePointRuleSet, type RuleSet } from "@/server/scoring/rule-sets";
import { scoreDay, type EntityScore, type ScoreDayEntity } from "@/server/scoring/score-day";
import { scoreScaleOf, shownScoreOf } from "@/server/scoring/score-display";
import { cohortOf, weightOverrides } from "@/server/scoring/service";
import { ensureIndicatorValues } from "@/server/scoring/store/indicator-cache";
import { peersOf } from "@/server/scoring/store/peer-values";
import { latestSnapshot } from "@/server/scoring/store/snapshots";

/**
 * Everything a what-if needs to rescore one entity against the cohort of its newest scored day:
 * the cohort exactly as scoreOrganisationDay builds it, and the entity's weighted numerators and
 * denominators (for changes given as counts). Pure functions below take it; no maths of its own.
 */
export type WhatIfContext = {
  ruleSet: RuleSet;
  day: Day;
  /** The entity's position in `cohort`. */
  index: number;
  cohort: readonly ScoreDayEntity[];
  detail: IndicatorValues | null;
};

export async function loadWhatIfContext(tx: Tx, scope: OrgScope, kind: EntityKind, id: string): Promise<WhatIfContext> {
  const entity = await getEntity(tx, scope, kind, id);
  const latest = await latestSnapshot(tx, scope.orgId, kind, entity.id, entity.ruleSet);
  if (!latest) throw notFound("insight.noScore");
  const ruleSet = fivePointRuleSet(entity.ruleSet);
  const day = latest.day;
  const own = await ensureIndicatorValues(tx, scope.orgId, kind, day, undefined, { detailFor: new Set([entity.id]) });
  const peers = await peersOf(tx, kind, day, ruleSet.eligibility.minValidOrders);
  const cohort = cohortOf(ruleSet, own, peers, await weightOverrides(tx, scope.orgId));
  const index = cohort.findIndex((e) => e.key === entity.id);
  if (index < 0) throw notFound("insight.noScore");
  return { ruleSet, day, index, cohort, detail: own.find((e) => e.id === entity.id)?.detail ?? null };
}

/** The indicators of the rule set, in its order. */
export function ruleSetIndicatorCodes(ruleSet: RuleSet): IndicatorCode[] {
  return ruleSet.dimensions.flatMap((d) => d.indicators.map((i) => i.code));
}

/**
 * How a count of events moves an indicator (rates only). An added or removed event carries the
 * mean recency weight of the window's events (weighted ÷ plain denominator). For a rate where
 * higher is better the events are new ones of the good kind ("40 more good reviews": numerator and
 * denominator grow); where lower is better they are bad outcomes that do not happen among the same
 * orders ("20 fewer quality returns": the numerator shrinks, the orders stay).
 */
export type CountModel = { eventWeight: number; numerator: number; denominator: number; grows: "both" | "numerator" };

export function countModelOf(code: IndicatorCode, indicator: IndicatorValue | null | undefined): CountModel | null {
  const definition = INDICATORS[code];
  if (definition.kind !== "rate" || !indicator || indicator.unweightedDenominator <= 0) return null;
  return {
    eventWeight: indicator.denominator / indicator.unweightedDenominator,
    numerator: indicator.numerator,
    denominator: indicator.denominator,
    grows: definition.better === "higher" ? "both" : "numerator",
  };
}

/** The rate after `count` events (negative: fewer), clamped to what the window can hold. */
export function valueAfterCount(model: CountModel, count: number): number {
  const delta = count * model.eventWeight;
  const denominator = model.grows === "both" ? Math.max(0, model.denominator + delta) : model.denominator;
  const numerator = Math.min(denominator, Math.max(0, model.numerator + delta));
  return denominator > 0 ? numerator / denominator : 0;
}

/** The smallest whole count of events that takes the rate to `target` or beyond (in the better direction); null if none can. */
export function countToReach(model: CountModel, target: number, better: "higher" | "lower"): number | null {
  const { numerator: n, denominator: d, eventWeight: w } = model;
  let exact: number;
  if (model.grows === "both") {
    if (target >= 1) return n >= d ? 0 : null;
    // (n + c·w) / (d + c·w) = target
    exact = (target * d - n) / (w * (1 - target));
  } else {
    // (n + c·w) / d = target, c negative for fewer bad events
    exact = (target * d - n) / w;
  }
  const count = better === "higher" ? Math.ceil(exact - 1e-9) : Math.floor(exact + 1e-9);
  const reached = (c: number) => (better === "higher" ? valueAfterCount(model, c) >= target - 1e-12 : valueAfterCount(model, c) <= target + 1e-12);
  // Rounding of the weighted sums can leave the whole count one short.
  const adjusted = reached(count) ? count : better === "higher" ? count + 1 : count - 1;
  // `|| 0` turns a −0 from Math.ceil into 0.
  return reached(adjusted) ? adjusted || 0 : null;
}

/**
 * The finest step a hypothetical value is ranked at: 0.01 percentage point for a rate, 0.1 h for a
 * duration. Ranking arbitrary values against the cohort would let a member read other
 * organisations' raw values back off the percentile steps (scoring.md §5: only counts and
 * percentiles leave an organisation); on this grid, no finer than the values the UI shows, the
 * steps say no more than the shown percentiles do.
 */
export function hypotheticalGrid(code: IndicatorCode): number {
  return INDICATORS[code].kind === "rate" ? 1e-4 : 0.1;
}

export function onGrid(code: IndicatorCode, value: number, direction: "nearest" | "up" | "down" = "nearest"): number {
  const grid = hypotheticalGrid(code);
  // toFixed strips the binary noise of the division first, so a value on the grid stays where it is.
  const steps = Number((value / grid).toFixed(6));
  const rounded = direction === "up" ? Math.ceil(steps) : direction === "down" ? Math.floor(steps) : Math.round(steps);
  return Number((rounded * grid).toFixed(6));
}

/**
 * The entity's indicator values with the changes applied; an unknown indicator or a count on a
 * mean is refused. A changed value is ranked on the hypothetical grid; a value restated as it is
 * stays exact, so the what-if of today's values is today's score.
 */
export function applyChanges(context: WhatIfContext, changes: readonly WhatIfChange[]): IndicatorValueMap {
  const own = context.cohort[context.index]?.values ?? {};
  const values: IndicatorValueMap = { ...own };
  const inRuleSet = new Set(ruleSetIndicatorCodes(context.ruleSet));
  for (const change of changes) {
    const code = change.indicator;
    if (!isIndicatorCode(code) || !inRuleSet.has(code)) throw badInput("insight.unknownIndicator", "indicator", { value: code });
    let value: number;
    if ("value" in change) {
      value = change.value;
    } else {
      const model = countModelOf(code, context.detail?.indicators[code]);
      if (!model) throw badInput("insight.countNotApplicable", "indicator", { value: code });
      value = valueAfterCount(model, change.countDelta);
    }
    values[code] = value === own[code] ? value : onGrid(code, value);
  }
  return values;
}

/** Scores the cohort with the entity's values replaced: the engine's scoreDay, the same cohort. */
export function scoreWithValues(context: WhatIfContext, values: IndicatorValueMap): EntityScore {
  const cohort = context.cohort.map((entity, i) => (i === context.index ? { ...entity, values } : entity));
  const scores = scoreDay({ ruleSet: context.ruleSet, entities: cohort });
  const score = scores[context.index];
  if (!score) throw new Error("scoreDay returned fewer entities than it was given");
  return score;
}

export type WhatIfOutcome = {
  state: EntityScore["state"];
  overall: number | null;
  shown: ReturnType<typeof shownScoreOf> | null;
  /** Dimension code → its score, unrounded and as shown. */
  dimensions: Record<string, { score: number; shown: number }>;
  indicators: Record<string, { value: number; percentile: number | null }>;
};

export function outcomeOf(ruleSet: RuleSet, score: EntityScore): WhatIfOutcome {
  const dimensions: WhatIfOutcome["dimensions"] = {};
  const indicators: WhatIfOutcome["indicators"] = {};
  if (score.state === "scored") {
    for (const [code, dimension] of Object.entries(score.dimensions)) if (dimension) dimensions[code] = { score: dimension.score, shown: shownScoreOf(ruleSet, dimension.score).shown };
    for (const [code, indicator] of Object.entries(score.indicators)) if (indicator) indicators[code] = { value: indicator.value, percentile: indicator.percentile };
  } else {
    for (const [code, indicator] of Object.entries(score.indicators)) if (indicator) indicators[code] = { value: indicator.value, percentile: null };
  }
  return { state: score.state, overall: score.overall, shown: score.overall === null ? null : shownScoreOf(ruleSet, score.overall), dimensions, indicators };
}

/** The indicators a what-if form offers: current value, whether counts apply, and the plain counts behind the value. */
export function indicatorInputsOf(context: WhatIfContext) {
  return ruleSetIndicatorCodes(context.ruleSet).map((code) => {
    const detail = context.detail?.indicators[code] ?? null;
    const value = context.cohort[context.index]?.values[code];
    return {
      code,
      kind: INDICATORS[code].kind,
      better: INDICATORS[code].better,
      value: typeof value === "number" && Number.isFinite(value) ? value : null,
      countable: countModelOf(code, detail) !== null,
      numerator: detail?.unweightedNumerator ?? null,
      denominator: detail?.unweightedDenominator ?? null,
    };
  });
}

/** A what-if for one entity: today's score and the score with the changes, against the same cohort. */
export async function whatIf(tx: Tx, scope: OrgScope, kind: EntityKind, input: { id: string; changes: readonly WhatIfChange[] }) {
  const context = await loadWhatIfContext(tx, scope, kind, input.id);
  const values = applyChanges(context, input.changes);
  return {
    day: context.day,
    ruleSet: context.ruleSet.name,
    scale: scoreScaleOf(context.ruleSet),
    indicators: indicatorInputsOf(context),
    before: outcomeOf(context.ruleSet, scoreWithValues(context, context.cohort[context.index]?.values ?? {})),
    after: outcomeOf(context.ruleSet, scoreWithValues(context, values)),
  };
}
