import { and, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { notifications } from "@/db/schema";
import type { OrgScope } from "@/server/lib/scope";

/**
 * In-app notifications: a message key with parameters (rendered in the reader's language) and a
 * link. Addressed to one member, or to the whole organisation when userId is null. Generic on
 * purpose: the directory matcher is the first sender, others add their own kinds.
 */
export type NewNotification = { orgId: string; userId: string | null; kind: string; messageKey: string; params?: Record<string, string | number>; link?: string | null };

export async function notify(tx: Tx, entries: readonly NewNotification[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(notifications).values(entries.map((e) => ({ ...e, params: e.params ?? {}, link: e.link ?? null })));
}

const mine = (scope: OrgScope) =>
  and(eq(notifications.orgId, scope.orgId), scope.userId ? or(isNull(notifications.userId), eq(notifications.userId, scope.userId)) : isNull(notifications.userId));

export async function listNotifications(tx: Tx, scope: OrgScope, limit = 50) {
  return tx
    .select({ id: notifications.id, kind: notifications.kind, messageKey: notifications.messageKey, params: notifications.params, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .where(mine(scope))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

export async function unreadCount(tx: Tx, scope: OrgScope): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(mine(scope), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the given notifications (or all of the member's) read. */
export async function markRead(tx: Tx, scope: OrgScope, ids: readonly string[] | null): Promise<{ marked: number }> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(mine(scope), isNull(notifications.readAt), ids ? inArray(notifications.id, [...ids]) : undefined))
    .returning({ id: notifications.id });
  return { marked: rows.length };
}
