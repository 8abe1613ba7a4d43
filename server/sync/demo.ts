import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/lib/errors";
import { logger } from "@/server/lib/logger";
import { systemScope } from "@/server/lib/scope";
import { resolveOrgRef } from "@/server/orgs/service";
import { findEntityByRef } from "@/server/entities/queries";
import { createEntity } from "@/server/entities/service";
import { startFakePlatform, type FakePlatform } from "./fake-platform/server";
import { queueShopSync } from "./jobs";
import { secretKey } from "./secrets";
import { connectShop } from "./service";

const DEMO_SYNC_SHOP = { name: "抖店同步演示店", category: "apparel", externalId: "demo-sync-001" };
const DEMO_FAKE_SEED = 2026;

/**
 * The demo organisation's window on sync: a fake platform in this process on a loopback port,
 * and one demo shop connected to it (re-connected on every start, since the port changes), its
 * first sync queued. Runs after start-up, in the background, so it never delays serving.
 */
export async function connectDemoShop(handle: DbHandle, boss: PgBoss | null, demoOrgName: string): Promise<FakePlatform | null> {
  let orgId: string;
  try {
    orgId = (await resolveOrgRef(handle, demoOrgName)).orgId;
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
  const fake = await startFakePlatform({ seed: DEMO_FAKE_SEED, shops: 1, port: Number(process.env.KOUBEI_DEMO_FAKE_PORT ?? 0) });
  const platformShop = fake.shops[0];
  if (!platformShop) return fake;
  const scope = systemScope(orgId);
  const shopId = await withTenant(handle, scope, async (tx) => {
    const shop = await findEntityByRef(tx, scope, "shop", DEMO_SYNC_SHOP.externalId).catch(() => createEntity(tx, scope, "shop", DEMO_SYNC_SHOP));
    await connectShop(tx, secretKey(handle), scope, { shopId: shop.id, baseUrl: fake.baseUrl, appKey: fake.appKey, appSecret: fake.appSecret, platformShopId: platformShop.shopId });
    return shop.id;
  });
  if (boss) await queueShopSync(boss, { orgId, shopId, trigger: "schedule" });
  logger.info({ baseUrl: fake.baseUrl, shopId }, "demo shop connected to the in-process fake Douyin platform");
  return fake;
}
