import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { scoreSnapshots, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { markShopFactsChanged } from "@/server/scoring/refresh";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { ownerWithOrg } from "../../helpers/callers";

export const D = "2026-06-01";

/** An organisation with four scored shops on D (the owner owns them all), and a bound half of them are under. */
export async function scoredOrganisation(handle: DbHandle, label: string) {
  const owner = await ownerWithOrg(handle, label);
  const orgId = owner.org.orgId;
  const created = await withTenant(handle, { orgId }, async (tx) => {
    const rows = [];
    for (let i = 0; i < 4; i++) {
      const [shop] = await tx.insert(shops).values({ orgId, externalId: `${label}-s${i}`, name: `预警店 ${label} ${i}`, categoryCode: "beauty", ownerUserId: owner.user.id }).returning();
      if (!shop) throw new Error("no shop");
      const facts = generateShopFacts({ seed: 70 + i * 7, keyPrefix: `${label}${i}`, firstDay: addDays(D, -100), days: 100, ordersPerDay: 4, quality: [0.15, 0.4, 0.65, 0.9][i], authorIds: [], notAfter: shanghaiMidnight(D) });
      await insertShopFacts(tx, orgId, shop.id, facts);
      await markShopFactsChanged(tx, orgId, shop.id, null);
      rows.push(shop);
    }
    return rows;
  });
  await rescoreOrganisation(handle, orgId, D);
  const scores = await withTenant(handle, { orgId }, (tx) =>
    tx.select({ entityId: scoreSnapshots.entityId, overall: scoreSnapshots.overall }).from(scoreSnapshots).where(and(eq(scoreSnapshots.orgId, orgId), eq(scoreSnapshots.day, D))),
  );
  const overall = new Map(scores.map((s) => [s.entityId, s.overall]));
  const sorted = created.map((s) => overall.get(s.id) ?? null).filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (sorted.length < 2) throw new Error("fixture shops were not scored");
  // Between the lowest two and the highest two: two shops are under it.
  const bound = Number((((sorted[1] ?? 0) + (sorted[2] ?? 0)) / 2).toFixed(6));
  const under = created.filter((s) => (overall.get(s.id) ?? Infinity) < bound);
  return { ...owner, orgId, shops: created, overall, bound, under };
}
