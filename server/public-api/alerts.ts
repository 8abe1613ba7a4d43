import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { alertRules, alertStates, creators, shops } from "@/db/schema";
import type { OrgScope } from "@/server/lib/scope";

/**
 * The organisation's alerts as the public API lists them: every rule × shop or creator account
 * that has fired (alert_states, the same state the deduplication keeps), newest first — whether it
 * still holds (`active`) or has cleared since. A key acts for the organisation, so every entity counts.
 */
export async function listOrganisationAlerts(tx: Tx, scope: OrgScope, limit = 50) {
  const rows = await tx
    .select({
      ruleId: alertStates.ruleId,
      ruleName: alertRules.name,
      rule: alertRules.ruleText,
      entityKind: alertStates.entityKind,
      entityId: alertStates.entityId,
      externalId: sql<string | null>`coalesce(${shops.externalId}, ${creators.externalId})`,
      name: sql<string | null>`coalesce(${shops.name}, ${creators.name})`,
      active: alertStates.active,
      value: alertStates.value,
      day: alertStates.day,
      firedAt: alertStates.firedAt,
      clearedAt: alertStates.clearedAt,
    })
    .from(alertStates)
    .innerJoin(alertRules, and(eq(alertRules.orgId, alertStates.orgId), eq(alertRules.id, alertStates.ruleId)))
    .leftJoin(shops, and(eq(alertStates.entityKind, "shop"), eq(shops.orgId, alertStates.orgId), eq(shops.id, alertStates.entityId)))
    .leftJoin(creators, and(eq(alertStates.entityKind, "creator"), eq(creators.orgId, alertStates.orgId), eq(creators.id, alertStates.entityId)))
    .where(and(eq(alertStates.orgId, scope.orgId), isNotNull(alertStates.firedAt)))
    .orderBy(desc(alertStates.firedAt))
    .limit(limit);
  return {
    items: rows.map((row) => ({
      rule: { id: row.ruleId, name: row.ruleName, text: row.rule },
      entity: { kind: row.entityKind, id: row.entityId, externalId: row.externalId, name: row.name },
      active: row.active,
      value: row.value,
      day: row.day,
      firedAt: row.firedAt?.toISOString() ?? "",
      clearedAt: row.clearedAt?.toISOString() ?? null,
    })),
  };
}
