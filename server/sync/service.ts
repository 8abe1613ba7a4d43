import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { syncApps, syncConnections } from "@/db/schema";
import { badInput, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { latestSnapshot } from "@/server/scoring/store/snapshots";
import { getEntity } from "@/server/entities/queries";
import type { Connector } from "./connector";
import { douyinConnector } from "./douyin/connector";
import { PlatformError } from "./errors";
import type { ConnectShopInput } from "@/lib/contracts/sync";
import { decryptSecret } from "./secrets";
import { encryptedTokens, findConnection, latestPlatformScore, listRuns, upsertApp } from "./store";

/**
 * Stores the organisation's app credentials and authorises the shop with the platform (for a
 * shop's own app, authorization_self). Nothing is stored when the platform refuses: the form
 * shows why. The secret is encrypted before it reaches the database.
 */
export async function connectShop(tx: Tx, key: Buffer, scope: OrgScope, input: ConnectShopInput, connector: Connector = douyinConnector) {
  const orgId = scope.orgId;
  await getEntity(tx, scope, "shop", input.shopId);
  const [stored] = await tx.select().from(syncApps).where(and(eq(syncApps.orgId, orgId), eq(syncApps.platform, "douyin")));
  const appSecret = input.appSecret || (stored && stored.appKey === input.appKey ? decryptSecret(key, orgId, "app_secret", stored.appSecretEncrypted) : null);
  if (!appSecret) throw badInput("required", "appSecret");
  const app = { baseUrl: input.baseUrl.replace(/\/+$/, ""), appKey: input.appKey, appSecret };
  let tokens;
  try {
    tokens = await connector.authorise(app, input.platformShopId);
  } catch (error) {
    if (error instanceof PlatformError) throw badInput(`sync.${error.reason}`, "platformShopId");
    throw error;
  }
  const appId = await upsertApp(tx, key, orgId, app);
  const values = {
    appId,
    platformShopId: tokens.platformShopId,
    authStatus: "authorised" as const,
    ...encryptedTokens(key, orgId, tokens),
    lastErrorKey: null,
    consecutiveFailures: 0,
    updatedAt: new Date(),
    ...(input.intervalMinutes ? { intervalMinutes: input.intervalMinutes } : {}),
  };
  await tx
    .insert(syncConnections)
    .values({ orgId, shopId: input.shopId, ...values })
    .onConflictDoUpdate({ target: [syncConnections.orgId, syncConnections.shopId], set: values });
  return shopSyncStatus(tx, scope, input.shopId);
}

/** What the UI shows of a shop's sync: never a secret or a token. */
export async function shopSyncStatus(tx: Tx, scope: OrgScope, shopId: string) {
  const shop = await getEntity(tx, scope, "shop", shopId);
  const connection = await findConnection(tx, scope.orgId, shop.id);
  if (!connection) return { connected: false as const, shopId: shop.id };
  const [app] = await tx.select({ appKey: syncApps.appKey, baseUrl: syncApps.baseUrl }).from(syncApps).where(and(eq(syncApps.orgId, scope.orgId), eq(syncApps.id, connection.appId)));
  const runs = await listRuns(tx, scope.orgId, connection.id, 10);
  return {
    connected: true as const,
    shopId: shop.id,
    appKey: app?.appKey ?? null,
    baseUrl: app?.baseUrl ?? null,
    platformShopId: connection.platformShopId,
    platformShopName: connection.platformShopName,
    authStatus: connection.authStatus,
    tokenExpiresAt: connection.accessExpiresAt,
    paused: connection.paused,
    intervalMinutes: connection.intervalMinutes,
    lastRunAt: connection.lastRunAt,
    lastSuccessAt: connection.lastSuccessAt,
    lastErrorKey: connection.lastErrorKey,
    consecutiveFailures: connection.consecutiveFailures,
    runs: runs.map((r) => ({ id: r.id, trigger: r.trigger, status: r.status, counts: r.counts, errorKey: r.errorKey, startedAt: r.startedAt, finishedAt: r.finishedAt })),
  };
}

export async function setSyncPaused(tx: Tx, scope: OrgScope, shopId: string, paused: boolean) {
  const shop = await getEntity(tx, scope, "shop", shopId);
  const updated = await tx
    .update(syncConnections)
    .set({ paused, updatedAt: new Date() })
    .where(and(eq(syncConnections.orgId, scope.orgId), eq(syncConnections.shopId, shop.id)))
    .returning({ id: syncConnections.id });
  if (updated.length === 0) throw notFound("sync.notConnected");
  return shopSyncStatus(tx, scope, shopId);
}

/** Koubei's latest score of the shop beside the platform's latest reported one, and the difference. */
export async function scoreComparison(tx: Tx, scope: OrgScope, shopId: string) {
  const shop = await getEntity(tx, scope, "shop", shopId);
  const ours = await latestSnapshot(tx, scope.orgId, "shop", shop.id, shop.ruleSet);
  const theirs = await latestPlatformScore(tx, scope.orgId, shop.id);
  const shown = ours?.explanation.overallShown ?? null;
  const koubei = ours && shown !== null ? { score: shown, day: ours.day } : null;
  const platform = theirs ? { score: theirs.score === null ? null : Number(theirs.score), takenAt: theirs.takenAt, indicators: theirs.indicators } : null;
  const difference = koubei && platform?.score !== null && platform?.score !== undefined ? Math.round((koubei.score - platform.score) * 100) / 100 : null;
  return { koubei, platform, difference };
}
