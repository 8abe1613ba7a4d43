import { and, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { platformScoreSnapshots, syncApps, syncConnections, syncCursors, syncRuns } from "@/db/schema";
import { notFound } from "@/server/lib/errors";
import { shanghaiDayOf } from "@/server/lib/time";
import type { PlatformApp, PlatformScore, TokenSet } from "./connector";
import { paramJson } from "./douyin/param-json";
import { decryptSecret, encryptSecret } from "./secrets";

/** Tenant queries of the sync module: each takes the organisation and filters by it (RLS backs it up). */

export type ConnectionRow = typeof syncConnections.$inferSelect;
export type SyncRunRow = typeof syncRuns.$inferSelect;

export type LoadedConnection = { connection: ConnectionRow; app: PlatformApp; tokens: TokenSet | null };

export async function findConnection(tx: Tx, orgId: string, shopId: string): Promise<ConnectionRow | null> {
  const [row] = await tx.select().from(syncConnections).where(and(eq(syncConnections.orgId, orgId), eq(syncConnections.shopId, shopId)));
  return row ?? null;
}

/** The connection of a shop with its app's secret and its tokens decrypted (server-side only). */
export async function loadConnection(tx: Tx, key: Buffer, orgId: string, shopId: string): Promise<LoadedConnection> {
  const connection = await findConnection(tx, orgId, shopId);
  if (!connection) throw notFound("sync.notConnected");
  const [app] = await tx.select().from(syncApps).where(and(eq(syncApps.orgId, orgId), eq(syncApps.id, connection.appId)));
  if (!app) throw notFound("sync.notConnected");
  const platformApp = { baseUrl: app.baseUrl, appKey: app.appKey, appSecret: decryptSecret(key, orgId, "app_secret", app.appSecretEncrypted) };
  const { accessTokenEncrypted, refreshTokenEncrypted, accessExpiresAt } = connection;
  const tokens =
    accessTokenEncrypted && refreshTokenEncrypted && accessExpiresAt
      ? {
          accessToken: decryptSecret(key, orgId, "access_token", accessTokenEncrypted),
          refreshToken: decryptSecret(key, orgId, "refresh_token", refreshTokenEncrypted),
          accessExpiresAt,
          platformShopId: connection.platformShopId,
          platformShopName: connection.platformShopName,
        }
      : null;
  return { connection, app: platformApp, tokens };
}

export async function upsertApp(tx: Tx, key: Buffer, orgId: string, app: PlatformApp): Promise<string> {
  const values = { orgId, platform: "douyin" as const, baseUrl: app.baseUrl, appKey: app.appKey, appSecretEncrypted: encryptSecret(key, orgId, "app_secret", app.appSecret), updatedAt: new Date() };
  const [row] = await tx
    .insert(syncApps)
    .values(values)
    .onConflictDoUpdate({ target: [syncApps.orgId, syncApps.platform], set: { baseUrl: values.baseUrl, appKey: values.appKey, appSecretEncrypted: values.appSecretEncrypted, updatedAt: values.updatedAt } })
    .returning({ id: syncApps.id });
  if (!row) throw new Error("upsert returned no row");
  return row.id;
}

export function encryptedTokens(key: Buffer, orgId: string, tokens: TokenSet) {
  return {
    accessTokenEncrypted: encryptSecret(key, orgId, "access_token", tokens.accessToken),
    refreshTokenEncrypted: encryptSecret(key, orgId, "refresh_token", tokens.refreshToken),
    accessExpiresAt: tokens.accessExpiresAt,
    platformShopName: tokens.platformShopName,
  };
}

export async function saveTokens(tx: Tx, key: Buffer, orgId: string, connectionId: string, tokens: TokenSet): Promise<void> {
  await tx
    .update(syncConnections)
    .set({ ...encryptedTokens(key, orgId, tokens), authStatus: "authorised", updatedAt: new Date() })
    .where(and(eq(syncConnections.orgId, orgId), eq(syncConnections.id, connectionId)));
}

export async function readCursor(tx: Tx, orgId: string, connectionId: string, resource: string): Promise<number | null> {
  const [row] = await tx
    .select({ position: syncCursors.position })
    .from(syncCursors)
    .where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.connectionId, connectionId), eq(syncCursors.resource, resource)));
  return row?.position ?? null;
}

/** Moves a cursor forward, never back: two overlapping runs can only re-read, never skip. */
export async function advanceCursor(tx: Tx, orgId: string, connectionId: string, resource: string, position: number): Promise<void> {
  await tx
    .insert(syncCursors)
    .values({ orgId, connectionId, resource, position })
    .onConflictDoUpdate({
      target: [syncCursors.orgId, syncCursors.connectionId, syncCursors.resource],
      set: { position: sql`greatest(${syncCursors.position}, excluded.position)`, updatedAt: new Date() },
    });
}

export async function latestPlatformScore(tx: Tx, orgId: string, shopId: string) {
  const [row] = await tx
    .select()
    .from(platformScoreSnapshots)
    .where(and(eq(platformScoreSnapshots.orgId, orgId), eq(platformScoreSnapshots.shopId, shopId)))
    .orderBy(desc(platformScoreSnapshots.takenAt))
    .limit(1);
  return row ?? null;
}

const SNAPSHOT_EVERY_MS = 6 * 3600 * 1000;

/** The platform still reports the 5-point score in some back-ends: a score of at most 5 is on that scale. */
export const scaleOf = (score: number | null): 5 | 100 => (score !== null && score <= 5 ? 5 : 100);

/** Keeps what the platform reported: a new snapshot when the score changed, else at most one every six hours. */
export async function recordPlatformScore(tx: Tx, orgId: string, shopId: string, runId: string, score: PlatformScore, at: Date): Promise<boolean> {
  const latest = await latestPlatformScore(tx, orgId, shopId);
  const value = score.score === null ? null : score.score.toFixed(2);
  // jsonb hands keys back in its own order: compare key-sorted forms.
  const same = latest && latest.score === value && paramJson(latest.indicators) === paramJson(score.indicators);
  if (same && at.getTime() - latest.takenAt.getTime() < SNAPSHOT_EVERY_MS) return false;
  await tx.insert(platformScoreSnapshots).values({
    orgId,
    shopId,
    runId,
    day: shanghaiDayOf(at),
    source: "sync",
    scale: scaleOf(score.score),
    score: value,
    dimensions: score.dimensions,
    reportedIndicators: score.reported,
    indicators: score.indicators,
    takenAt: at,
  });
  return true;
}

export async function listRuns(tx: Tx, orgId: string, connectionId: string, limit: number): Promise<SyncRunRow[]> {
  return tx
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.orgId, orgId), eq(syncRuns.connectionId, connectionId)))
    .orderBy(desc(syncRuns.startedAt))
    .limit(limit);
}
