import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { ownerWithOrg } from "../../helpers/callers";
import { rowsPerTenantTable } from "../../helpers/tenant-rows";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("deleting an organisation", () => {
  it("removes every row it owned, in every tenant table", async () => {
    const { caller, org } = await ownerWithOrg(t.handle, "deleteme");
    const shop = await caller.shops.create({ name: "要删除的店", category: "beauty" });
    await caller.creators.create({ name: "达人", category: "beauty", externalId: "del-a1" });
    await withTenant(t.handle, { orgId: org.orgId }, (tx) =>
      insertShopFacts(tx, org.orgId, shop.id, generateShopFacts({ seed: 7, keyPrefix: "del", firstDay: "2026-04-01", days: 40, ordersPerDay: 2, authorIds: ["del-a1"] })),
    );
    await rescoreOrganisation(t.handle, org.orgId, "2026-05-12");
    const before = await rowsPerTenantTable(t.handle, org.orgId);
    expect(before.orders).toBeGreaterThan(0);
    expect(before.score_snapshots).toBeGreaterThan(0);
    expect(before.daily_rollups).toBeGreaterThan(0);

    await caller.orgs.delete({ confirmName: org.name });
    const after = await rowsPerTenantTable(t.handle, org.orgId);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
  }, 300_000);
});
