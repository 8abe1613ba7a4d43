import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rollupDirty, scoreSnapshots, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { markShopFactsChanged } from "@/server/scoring/refresh";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

const TODAY = "2026-06-01";
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("incremental rescoring after facts change", () => {
  it("rebuilds the dirty shop, scores today first and only the days the change reaches", async () => {
    const org = await createOrganisation(t.handle, { name: "refresh", kind: "brand", ownerUserId: null });
    const orgId = org.orgId;
    const shopIds: string[] = [];
    await withTenant(t.handle, { orgId }, async (tx) => {
      for (let i = 0; i < 3; i++) {
        const [shop] = await tx.insert(shops).values({ orgId, externalId: `r${i}`, name: `r${i}`, categoryCode: "beauty" }).returning();
        shopIds.push(shop?.id ?? "");
        const facts = generateShopFacts({ seed: i, keyPrefix: `r${i}`, firstDay: addDays(TODAY, -60), days: 57, ordersPerDay: 3, notAfter: shanghaiMidnight(addDays(TODAY, -3)) });
        await insertShopFacts(tx, orgId, shop?.id ?? "", facts);
      }
    });
    // Pretend only the last days changed: the refresh should reach today and the two days before.
    await withTenant(t.handle, { orgId }, (tx) => markShopFactsChanged(tx, orgId, shopIds[0] ?? "", addDays(TODAY, -3)));
    const result = await rescoreOrganisation(t.handle, orgId, TODAY);
    expect(result.entities).toBe(3);
    const days = await withTenant(t.handle, { orgId }, (tx) =>
      tx.selectDistinct({ day: scoreSnapshots.day }).from(scoreSnapshots).where(and(eq(scoreSnapshots.orgId, orgId), eq(scoreSnapshots.entityId, shopIds[1] ?? ""))),
    );
    expect(days.map((d) => d.day).sort()).toEqual(addDaysList(TODAY, 90).sort());
    expect(await withTenant(t.handle, { orgId }, (tx) => tx.select().from(rollupDirty).where(eq(rollupDirty.orgId, orgId)))).toHaveLength(0);

    // A second change to one shop touching only yesterday rescores today and yesterday's successors only.
    await withTenant(t.handle, { orgId }, (tx) => markShopFactsChanged(tx, orgId, shopIds[2] ?? "", addDays(TODAY, -2)));
    const second = await rescoreOrganisation(t.handle, orgId, TODAY);
    expect(second).toEqual({ entities: 1, days: 2 });
  }, 300_000);
});

function addDaysList(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(last, -i));
}
