import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { systemScope } from "@/server/lib/scope";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { drillDowns } from "@/server/voc/drill-downs";
import { problemSummary } from "@/server/voc/problems";
import { ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("demo data", () => {
  it("gives a demo shop a believable problem mix and filled drill-down tables", async () => {
    const { org, caller } = await ownerWithOrg(t.handle, "voc-demo");
    const shop = await caller.shops.create({ name: "演示店 Demo", category: "服饰内衣" });
    const today = "2026-06-01";
    const firstDay = addDays(today, -120);
    // The demo seed's generator and size (server/demo/seed.ts), for a middling shop.
    const facts = generateShopFacts({ seed: 1003, keyPrefix: "demo", firstDay, days: 120, ordersPerDay: 4, notAfter: shanghaiMidnight(today) });
    await withTenant(t.handle, { orgId: org.orgId }, (tx) => insertShopFacts(tx, org.orgId, shop.id, facts));
    const scope = systemScope(org.orgId);
    const summary = await withTenant(t.handle, { orgId: org.orgId }, (tx) => problemSummary(tx, scope, { kind: "shop", id: shop.id, months: 6 }, shanghaiMidnight(today)));
    const heard = summary.totals.filter((x) => x.total > 0);
    expect(heard.length).toBeGreaterThanOrEqual(6);
    expect(summary.totals[0]?.problemType).toBe("quality");
    expect(new Set(summary.counts.map((c) => c.month)).size).toBeGreaterThanOrEqual(4);

    const drill = await withTenant(t.handle, { orgId: org.orgId }, (tx) => drillDowns(tx, scope, { kind: "shop", id: shop.id }, today));
    expect(drill.slowDelivery?.byProvince.length).toBeGreaterThan(3);
    expect(drill.slowDelivery?.byCarrier.length).toBeGreaterThan(3);
    expect(drill.afterSaleReasons?.rows.length).toBeGreaterThan(3);
    expect(drill.chatHours?.rows.length).toBe(10);
  });
});
