import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant";
import { systemScope } from "@/server/lib/scope";
import { createOrganisation } from "@/server/orgs/service";
import { findEntityByRef } from "@/server/entities/queries";
import { connectDemoShop } from "@/server/sync/demo";
import type { FakePlatform } from "@/server/sync/fake-platform/server";
import { runShopSync } from "@/server/sync/run";
import { shopSyncStatus } from "@/server/sync/service";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import "./helpers";

let t: TestDatabase;
const fakes: FakePlatform[] = [];
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  for (const fake of fakes) await fake.close();
  await t?.close();
});

describe("the demo organisation's synced shop", () => {
  it("is connected to an in-process fake platform on every start, and syncs", async () => {
    expect(await connectDemoShop(t.handle, null, "no such organisation")).toBeNull();
    const org = await createOrganisation(t.handle, { name: "演示同步 Demo", kind: "agency", ownerUserId: null });
    const scope = systemScope(org.orgId);
    const first = await connectDemoShop(t.handle, null, "演示同步 Demo");
    if (first) fakes.push(first);
    // A restart: a new port, the same shop, connected again.
    const second = await connectDemoShop(t.handle, null, "演示同步 Demo");
    if (second) fakes.push(second);
    expect(second?.baseUrl).not.toBe(first?.baseUrl);
    const shop = await withTenant(t.handle, scope, (tx) => findEntityByRef(tx, scope, "shop", "demo-sync-001"));
    const status = await withTenant(t.handle, scope, (tx) => shopSyncStatus(tx, scope, shop.id));
    expect(status).toMatchObject({ connected: true, authStatus: "authorised", baseUrl: second?.baseUrl });
    const run = await runShopSync(t.handle, scope, shop.id, { trigger: "schedule" });
    expect(run.status).toBe("succeeded");
    expect(run.resources.orders?.inserted).toBeGreaterThan(100);
  });
});
