import { and, asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db/client";
import { alertEndpoints, alertRuleEndpoints, alertRules } from "@/db/schema";
import type { alertRuleInputSchema, alertRuleUpdateSchema } from "@/lib/contracts/alerts";
import { formatAlertRule, type AlertCondition } from "@/lib/contracts/alerts";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { getEntity } from "@/server/entities/queries";
import { audit } from "@/server/lib/audit";
import { notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";

export type AlertRuleView = {
  id: string;
  name: string;
  rule: string;
  condition: AlertCondition;
  entity: { kind: EntityKind; id: string; name: string } | null;
  endpointIds: string[];
  enabled: boolean;
  createdAt: Date;
};

async function entityOf(tx: Tx, scope: OrgScope, entity: { kind: EntityKind; id: string } | null | undefined) {
  if (!entity) return null;
  const row = await getEntity(tx, scope, entity.kind, entity.id);
  return { kind: entity.kind, id: row.id, name: row.name };
}

async function assertEndpoints(tx: Tx, orgId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.select({ id: alertEndpoints.id }).from(alertEndpoints).where(and(eq(alertEndpoints.orgId, orgId), inArray(alertEndpoints.id, [...ids])));
  if (found.length !== new Set(ids).size) throw notFound("alerts.endpointNotFound");
}

export async function listAlertRules(tx: Tx, scope: OrgScope): Promise<AlertRuleView[]> {
  const rows = await tx.select().from(alertRules).where(eq(alertRules.orgId, scope.orgId)).orderBy(asc(alertRules.createdAt));
  const links = await tx.select().from(alertRuleEndpoints).where(eq(alertRuleEndpoints.orgId, scope.orgId));
  const views: AlertRuleView[] = [];
  for (const row of rows) {
    let entity: AlertRuleView["entity"] = null;
    if (row.entityKind && row.entityId) {
      // A rule on an entity the member may not see (a limited member) is not theirs to read.
      entity = await entityOf(tx, scope, { kind: row.entityKind, id: row.entityId }).catch(() => null);
      if (!entity) continue;
    }
    views.push({ id: row.id, name: row.name, rule: row.ruleText, condition: row.condition, entity, endpointIds: links.filter((l) => l.ruleId === row.id).map((l) => l.endpointId), enabled: row.enabled, createdAt: row.createdAt });
  }
  return views;
}

async function ruleRow(tx: Tx, orgId: string, id: string) {
  const [row] = await tx.select().from(alertRules).where(and(eq(alertRules.orgId, orgId), eq(alertRules.id, id)));
  if (!row) throw notFound("alerts.ruleNotFound");
  return row;
}

async function linkEndpoints(tx: Tx, orgId: string, ruleId: string, endpointIds: readonly string[]) {
  await assertEndpoints(tx, orgId, endpointIds);
  await tx.delete(alertRuleEndpoints).where(and(eq(alertRuleEndpoints.orgId, orgId), eq(alertRuleEndpoints.ruleId, ruleId)));
  const unique = [...new Set(endpointIds)];
  if (unique.length > 0) await tx.insert(alertRuleEndpoints).values(unique.map((endpointId) => ({ orgId, ruleId, endpointId })));
}

export async function createAlertRule(tx: Tx, scope: OrgScope, input: z.output<typeof alertRuleInputSchema>): Promise<{ id: string; rule: string }> {
  const entity = await entityOf(tx, scope, input.entity);
  const ruleText = formatAlertRule(input.rule);
  const [row] = await tx
    .insert(alertRules)
    .values({ orgId: scope.orgId, name: input.name, ruleText, condition: input.rule, entityKind: entity?.kind ?? null, entityId: entity?.id ?? null, enabled: input.enabled, createdBy: scope.userId })
    .returning({ id: alertRules.id });
  if (!row) throw notFound("alerts.ruleNotFound");
  await linkEndpoints(tx, scope.orgId, row.id, input.endpointIds);
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "alert_rule.create", target: row.id, data: { name: input.name, rule: ruleText, entity: entity ? { kind: entity.kind, id: entity.id } : null, endpointIds: input.endpointIds } });
  return { id: row.id, rule: ruleText };
}

export async function updateAlertRule(tx: Tx, scope: OrgScope, input: z.output<typeof alertRuleUpdateSchema>): Promise<{ id: string; rule: string }> {
  const current = await ruleRow(tx, scope.orgId, input.id);
  const entity = input.entity === undefined ? undefined : await entityOf(tx, scope, input.entity);
  const ruleText = input.rule ? formatAlertRule(input.rule) : current.ruleText;
  await tx
    .update(alertRules)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.rule ? { ruleText, condition: input.rule } : {}),
      ...(entity !== undefined ? { entityKind: entity?.kind ?? null, entityId: entity?.id ?? null } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(alertRules.orgId, scope.orgId), eq(alertRules.id, current.id)));
  if (input.endpointIds) await linkEndpoints(tx, scope.orgId, current.id, input.endpointIds);
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "alert_rule.update", target: current.id, data: { name: input.name, rule: input.rule ? ruleText : undefined, enabled: input.enabled, endpointIds: input.endpointIds } });
  return { id: current.id, rule: ruleText };
}

export async function deleteAlertRule(tx: Tx, scope: OrgScope, id: string): Promise<{ deleted: true }> {
  const current = await ruleRow(tx, scope.orgId, id);
  await tx.delete(alertRules).where(and(eq(alertRules.orgId, scope.orgId), eq(alertRules.id, current.id)));
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "alert_rule.delete", target: current.id, data: { name: current.name, rule: current.ruleText } });
  return { deleted: true };
}
