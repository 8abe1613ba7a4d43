import type { Tx } from "@/db/client";
import type { goals } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { GoalPoint, GoalProgress } from "@/lib/contracts/goals";
import { readEntityForecast } from "@/server/insight/forecast-store";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, type Day } from "@/server/lib/time";
import { getRuleSetView } from "@/server/scoring/rule-sets";
import { shownScoreOf } from "@/server/scoring/score-display";
import { judgeGoal, TREND_DAYS } from "./judge";
import { metricOf, refOf, type GoalTarget } from "./metric";
import { metricHistory } from "./metric-history";

/** How far back the progress chart reaches before the goal was set (and at most in all). */
const CONTEXT_DAYS = 30;
const MAX_HISTORY_DAYS = 180;

export type GoalRow = typeof goals.$inferSelect;
export type GoalEntity = { id: string; name: string; ruleSet: string };

/** The stored forecast's days of the metric as shown (a forecast holds scores only: an indicator goal has none). */
async function forecastOf(tx: Tx, scope: OrgScope, kind: EntityKind, entityId: string, metric: GoalTarget, ruleSetName: string): Promise<GoalPoint[]> {
  if (metric.metric === "indicator") return [];
  const stored = await readEntityForecast(tx, scope, kind, entityId);
  if (!stored) return [];
  const ruleSet = getRuleSetView(ruleSetName);
  return stored.days.map((day) => {
    const raw = metric.metric === "overall" ? day.overall : (day.dimensions[metric.code] ?? null);
    return { day: day.day, value: raw === null ? null : shownScoreOf(ruleSet, raw).shown };
  });
}

/** A goal with its metric's history, forecast, projection and status as of `today`. */
export async function goalProgress(tx: Tx, scope: OrgScope, row: GoalRow, entity: GoalEntity, today: Day): Promise<GoalProgress> {
  const ruleSet = getRuleSetView(entity.ruleSet);
  const { target, info } = metricOf(ruleSet, refOf(row));
  const earliest = addDays(today, -(MAX_HISTORY_DAYS - 1));
  const wanted = [addDays(row.startDay, -CONTEXT_DAYS), addDays(today, -(TREND_DAYS + CONTEXT_DAYS))].sort()[0] ?? earliest;
  const from = wanted < earliest ? earliest : wanted;
  const history = await metricHistory(tx, { orgId: scope.orgId, kind: row.entityKind, entityId: entity.id, ruleSet }, target, from, today);
  const forecast = await forecastOf(tx, scope, row.entityKind, entity.id, target, entity.ruleSet);
  const judgement = judgeGoal({
    target: row.target,
    better: info.better,
    startDay: row.startDay,
    startValue: row.startValue,
    dueDay: row.dueDay,
    today,
    history,
    forecast,
  });
  return {
    id: row.id,
    entityKind: row.entityKind,
    entityId: entity.id,
    entityName: entity.name,
    metric: row.metric,
    code: row.code,
    ...info,
    target: row.target,
    startDay: row.startDay,
    startValue: row.startValue,
    dueDay: row.dueDay,
    note: row.note,
    ...judgement,
    history,
    forecast: forecast.filter((p) => judgement.currentDay === null || p.day > judgement.currentDay),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The metric's newest stored value on or before `today`: the goal's start value. */
export async function currentMetricValue(tx: Tx, scope: OrgScope, kind: EntityKind, entity: GoalEntity, metric: GoalTarget, today: Day): Promise<number | null> {
  const history = await metricHistory(tx, { orgId: scope.orgId, kind, entityId: entity.id, ruleSet: getRuleSetView(entity.ruleSet) }, metric, addDays(today, -(MAX_HISTORY_DAYS - 1)), today);
  return history.filter((p) => p.value !== null).at(-1)?.value ?? null;
}
