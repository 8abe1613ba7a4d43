import { and, desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { alertDeliveries, alertMemberPreferences, alertRules } from "@/db/schema";
import { alertPreferencesSchema, DEFAULT_ALERT_PREFERENCES, type AlertPreferences } from "@/lib/contracts/alerts";
import { forbidden } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";

const fromRow = (row: typeof alertMemberPreferences.$inferSelect): AlertPreferences => ({
  inApp: row.inApp,
  email: row.email,
  mutedRuleIds: row.mutedRuleIds,
  feishuMention: row.feishuMention,
  wecomMention: row.wecomMention,
  dingtalkMention: row.dingtalkMention,
});

/** The calling member's own choices (defaults until they save any). */
export async function myAlertPreferences(tx: Tx, scope: OrgScope): Promise<AlertPreferences> {
  if (!scope.userId) throw forbidden();
  const [row] = await tx.select().from(alertMemberPreferences).where(and(eq(alertMemberPreferences.orgId, scope.orgId), eq(alertMemberPreferences.userId, scope.userId)));
  return row ? fromRow(row) : DEFAULT_ALERT_PREFERENCES;
}

export async function saveAlertPreferences(tx: Tx, scope: OrgScope, raw: AlertPreferences): Promise<AlertPreferences> {
  if (!scope.userId) throw forbidden();
  const input = alertPreferencesSchema.parse(raw);
  // Only this organisation's rules can be muted here; any other id is dropped.
  const known = input.mutedRuleIds.length
    ? new Set((await tx.select({ id: alertRules.id }).from(alertRules).where(and(eq(alertRules.orgId, scope.orgId), inArray(alertRules.id, input.mutedRuleIds)))).map((r) => r.id))
    : new Set<string>();
  const values = { ...input, mutedRuleIds: input.mutedRuleIds.filter((id) => known.has(id)), feishuMention: input.feishuMention || null, wecomMention: input.wecomMention || null, dingtalkMention: input.dingtalkMention || null, updatedAt: new Date() };
  await tx
    .insert(alertMemberPreferences)
    .values({ orgId: scope.orgId, userId: scope.userId, ...values })
    .onConflictDoUpdate({ target: [alertMemberPreferences.orgId, alertMemberPreferences.userId], set: values });
  return myAlertPreferences(tx, scope);
}

/** Every member's saved choices of the organisation, by user id (absent = defaults). */
export async function preferencesByMember(tx: Tx, orgId: string): Promise<Map<string, AlertPreferences>> {
  const rows = await tx.select().from(alertMemberPreferences).where(eq(alertMemberPreferences.orgId, orgId));
  return new Map(rows.map((row) => [row.userId, fromRow(row)]));
}

/** The delivery log administrators read: newest first, without message bodies. */
export async function listAlertDeliveries(tx: Tx, scope: OrgScope, limit = 100) {
  return tx
    .select({
      id: alertDeliveries.id,
      ruleId: alertDeliveries.ruleId,
      endpointId: alertDeliveries.endpointId,
      channel: alertDeliveries.channel,
      entityKind: alertDeliveries.entityKind,
      entityId: alertDeliveries.entityId,
      day: alertDeliveries.day,
      status: alertDeliveries.status,
      attempts: alertDeliveries.attempts,
      httpStatus: alertDeliveries.httpStatus,
      error: alertDeliveries.error,
      createdAt: alertDeliveries.createdAt,
      sentAt: alertDeliveries.sentAt,
    })
    .from(alertDeliveries)
    .where(eq(alertDeliveries.orgId, scope.orgId))
    .orderBy(desc(alertDeliveries.createdAt))
    .limit(limit);
}
