import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { apiKeys, users } from "@/db/schema";
import { rowsOf } from "@/db/security";
import type { ApiKeyScope, ApiKeySummary, CreateApiKeyInput } from "@/lib/contracts/api-keys";
import { withTenant } from "@/server/db/tenant";
import { audit } from "@/server/lib/audit";
import { notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { hashApiKeySecret, looksLikeApiKey, newApiKeySecret, sameHash } from "./secret";

const summaryColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  scope: apiKeys.scope,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  createdBy: apiKeys.createdBy,
  createdByName: users.name,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** The organisation's keys, newest first, revoked ones included (greyed in the list). */
export async function listApiKeys(tx: Tx, scope: OrgScope): Promise<ApiKeySummary[]> {
  return tx
    .select(summaryColumns)
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.orgId, scope.orgId))
    .orderBy(desc(apiKeys.createdAt));
}

/** A new key; the secret is in this answer only; the database keeps its hash. */
export async function createApiKey(tx: Tx, scope: OrgScope, input: CreateApiKeyInput): Promise<{ key: ApiKeySummary; secret: string }> {
  const { secret, prefix, hash } = newApiKeySecret();
  const [row] = await tx
    .insert(apiKeys)
    .values({ orgId: scope.orgId, name: input.name, scope: input.scope, prefix, secretHash: hash, createdBy: scope.userId })
    .returning({ id: apiKeys.id });
  if (!row) throw new Error("insert returned no row");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "apiKey.create", target: row.id, data: { name: input.name, scope: input.scope, prefix } });
  const [key] = await tx.select(summaryColumns).from(apiKeys).leftJoin(users, eq(users.id, apiKeys.createdBy)).where(and(eq(apiKeys.orgId, scope.orgId), eq(apiKeys.id, row.id)));
  if (!key) throw new Error("created key not found");
  return { key, secret };
}

/** Revokes a key at once: the next request with it is refused. Revoking twice changes nothing. */
export async function revokeApiKey(tx: Tx, scope: OrgScope, id: string): Promise<{ id: string; revokedAt: Date }> {
  const [existing] = await tx.select({ revokedAt: apiKeys.revokedAt, name: apiKeys.name, prefix: apiKeys.prefix }).from(apiKeys).where(and(eq(apiKeys.orgId, scope.orgId), eq(apiKeys.id, id)));
  if (!existing) throw notFound("apiKeys.notFound");
  if (existing.revokedAt) return { id, revokedAt: existing.revokedAt };
  const revokedAt = new Date();
  await tx.update(apiKeys).set({ revokedAt, revokedBy: scope.userId }).where(and(eq(apiKeys.orgId, scope.orgId), eq(apiKeys.id, id)));
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "apiKey.revoke", target: id, data: { name: existing.name, prefix: existing.prefix } });
  return { id, revokedAt };
}

/** A live key as the tenancy guard needs it. */
export type ApiKeyIdentity = { id: string; orgId: string; scope: ApiKeyScope; createdBy: string | null };

/**
 * The live key a bearer secret names, or null. The organisation is found first through the one
 * SECURITY DEFINER lookup (the request names no tenant yet); the row is then read under that
 * tenant and its hash compared in constant time.
 */
export async function findLiveApiKey(handle: DbHandle, secret: string): Promise<ApiKeyIdentity | null> {
  if (!looksLikeApiKey(secret)) return null;
  const hash = hashApiKeySecret(secret);
  const [found] = await withTenant(handle, { orgId: null }, async (tx) =>
    rowsOf<{ org_id: string | null }>(await tx.execute(sql`select koubei_api_key_org(${hash}) as org_id`)),
  );
  const orgId = found?.org_id;
  if (!orgId) return null;
  return withTenant(handle, { orgId }, (tx) => liveKeyByHash(tx, orgId, hash));
}

async function liveKeyByHash(tx: Tx, orgId: string, hash: string): Promise<ApiKeyIdentity | null> {
  const [row] = await tx
    .select({ id: apiKeys.id, orgId: apiKeys.orgId, scope: apiKeys.scope, createdBy: apiKeys.createdBy, secretHash: apiKeys.secretHash })
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.secretHash, hash), isNull(apiKeys.revokedAt)));
  if (!row || !sameHash(row.secretHash, hash)) return null;
  return { id: row.id, orgId: row.orgId, scope: row.scope, createdBy: row.createdBy };
}

/** Inside the request's transaction: still live (not revoked meanwhile)? Notes the use, at most once a minute. */
export async function confirmApiKeyUse(tx: Tx, key: ApiKeyIdentity): Promise<boolean> {
  const [row] = await tx
    .select({ revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, key.orgId), eq(apiKeys.id, key.id)));
  if (!row || row.revokedAt) return false;
  await tx
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.orgId, key.orgId), eq(apiKeys.id, key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))));
  return true;
}
