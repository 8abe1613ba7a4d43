import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rollupDirty, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { createOrganisation } from "@/server/orgs/service";
import { clearDirtyMarks, markShopFactsChanged, rebuildDirtyRollups } from "@/server/scoring/refresh";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("dirty marks", () => {
  it("survive the rebuild, and a mark made again during a rescore survives its clearing", async () => {
    const { orgId } = await createOrganisation(t.handle, { name: "marks", kind: "brand", ownerUserId: null });
    const ids = await withTenant(t.handle, { orgId }, async (tx) => {
      const rows = await tx.insert(shops).values([0, 1].map((i) => ({ orgId, externalId: `m${i}`, name: `m${i}`, categoryCode: "beauty" }))).returning();
      for (const row of rows) await markShopFactsChanged(tx, orgId, row.id, "2026-05-01");
      return rows.map((r) => r.id);
    });
    const marked = () => withTenant(t.handle, { orgId }, async (tx) => (await tx.select().from(rollupDirty).where(eq(rollupDirty.orgId, orgId))).map((r) => r.entityId).sort());

    const { refreshed, marks } = await withTenant(t.handle, { orgId }, (tx) => rebuildDirtyRollups(t.handle, tx, orgId));
    expect(refreshed.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(await marked()).toEqual([...ids].sort());

    // New facts for the second shop arrive while the first rescore is scoring.
    await withTenant(t.handle, { orgId }, (tx) => markShopFactsChanged(tx, orgId, ids[1] ?? "", "2026-05-02"));
    await withTenant(t.handle, { orgId }, (tx) => clearDirtyMarks(tx, orgId, marks));
    expect(await marked()).toEqual([ids[1]]);
  });
});
