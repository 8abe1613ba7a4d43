import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreSnapshots, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { refreshAllStaleRollups } from "@/server/scoring/refresh";
import { scoreOrganisationDay, storeOrganisationDay } from "@/server/scoring/service";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/** A day's explanations are built and stored a slice at a time; every slice size stores the same day. */
const DAY = "2026-06-01";
let t: TestDatabase;
let orgId = "";

beforeAll(async () => {
  t = await openTestDatabase();
  ({ orgId } = await createOrganisation(t.handle, { name: "slices", kind: "agency", ownerUserId: null }));
  await withTenant(t.handle, { orgId }, async (tx) => {
    for (let i = 0; i < 5; i++) {
      const [shop] = await tx.insert(shops).values({ orgId, externalId: `s${i}`, name: `s${i}`, categoryCode: i < 3 ? "apparel" : "beauty" }).returning();
      if (!shop) throw new Error("no shop");
      const facts = generateShopFacts({ seed: 40 + i, keyPrefix: `s${i}`, firstDay: addDays(DAY, -90), days: 90, ordersPerDay: 4 + i, notAfter: shanghaiMidnight(DAY) });
      await insertShopFacts(tx, orgId, shop.id, facts);
    }
  });
  await refreshAllStaleRollups(t.handle);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe("storeOrganisationDay", () => {
  it("stores and hands over every entity's explanation in slices, as scoring the day at once does", async () => {
    const whole = await scoreOrganisationDay(t.handle, { orgId, kind: "shop", day: DAY });
    expect(whole).toHaveLength(5);
    const visited: typeof whole = [];
    const stored = await storeOrganisationDay(t.handle, { orgId, kind: "shop", day: DAY }, (record) => visited.push(record), 2);
    expect(stored).toBe(5);
    expect(visited.map((r) => r.entity.id)).toStrictEqual(whole.map((r) => r.entity.id));
    expect(visited.map((r) => r.explanation)).toStrictEqual(whole.map((r) => r.explanation));
    const rows = await withTenant(t.handle, { orgId }, (tx) =>
      tx.select({ entityId: scoreSnapshots.entityId, result: scoreSnapshots.result }).from(scoreSnapshots).where(and(eq(scoreSnapshots.orgId, orgId), eq(scoreSnapshots.day, DAY))),
    );
    const byId = new Map(rows.map((row) => [row.entityId, row.result]));
    expect(byId.size).toBe(5);
    for (const record of whole) expect(byId.get(record.entity.id), record.entity.id).toStrictEqual(JSON.parse(JSON.stringify(record.explanation)));
  });
});
