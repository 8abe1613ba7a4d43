import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dailyRollups, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { buildDailyRollups, ROLLUP_METRIC_FIELDS } from "@/server/scoring/rollups";
import { loadShopFacts } from "@/server/scoring/store/load-facts";
import { rebuildRollupsOf } from "@/server/scoring/store/rollup-store";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

const TODAY = "2026-06-01";
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("roll-ups rebuilt in overlapping batches", () => {
  it("stores every shop's roll-ups as built from its facts and bumps each version once, whatever the batch size", async () => {
    const { orgId } = await createOrganisation(t.handle, { name: "rebuild", kind: "agency", ownerUserId: null });
    const refs = await withTenant(t.handle, { orgId }, async (tx) => {
      const made = [];
      for (let i = 0; i < 7; i++) {
        const [shop] = await tx.insert(shops).values({ orgId, externalId: `rb${i}`, name: `rb${i}`, categoryCode: "beauty" }).returning();
        if (!shop) throw new Error("no shop");
        // Shop 3 has no facts: its batch still writes (nothing) and bumps its version.
        if (i !== 3) {
          const facts = generateShopFacts({ seed: 40 + i, keyPrefix: `rb${i}`, firstDay: addDays(TODAY, -40), days: 38, ordersPerDay: 2 + i, notAfter: shanghaiMidnight(TODAY) });
          await insertShopFacts(tx, orgId, shop.id, facts);
        }
        made.push({ kind: "shop" as const, id: shop.id, externalId: shop.externalId });
      }
      return made;
    });
    const ids = refs.map((r) => r.id);
    const versions = () =>
      withTenant(t.handle, { orgId }, async (tx) => new Map((await tx.select({ id: shops.id, v: shops.rollupVersion }).from(shops).where(inArray(shops.id, ids))).map((r) => [r.id, r.v])));
    const stored = () =>
      withTenant(t.handle, { orgId }, (tx) =>
        tx.select().from(dailyRollups).where(and(eq(dailyRollups.orgId, orgId), inArray(dailyRollups.entityId, ids))).orderBy(asc(dailyRollups.entityId), asc(dailyRollups.day), asc(dailyRollups.visibleDay)),
      );

    // Two shops a batch: four batches, each read while the one before is built and written.
    const before = await versions();
    await withTenant(t.handle, { orgId }, (tx) => rebuildRollupsOf(t.handle, tx, orgId, refs, { batchSize: 2 }));
    const after = await versions();
    for (const id of ids) expect(after.get(id)).toBe((before.get(id) ?? 0) + 1);

    const rows = await stored();
    const expected = await withTenant(t.handle, { orgId }, async (tx) => {
      const all = [];
      for (const id of [...ids].sort()) for (const row of buildDailyRollups(await loadShopFacts(tx, orgId, id))) all.push({ entityId: id, ...row });
      return all;
    });
    expect(expected.length).toBeGreaterThan(100);
    expect(rows.map((r) => [r.entityId, r.day, r.visibleDay, ...ROLLUP_METRIC_FIELDS.map((f) => r[f])])).toEqual(
      expected.map((r) => [r.entityId, r.day, r.visibleDay, ...ROLLUP_METRIC_FIELDS.map((f) => r[f])]),
    );

    // One batch for all gives the same rows: the batching changes when rows are written, not which.
    // Twice in one transaction, as a rescore may rebuild shops and then creators: each rebuild
    // stages its rows in a temporary table of its own.
    await withTenant(t.handle, { orgId }, async (tx) => {
      await rebuildRollupsOf(t.handle, tx, orgId, refs);
      await rebuildRollupsOf(t.handle, tx, orgId, refs.slice(0, 3));
    });
    expect((await stored()).map((r) => ({ ...r, computedAt: null }))).toEqual(rows.map((r) => ({ ...r, computedAt: null })));
  }, 120_000);
});
