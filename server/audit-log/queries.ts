import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import type { AuditFilter, AuditLogInput } from "@/lib/contracts/audit";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, shanghaiMidnight } from "@/server/lib/time";

export type AuditEntry = {
  id: string;
  at: Date;
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  target: string | null;
  data: Record<string, unknown>;
};

/** The filters as SQL: an action ending in "." is a family ("member." = every member action); days in Asia/Shanghai. */
function whereOf(scope: OrgScope, filter: AuditFilter): SQL | undefined {
  const action = filter.action;
  return and(
    eq(auditLog.orgId, scope.orgId),
    action ? (action.endsWith(".") ? sql`starts_with(${auditLog.action}, ${action})` : eq(auditLog.action, action)) : undefined,
    filter.actorUserId ? eq(auditLog.actorUserId, filter.actorUserId) : undefined,
    filter.from ? gte(auditLog.at, shanghaiMidnight(filter.from)) : undefined,
    filter.to ? lt(auditLog.at, shanghaiMidnight(addDays(filter.to, 1))) : undefined,
  );
}

const ORDER = { at: auditLog.at, action: auditLog.action, actor: users.name } as const;

const entryColumns = {
  id: auditLog.id,
  at: auditLog.at,
  action: auditLog.action,
  actorUserId: auditLog.actorUserId,
  actorName: users.name,
  target: auditLog.target,
  data: auditLog.data,
};

/** One page of the organisation's audit log, sorted and filtered on the server, with the total for the pager. */
export async function auditLogPage(tx: Tx, scope: OrgScope, input: AuditLogInput) {
  const where = whereOf(scope, input);
  const direction = input.direction === "asc" ? asc : desc;
  const rows: AuditEntry[] = await tx
    .select(entryColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    // Ties (same second, same actor) keep a stable order so pages never overlap.
    .orderBy(direction(ORDER[input.sort]), desc(auditLog.at), desc(auditLog.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where);
  return { rows, total: count?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

/** What the filters offer: the actions and actors that occur in this organisation's log. */
export async function auditFilterOptions(tx: Tx, scope: OrgScope) {
  const actions = await tx.selectDistinct({ action: auditLog.action }).from(auditLog).where(eq(auditLog.orgId, scope.orgId)).orderBy(auditLog.action);
  const actors = await tx
    .selectDistinct({ id: users.id, name: users.name })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorUserId))
    .where(eq(auditLog.orgId, scope.orgId))
    .orderBy(users.name);
  return { actions: actions.map((a) => a.action), actors };
}

/** Every entry the filters select, newest first, up to `limit` (the export). */
export async function auditEntries(tx: Tx, scope: OrgScope, filter: AuditFilter, limit: number): Promise<AuditEntry[]> {
  return tx
    .select(entryColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(whereOf(scope, filter))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
