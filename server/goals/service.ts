import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { goals } from "@/db/schema";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import { SCORED_ENTITY_KINDS } from "@/lib/contracts/entities";
import { GOAL_STATUS_URGENCY, type CreateGoalInput, type GoalProgress, type UpdateGoalInput } from "@/lib/contracts/goals";
import { getEntity, listEntities } from "@/server/entities/queries";
import { audit } from "@/server/lib/audit";
import { badInput, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { todayInShanghai, type Day } from "@/server/lib/time";
import { getRuleSetView } from "@/server/scoring/rule-sets";
import { metricOf } from "./metric";
import { currentMetricValue, goalProgress } from "./progress";

export type GoalOptions = { today?: Day };

const goalNotFound = () => notFound("goalNotFound");

function assertDueNotPast(dueDay: Day, today: Day) {
  if (dueDay < today) throw badInput("goalDueInPast", "dueDay", { day: dueDay });
}

/** The goals of one entity the member sees, each with its progress, soonest due first. */
export async function listEntityGoals(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, entityId: string, options: GoalOptions = {}): Promise<GoalProgress[]> {
  const entity = await getEntity(tx, scope, kind, entityId);
  const rows = await tx
    .select()
    .from(goals)
    .where(and(eq(goals.orgId, scope.orgId), eq(goals.entityKind, kind), eq(goals.entityId, entity.id)))
    .orderBy(asc(goals.dueDay), asc(goals.createdAt));
  const today = options.today ?? todayInShanghai();
  const result: GoalProgress[] = [];
  for (const row of rows) result.push(await goalProgress(tx, scope, row, entity, today));
  return result;
}

export async function createGoal(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, input: CreateGoalInput, options: GoalOptions = {}): Promise<GoalProgress> {
  const entity = await getEntity(tx, scope, kind, input.entityId);
  const today = options.today ?? todayInShanghai();
  assertDueNotPast(input.dueDay, today);
  const { target } = metricOf(getRuleSetView(entity.ruleSet), input.target);
  const startValue = await currentMetricValue(tx, scope, kind, entity, target, today);
  const [row] = await tx
    .insert(goals)
    .values({
      orgId: scope.orgId,
      entityKind: kind,
      entityId: entity.id,
      metric: target.metric,
      code: target.metric === "overall" ? null : target.code,
      target: input.value,
      startDay: today,
      startValue,
      dueDay: input.dueDay,
      note: input.note ?? "",
      createdBy: scope.userId,
    })
    .returning();
  if (!row) throw goalNotFound();
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "goal.create", target: row.id, data: { kind, entityId: entity.id, metric: row.metric, code: row.code, target: row.target, dueDay: row.dueDay } });
  return goalProgress(tx, scope, row, entity, today);
}

/** The goal by id, of an entity of this kind the caller sees; anything else is not found. */
async function visibleGoal(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, id: string) {
  const [row] = await tx.select().from(goals).where(and(eq(goals.orgId, scope.orgId), eq(goals.entityKind, kind), eq(goals.id, id)));
  if (!row) throw goalNotFound();
  const entity = await getEntity(tx, scope, kind, row.entityId).catch(() => {
    throw goalNotFound();
  });
  return { row, entity };
}

export async function updateGoal(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, input: UpdateGoalInput, options: GoalOptions = {}): Promise<GoalProgress> {
  const { row, entity } = await visibleGoal(tx, scope, kind, input.id);
  const today = options.today ?? todayInShanghai();
  if (input.dueDay !== undefined && input.dueDay !== row.dueDay) assertDueNotPast(input.dueDay, today);
  const changes = { target: input.value ?? row.target, dueDay: input.dueDay ?? row.dueDay, note: input.note ?? row.note };
  const [updated] = await tx
    .update(goals)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(goals.orgId, scope.orgId), eq(goals.id, row.id)))
    .returning();
  if (!updated) throw goalNotFound();
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "goal.update", target: row.id, data: { before: { target: row.target, dueDay: row.dueDay, note: row.note }, after: changes } });
  return goalProgress(tx, scope, updated, entity, today);
}

export async function deleteGoal(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, id: string): Promise<{ id: string }> {
  const { row } = await visibleGoal(tx, scope, kind, id);
  await tx.delete(goals).where(and(eq(goals.orgId, scope.orgId), eq(goals.id, row.id)));
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "goal.delete", target: row.id, data: { kind, entityId: row.entityId, metric: row.metric, code: row.code, target: row.target, dueDay: row.dueDay } });
  return { id: row.id };
}

/**
 * Every goal on an entity the member sees (archived entities left out), with its progress: what
 * the portfolio's column and tile and the digest read. Most urgent first.
 */
export async function visibleGoalProgress(tx: Tx, scope: OrgScope, options: GoalOptions = {}): Promise<GoalProgress[]> {
  const today = options.today ?? todayInShanghai();
  const result: GoalProgress[] = [];
  for (const kind of SCORED_ENTITY_KINDS) {
    const entities = new Map((await listEntities(tx, scope, kind, { includeArchived: false })).map((e) => [e.id, e]));
    if (entities.size === 0) continue;
    const rows = await tx
      .select()
      .from(goals)
      .where(and(eq(goals.orgId, scope.orgId), eq(goals.entityKind, kind), inArray(goals.entityId, [...entities.keys()])))
      .orderBy(asc(goals.dueDay));
    for (const row of rows) {
      const entity = entities.get(row.entityId);
      if (entity) result.push(await goalProgress(tx, scope, row, entity, today));
    }
  }
  return result.sort((a, b) => GOAL_STATUS_URGENCY[a.status] - GOAL_STATUS_URGENCY[b.status] || a.dueDay.localeCompare(b.dueDay));
}
