import { and, eq, inArray } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { syncApps, syncConnections } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { logger } from "@/server/lib/logger";
import { systemScope } from "@/server/lib/scope";
import { sameSignature, signPush } from "./douyin/sign";
import { queueShopSync } from "./jobs";
import { runShopSync } from "./run";
import { decryptSecret, secretKey } from "./secrets";

export type PushRequest = {
  orgId: string;
  appId: string | null;
  eventSign: string | null;
  rawBody: string;
};
export type PushAnswer = { status: number; body: { code: number; msg: string }; shopIds: string[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Order (100–108) and after-sale (200–211) events: the shop has new facts to pull. */
const SYNC_TAGS = /^(10[0-8]|20\d|21[01])$/;

const refused = (status: number, msg: string): PushAnswer => ({
  status,
  body: { code: status, msg },
  shopIds: [],
});

function platformShopIdsOf(rawBody: string): string[] | null {
  let messages: unknown;
  try {
    messages = JSON.parse(rawBody);
  } catch {
    return null;
  }
  if (!Array.isArray(messages)) return null;
  const ids = new Set<string>();
  for (const message of messages as { tag?: unknown; data?: unknown }[]) {
    if (!SYNC_TAGS.test(String(message?.tag ?? ""))) continue;
    try {
      const data = JSON.parse(String(message.data ?? "{}")) as { shop_id?: unknown };
      if (data.shop_id !== undefined && data.shop_id !== null) ids.add(String(data.shop_id));
    } catch {
      continue;
    }
  }
  return [...ids];
}

/**
 * A push message of the platform for one organisation's app (the organisation is in the URL the
 * app was given). It is believed only when app-id is that organisation's app key and event-sign
 * is the MD5 of app key, raw body and that app's secret; then the shops it names, looked up in
 * that organisation alone, are synced: queued when the job queue runs, else at once.
 */
export async function acceptPush(
  handle: DbHandle,
  boss: PgBoss | null,
  request: PushRequest,
): Promise<PushAnswer> {
  if (!UUID.test(request.orgId) || !request.appId || !request.eventSign)
    return refused(401, "unknown_app_or_missing_signature");
  const scope = systemScope(request.orgId);
  const key = secretKey(handle);
  const verdict = await withTenant(handle, scope, async (tx) => {
    const [app] = await tx
      .select()
      .from(syncApps)
      .where(and(eq(syncApps.orgId, scope.orgId), eq(syncApps.appKey, request.appId ?? "")));
    if (!app) return null;
    const secret = decryptSecret(key, scope.orgId, "app_secret", app.appSecretEncrypted);
    if (!sameSignature(signPush(app.appKey, request.rawBody, secret), request.eventSign ?? ""))
      return null;
    const platformShopIds = platformShopIdsOf(request.rawBody);
    if (platformShopIds === null) return { shopIds: null };
    if (platformShopIds.length === 0) return { shopIds: [] };
    const rows = await tx
      .select({ shopId: syncConnections.shopId })
      .from(syncConnections)
      .where(
        and(
          eq(syncConnections.orgId, scope.orgId),
          eq(syncConnections.appId, app.id),
          eq(syncConnections.paused, false),
          inArray(syncConnections.platformShopId, platformShopIds),
        ),
      );
    return { shopIds: rows.map((r) => r.shopId) };
  });
  if (!verdict) return refused(401, "signature invalid");
  if (verdict.shopIds === null) return refused(400, "body_not_a_json_array");
  for (const shopId of verdict.shopIds) {
    if (boss) await queueShopSync(boss, { orgId: scope.orgId, shopId, trigger: "push" });
    else await runShopSync(handle, scope, shopId, { trigger: "push" });
  }
  logger.info({ orgId: scope.orgId, shops: verdict.shopIds.length }, "push messages accepted");
  return { status: 200, body: { code: 0, msg: "success" }, shopIds: verdict.shopIds };
}
