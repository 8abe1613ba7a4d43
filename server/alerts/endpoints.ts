import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { alertEndpoints } from "@/db/schema";
import { alertEndpointInputSchema, alertEndpointUpdateSchema, type AlertChannel } from "@/lib/contracts/alerts";
import type { DigestKind } from "@/lib/contracts/digest";
import { audit } from "@/server/lib/audit";
import { badInput, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { decryptSecret, encryptSecret } from "@/server/sync/secrets";
import type { z } from "zod";
import type { EndpointTarget } from "./channels";

const PURPOSE = "alert_endpoint_secret";

/** What the UI lists: never the secret, and the target's query string (a WeCom key, a DingTalk token) masked. */
export type AlertEndpointView = { id: string; name: string; channel: AlertChannel; target: string; enabled: boolean; hasSecret: boolean; digestKinds: DigestKind[]; createdAt: Date };

export function maskTarget(channel: AlertChannel, target: string): string {
  if (channel === "email") return target;
  try {
    const url = new URL(target);
    const tail = url.pathname.length > 12 ? `${url.pathname.slice(0, 8)}…` : url.pathname;
    return `${url.protocol}//${url.host}${tail}${url.search ? "?…" : ""}`;
  } catch {
    return "…";
  }
}

const view = (row: typeof alertEndpoints.$inferSelect): AlertEndpointView => ({
  id: row.id,
  name: row.name,
  channel: row.channel,
  target: maskTarget(row.channel, row.target),
  enabled: row.enabled,
  hasSecret: row.secretEncrypted !== null,
  digestKinds: row.digestKinds,
  createdAt: row.createdAt,
});

export async function listAlertEndpoints(tx: Tx, scope: OrgScope): Promise<AlertEndpointView[]> {
  const rows = await tx.select().from(alertEndpoints).where(eq(alertEndpoints.orgId, scope.orgId)).orderBy(asc(alertEndpoints.createdAt));
  return rows.map(view);
}

async function endpointRow(tx: Tx, orgId: string, id: string) {
  const [row] = await tx.select().from(alertEndpoints).where(and(eq(alertEndpoints.orgId, orgId), eq(alertEndpoints.id, id)));
  if (!row) throw notFound("alerts.endpointNotFound");
  return row;
}

/**
 * A new endpoint. A generic webhook gets its own signing secret, generated here and shown once
 * (returned); a Feishu or DingTalk bot keeps the secret copied from the bot's settings.
 */
export async function createAlertEndpoint(tx: Tx, key: Buffer, scope: OrgScope, raw: z.input<typeof alertEndpointInputSchema>): Promise<{ endpoint: AlertEndpointView; secret: string | null }> {
  const input = alertEndpointInputSchema.parse(raw);
  const secret = input.channel === "webhook" ? randomBytes(32).toString("hex") : input.botSecret || null;
  if (input.botSecret && input.channel !== "feishu" && input.channel !== "dingtalk") throw badInput("alerts.noSecretForChannel", "botSecret");
  const [row] = await tx
    .insert(alertEndpoints)
    .values({ orgId: scope.orgId, name: input.name, channel: input.channel, target: input.target, secretEncrypted: secret ? encryptSecret(key, scope.orgId, PURPOSE, secret) : null, digestKinds: input.digestKinds, createdBy: scope.userId })
    .returning();
  if (!row) throw notFound("alerts.endpointNotFound");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "alert_endpoint.create", target: row.id, data: { name: row.name, channel: row.channel } });
  return { endpoint: view(row), secret: input.channel === "webhook" ? secret : null };
}

export async function updateAlertEndpoint(tx: Tx, scope: OrgScope, raw: z.input<typeof alertEndpointUpdateSchema>): Promise<AlertEndpointView> {
  const input = alertEndpointUpdateSchema.parse(raw);
  const current = await endpointRow(tx, scope.orgId, input.id);
  if (input.target !== undefined) alertEndpointInputSchema.parse({ name: current.name, channel: current.channel, target: input.target });
  const [row] = await tx
    .update(alertEndpoints)
    .set({ ...(input.name !== undefined ? { name: input.name } : {}), ...(input.target !== undefined ? { target: input.target } : {}), ...(input.enabled !== undefined ? { enabled: input.enabled } : {}), ...(input.digestKinds !== undefined ? { digestKinds: input.digestKinds } : {}), updatedAt: new Date() })
    .where(and(eq(alertEndpoints.orgId, scope.orgId), eq(alertEndpoints.id, current.id)))
    .returning();
  if (!row) throw notFound("alerts.endpointNotFound");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "alert_endpoint.update", target: row.id, data: { name: input.name, enabled: input.enabled, digestKinds: input.digestKinds, targetChanged: input.target !== undefined } });
  return view(row);
}

export async function deleteAlertEndpoint(tx: Tx, scope: OrgScope, id: string): Promise<{ deleted: true }> {
  const current = await endpointRow(tx, scope.orgId, id);
  await tx.delete(alertEndpoints).where(and(eq(alertEndpoints.orgId, scope.orgId), eq(alertEndpoints.id, current.id)));
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "alert_endpoint.delete", target: current.id, data: { name: current.name, channel: current.channel } });
  return { deleted: true };
}

/** The endpoint with its secret decrypted, ready for sendToEndpoint; null when it is gone or switched off. */
export async function loadEndpointTarget(tx: Tx, key: () => Buffer, orgId: string, id: string): Promise<EndpointTarget | null> {
  const [row] = await tx.select().from(alertEndpoints).where(and(eq(alertEndpoints.orgId, orgId), eq(alertEndpoints.id, id)));
  if (!row || !row.enabled) return null;
  return { channel: row.channel, target: row.target, secret: row.secretEncrypted ? decryptSecret(key(), orgId, PURPOSE, row.secretEncrypted) : null };
}
