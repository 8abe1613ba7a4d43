import { randomUUID } from "node:crypto";
import iconv from "iconv-lite";
import * as schema from "@/db/schema";
import type { DbHandle } from "@/db/client";
import { withTenant } from "@/server/db/tenant";

export { DOUYIN_EXPORTS_DIR as SAMPLES } from "../../helpers/sample-paths";

export async function createOrgWithShop(handle: DbHandle, name: string, shopExternalId = "s1"): Promise<{ orgId: string; shopId: string; userId: null }> {
  const orgId = randomUUID();
  await withTenant(handle, { orgId }, (tx) => tx.insert(schema.organisations).values({ orgId, name }));
  const shopId = await addShop(handle, orgId, shopExternalId);
  return { orgId, shopId, userId: null };
}

export async function addShop(handle: DbHandle, orgId: string, externalId: string, name = `店铺 ${externalId}`): Promise<string> {
  const [shop] = await withTenant(handle, { orgId }, (tx) =>
    tx.insert(schema.shops).values({ orgId, externalId, name, categoryCode: "apparel" }).returning({ id: schema.shops.id }),
  );
  if (!shop) throw new Error("no shop");
  return shop.id;
}

export const utf8 = (text: string): { bytes: Uint8Array } => ({ bytes: new TextEncoder().encode(text) });
export const gbk = (text: string): { bytes: Uint8Array } => ({ bytes: new Uint8Array(iconv.encode(text, "gb18030")) });
