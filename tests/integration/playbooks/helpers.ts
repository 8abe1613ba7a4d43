import type { DbHandle } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { ownerWithOrg } from "../../helpers/callers";

export const SCORED_DAY = "2026-05-12";
/** Latent quality per shop: the first is poor (slow pickup and delivery, many returns), the last excellent. */
const QUALITIES = [0.02, 0.3, 0.45, 0.6, 0.8, 0.97];

/** An organisation with six scored 服饰内衣 shops of spread quality (70 days of generated facts) and a creator account selling in them. */
export async function organisationWithSpreadShops(handle: DbHandle, label: string, ruleSet: "douyin-shop-v1" | "douyin-shop-v1.1" = "douyin-shop-v1") {
  const owner = await ownerWithOrg(handle, label);
  const orgId = owner.org.orgId;
  const creator = await owner.caller.creators.create({ name: `${label} 达人`, category: "服饰内衣", externalId: `${label}-author` });
  const shops: { id: string; name: string }[] = [];
  for (const i of QUALITIES.keys()) {
    shops.push(await owner.caller.shops.create({ name: `${label} 店${i + 1}`, category: "服饰内衣", externalId: `${label}-s${i + 1}`, ruleSet }));
  }
  await withTenant(handle, { orgId }, async (tx) => {
    for (const [i, shop] of shops.entries()) {
      const facts = generateShopFacts({ seed: 300 + i, keyPrefix: `${label}-${i}`, firstDay: "2026-03-01", days: 72, ordersPerDay: 4, quality: QUALITIES[i], authorIds: [`${label}-author`] });
      await insertShopFacts(tx, orgId, shop.id, facts);
    }
  });
  await rescoreOrganisation(handle, orgId, SCORED_DAY);
  const [poor, ...rest] = shops;
  if (!poor) throw new Error("no shops");
  return { ...owner, orgId, shops, poor, best: rest[rest.length - 1] ?? poor, creator };
}
