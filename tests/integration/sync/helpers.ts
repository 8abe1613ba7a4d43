import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { systemScope } from "@/server/lib/scope";
import { startFakePlatform, type FakePlatform } from "@/server/sync/fake-platform/server";
import { ownerWithOrg } from "../../helpers/callers";

/** Fast retries for tests: the back-off shape is the same, only shorter. */
export const FAST_RETRY = { attempts: 4, baseDelayMs: 5 };

export async function startFake(seed: number, shops = 1): Promise<FakePlatform> {
  return startFakePlatform({ seed, shops });
}

/** A new organisation with one shop connected (through the router) to the fake's first shop. */
export async function connectedShop(handle: DbHandle, fake: FakePlatform, label: string, platformShopIndex = 0) {
  const owner = await ownerWithOrg(handle, label);
  const shop = await owner.caller.shops.create({ name: `${label} 店`, category: "服饰内衣", externalId: `${label}-shop` });
  const platformShop = fake.shops[platformShopIndex];
  if (!platformShop) throw new Error("no such fake shop");
  const status = await owner.caller.sync.connect({ shopId: shop.id, baseUrl: fake.baseUrl, appKey: fake.appKey, appSecret: fake.appSecret, platformShopId: platformShop.shopId });
  return { ...owner, shop, platformShop, status, scope: systemScope(owner.org.orgId) };
}

/** Facts of a shop as stored, read as the organisation. */
export async function factCounts(handle: DbHandle, orgId: string, shopId: string) {
  return withTenant(handle, { orgId }, async (tx) => {
    const [row] = rowsOf<{ orders: number; distinct_orders: number; after_sales: number }>(
      await tx.execute(sql`select
        (select count(*)::int from orders where org_id = ${orgId}::uuid and shop_id = ${shopId}::uuid) as orders,
        (select count(distinct order_id)::int from orders where org_id = ${orgId}::uuid and shop_id = ${shopId}::uuid) as distinct_orders,
        (select count(*)::int from after_sales where org_id = ${orgId}::uuid and shop_id = ${shopId}::uuid) as after_sales`),
    );
    return { orders: row?.orders ?? 0, distinctOrders: row?.distinct_orders ?? 0, afterSales: row?.after_sales ?? 0 };
  });
}

/** The fake shop's facts as the importer should end up holding them (every generated order is paid). */
export const expectedFacts = (fake: FakePlatform, index = 0) => {
  const shop = fake.shops[index];
  return { orders: shop?.orders.reduce((n, o) => n + o.sku_order_list.length, 0) ?? 0, afterSales: shop?.afterSales.length ?? 0 };
};
