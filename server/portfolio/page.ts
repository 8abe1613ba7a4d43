import { unpackFloat8 } from "@/db/float8-bytes";
import type { Tx } from "@/db/client";
import type { PortfolioPage, PortfolioPageInput, PortfolioRow, PortfolioTiles, PortfolioView } from "@/lib/contracts/portfolio";
import { portfolioPageInput } from "@/lib/contracts/portfolio";
import type { GoalProgress } from "@/lib/contracts/goals";
import { DEFAULT_RULE_SET } from "@/lib/contracts/rule-sets";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, todayInShanghai, type Day } from "@/server/lib/time";
import { getRuleSetView, type RuleSetView } from "@/server/scoring/rule-sets";
import { currentThresholdsOfRows } from "./current-thresholds";
import { neighbourThresholdsOf, scoreScaleOf, shownScoreOf, thresholdsAscending } from "@/server/scoring/score-display";
import { selectPortfolioPage, SPARKLINE_DAYS, type RawMover, type RawPortfolioPage, type RawPortfolioRow } from "./page-sql";
import { noForecast, RISK_HORIZON_DAYS, type RiskReader } from "./risk";
import { bandKeyOf } from "./score-sql";

/** The goals of the entities the member sees, with their status (server/goals), most urgent first. */
export type GoalReader = (tx: Tx, scope: OrgScope) => Promise<readonly GoalProgress[]>;

export type PortfolioDeps = { risks?: RiskReader; goals?: GoalReader; today?: Day };

/** A shown score as the difference of two stored ones, both rounded the way the user sees them. */
function shownChange(ruleSet: RuleSetView, now: number | null, before: number | null): number | null {
  if (now === null || before === null) return null;
  const change = shownScoreOf(ruleSet, now).shown - shownScoreOf(ruleSet, before).shown;
  return Number(change.toFixed(ruleSet.displayDecimals));
}

function dimensionsOf(ruleSet: RuleSetView, raw: RawPortfolioRow): PortfolioRow["dimensions"] {
  const fromExplanation = new Map((raw.dimensions ?? []).map((d) => [d.code, d.score]));
  const packed = raw.dimensions_packed ? unpackFloat8(Buffer.from(raw.dimensions_packed, "hex")) : null;
  return ruleSet.dimensions.map((dimension, index) => {
    const stored = raw.dimensions ? (fromExplanation.get(dimension.code) ?? null) : (packed?.[2 * index + 1] ?? null);
    const score = stored === null || !Number.isFinite(stored) ? null : shownScoreOf(ruleSet, stored);
    return { code: dimension.code, nameZh: dimension.nameZh, nameEn: dimension.nameEn, score };
  });
}

function sparklineOf(ruleSet: RuleSetView, raw: RawPortfolioRow): (number | null)[] {
  if (!raw.score_day) return [];
  const byDay = new Map((raw.sparkline ?? []).map(([day, overall]) => [day, overall]));
  return Array.from({ length: SPARKLINE_DAYS }, (_, i) => {
    const overall = byDay.get(addDays(raw.score_day ?? "", i - (SPARKLINE_DAYS - 1))) ?? null;
    return overall === null ? null : shownScoreOf(ruleSet, overall).shown;
  });
}

export function toPortfolioRow(raw: RawPortfolioRow): PortfolioRow {
  const ruleSet = getRuleSetView(raw.rule_set);
  const overall = raw.overall === null ? null : shownScoreOf(ruleSet, raw.overall);
  const neighbours = overall ? neighbourThresholdsOf(ruleSet, overall.shown) : { above: null, below: null };
  const riskThreshold = raw.risk_threshold === null ? undefined : ruleSet.thresholds.find((t) => t.minScore === raw.risk_threshold);
  const insufficient = raw.state === "insufficient_data";
  return {
    kind: raw.kind,
    id: raw.id,
    name: raw.name,
    alias: raw.alias,
    externalId: raw.external_id,
    owner: raw.owner_user_id && raw.owner_name ? { userId: raw.owner_user_id, name: raw.owner_name } : null,
    category: { code: raw.category_code, nameZh: raw.category_zh ?? raw.category_code, nameEn: raw.category_en ?? raw.category_code },
    ruleSet: raw.rule_set,
    scoreDay: raw.score_day,
    state: raw.state,
    validOrders: raw.valid_orders,
    missingValidOrders: insufficient ? Math.max(0, ruleSet.eligibility.minValidOrders - (raw.valid_orders ?? 0)) : null,
    overall,
    dimensions: dimensionsOf(ruleSet, raw),
    change7: shownChange(ruleSet, raw.overall, raw.overall7),
    change30: shownChange(ruleSet, raw.overall, raw.overall30),
    sparkline: sparklineOf(ruleSet, raw),
    nextAbove: neighbours.above,
    nextBelow: neighbours.below,
    risk: riskThreshold && raw.risk_day ? { threshold: riskThreshold, crossingDay: raw.risk_day } : null,
    freshness: {
      orders: raw.fresh_orders,
      reviews: raw.fresh_reviews,
      afterSales: raw.fresh_after_sales,
      complaints: raw.fresh_complaints,
      chats: raw.fresh_chats,
      stale: raw.stale,
    },
    grantees: raw.grantees ?? [],
    recalculating: raw.recalculating,
    scale: scoreScaleOf(ruleSet),
    goal: null,
    currentThresholds: null,
  };
}

/** Each entity's most pressing goal (the reader's order), as the row's column shows it. */
function goalBadges(goals: readonly GoalProgress[]): Map<string, PortfolioRow["goal"]> {
  const badges = new Map<string, PortfolioRow["goal"]>();
  for (const g of goals) {
    const key = `${g.entityKind}:${g.entityId}`;
    if (!badges.has(key)) badges.set(key, { id: g.id, status: g.status, metric: g.metric, code: g.code, target: g.target, dueDay: g.dueDay, decimals: g.decimals, unit: g.unit });
  }
  return badges;
}

/** Band tiles in the order of the bands, labelled by the first rule set that has the band. */
function tilesOf(raw: RawPortfolioPage, view: PortfolioView, riskAvailable: boolean, goalsAtRisk: number): PortfolioTiles {
  const ruleSet = getRuleSetView(view.filters.ruleSet ?? DEFAULT_RULE_SET[view.filters.kind ?? "shop"]);
  const counts = raw.bands ?? {};
  const bands = thresholdsAscending(ruleSet)
    .reverse()
    .map((threshold) => ({ key: bandKeyOf(threshold), threshold, count: counts[bandKeyOf(threshold)] ?? 0 }));
  const moverOf = (m: RawMover) => ({ kind: m.kind, id: m.id, name: m.name, change7: shownChange(getRuleSetView(m.rule_set), m.overall, m.overall7) ?? 0 });
  return {
    bands,
    unscored: raw.unscored,
    atRisk: raw.at_risk,
    riskAvailable,
    stale: raw.stale,
    goalsAtRisk,
    moversUp: raw.movers_up.map(moverOf),
    moversDown: raw.movers_down.map(moverOf),
  };
}

/** The first crossing per entity within the horizon, as the forecast reader reports them. */
async function crossingsFor(tx: Tx, scope: OrgScope, view: PortfolioView, viewDay: Day, risks: RiskReader) {
  const read = await risks(tx, scope, { viewDay, latest: view.day === undefined || view.day >= todayInShanghai(), horizonDays: RISK_HORIZON_DAYS });
  const firstPerEntity = new Map<string, (typeof read.crossings)[number]>();
  for (const crossing of read.crossings) {
    const key = `${crossing.entityKind}:${crossing.entityId}`;
    const seen = firstPerEntity.get(key);
    if (!seen || crossing.crossingDay < seen.crossingDay) firstPerEntity.set(key, crossing);
  }
  return { available: read.available, crossings: [...firstPerEntity.values()] };
}

/** Resolves the as-of day: a chosen day, or today (every entity then shows its newest stored score). */
export const viewDayOf = (view: PortfolioView, today: Day = todayInShanghai()): Day => view.day ?? today;

/** One page of the portfolio with the tiles, scoped to what the caller may see. */
const rowRef = (r: RawPortfolioRow) => ({ kind: r.kind, id: r.id, ruleSet: r.rule_set, categoryCode: r.category_code, scoreDay: r.score_day });

export async function portfolioPage(tx: Tx, scope: OrgScope, input: PortfolioPageInput, deps: PortfolioDeps = {}): Promise<PortfolioPage> {
  const view = portfolioPageInput.parse(input);
  const viewDay = viewDayOf(view, deps.today);
  const risk = await crossingsFor(tx, scope, view, viewDay, deps.risks ?? noForecast);
  const raw = await selectPortfolioPage(tx, scope, view, {
    viewDay,
    crossings: risk.crossings,
    limit: view.pageSize,
    offset: (view.page - 1) * view.pageSize,
  });
  const goals = deps.goals ? await deps.goals(tx, scope) : [];
  const badges = goalBadges(goals);
  const thresholds = await currentThresholdsOfRows(tx, scope.orgId, raw.rows.map(rowRef));
  const rows = raw.rows.map((r) => ({ ...toPortfolioRow(r), goal: badges.get(`${r.kind}:${r.id}`) ?? null, currentThresholds: thresholds.get(`${r.kind}:${r.id}`) ?? null }));
  const goalsAtRisk = goals.filter((g) => g.status === "at_risk" || g.status === "missed").length;
  return {
    viewDay,
    rows,
    total: raw.total,
    page: view.page,
    pageSize: view.pageSize,
    tiles: tilesOf(raw, view, risk.available, goalsAtRisk),
    recalculating: raw.recalculating,
  };
}

/** Every row of a view, page by page (the export): the same query and order as the page shows. */
export async function* portfolioViewRows(tx: Tx, scope: OrgScope, view: PortfolioView, deps: PortfolioDeps = {}): AsyncGenerator<PortfolioRow[]> {
  const viewDay = viewDayOf(view, deps.today);
  const risk = await crossingsFor(tx, scope, view, viewDay, deps.risks ?? noForecast);
  const badges = goalBadges(deps.goals ? await deps.goals(tx, scope) : []);
  const chunk = 500;
  for (let offset = 0; ; offset += chunk) {
    const raw = await selectPortfolioPage(tx, scope, view, { viewDay, crossings: risk.crossings, limit: chunk, offset });
    const thresholds = await currentThresholdsOfRows(tx, scope.orgId, raw.rows.map(rowRef));
    yield raw.rows.map((r) => ({ ...toPortfolioRow(r), goal: badges.get(`${r.kind}:${r.id}`) ?? null, currentThresholds: thresholds.get(`${r.kind}:${r.id}`) ?? null }));
    if (offset + chunk >= raw.total) return;
  }
}
