import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imports, platformScoreSnapshots, syncCursors, syncRuns } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { todayInShanghai } from "@/server/lib/time";
import { undoImport } from "@/server/imports/undo";
import { douyinConnectorWith } from "@/server/sync/douyin/connector";
import type { FakePlatform } from "@/server/sync/fake-platform/server";
import { runShopSync } from "@/server/sync/run";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { connectedShop, expectedFacts, factCounts, FAST_RETRY, startFake } from "./helpers";

let t: TestDatabase;
let fake: FakePlatform;
beforeAll(async () => {
  t = await openTestDatabase();
  fake = await startFake(3, 2);
});
afterAll(async () => {
  await fake?.close();
  await t?.close();
});

/** Windows longer than the first sync reaches back: one window holds every order, so a listing pages through 100 at a time. */
const wide = (timeoutMs = 2000) => douyinConnectorWith({ windowSeconds: 100 * 24 * 3600, timeoutMs });

describe("a sync run", () => {
  it("pulls every order and after-sale once, as an import batch of source sync, then pulls nothing new", async () => {
    const a = await connectedShop(t.handle, fake, "syncA");
    expect(a.status).toMatchObject({ connected: true, authStatus: "authorised", platformShopId: a.platformShop.shopId });
    const first = await runShopSync(t.handle, a.scope, a.shop.id, { trigger: "cli", retry: FAST_RETRY });
    const expected = expectedFacts(fake);
    expect(first.status).toBe("succeeded");
    expect(first.resources.orders).toMatchObject({ pulled: expected.orders, inserted: expected.orders, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.resources.after_sales).toMatchObject({ pulled: expected.afterSales, inserted: expected.afterSales });
    expect(first.platformScore).toBe(fake.shops[0]?.score.seller_rating_info?.score);
    expect(await factCounts(t.handle, a.org.orgId, a.shop.id)).toEqual({ orders: expected.orders, distinctOrders: expected.orders, afterSales: expected.afterSales });

    // Every listing asked for at most 100.
    const listings = fake.calls.filter((c) => c.method === "order.searchList" || c.method === "afterSale.List");
    expect(listings.length).toBeGreaterThan(30);
    expect(listings.every((c) => Number(c.params.size) <= 100)).toBe(true);

    const batch = await withTenant(t.handle, a.scope, (tx) => tx.select().from(imports).where(and(eq(imports.orgId, a.org.orgId), eq(imports.bundleId, first.runId ?? ""))));
    expect(batch.map((i) => i.kind).sort()).toEqual(["after_sales", "orders"]);
    expect(batch.every((i) => i.source === "sync" && i.status === "succeeded")).toBe(true);
    // The import history shows it like any other import.
    const history = await a.caller.imports.list({ shopId: a.shop.id });
    expect(history.filter((i) => i.bundleId === first.runId)).toHaveLength(2);

    const second = await runShopSync(t.handle, a.scope, a.shop.id, { trigger: "cli", retry: FAST_RETRY });
    expect(second.status).toBe("succeeded");
    expect(second.resources.orders).toEqual({ pulled: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 });
    expect(second.resources.after_sales?.pulled).toBe(0);
    // The same score is not stored twice.
    const snapshots = await withTenant(t.handle, a.scope, (tx) => tx.select().from(platformScoreSnapshots).where(eq(platformScoreSnapshots.orgId, a.org.orgId)));
    expect(snapshots).toHaveLength(1);
    expect(Number(snapshots[0]?.score)).toBe(first.platformScore);
    // The day it was read for, the scale the score is on, and the platform's indicators that are Koubei's, in Koubei's codes.
    expect(snapshots[0]).toMatchObject({ source: "sync", day: todayInShanghai(), scale: 5, fileName: null });
    expect(Object.keys(snapshots[0]?.reportedIndicators ?? {}).sort()).toEqual(["delivery_ontime_rate", "fulfilment_return_rate", "product_rating", "quality_return_rate"]);
    expect(snapshots[0]?.reportedIndicators.quality_return_rate).toEqual({ value: snapshots[0]?.indicators.quality_return_rate?.score, score: snapshots[0]?.indicators.quality_return_rate?.nodeScore });

    // Koubei's score was computed from the synced facts and shows beside the platform's.
    const comparison = await a.caller.sync.scoreComparison({ shopId: a.shop.id });
    expect(comparison.platform?.score).toBe(first.platformScore);
    expect(comparison.koubei).not.toBeNull();
    expect(comparison.difference).toBeCloseTo((comparison.koubei?.score ?? 0) - (first.platformScore ?? 0), 2);
  });

  it("picks up an order the shop moved on, as an update, and can be undone like an import", async () => {
    const b = await connectedShop(t.handle, fake, "syncB", 1);
    await runShopSync(t.handle, b.scope, b.shop.id, { trigger: "cli", retry: FAST_RETRY });
    const moved = fake.advanceOrder(b.platformShop.shopId);
    expect(moved).not.toBeNull();
    await new Promise((r) => setTimeout(r, 6500)); // past the settle time of the newest window
    const next = await runShopSync(t.handle, b.scope, b.shop.id, { trigger: "manual", retry: FAST_RETRY });
    expect(next.resources.orders).toMatchObject({ pulled: 1, updated: 1, inserted: 0 });
    const [batch] = await withTenant(t.handle, b.scope, (tx) => tx.select().from(imports).where(and(eq(imports.orgId, b.org.orgId), eq(imports.bundleId, next.runId ?? ""))));
    expect(batch).toBeDefined();
    const undone = await undoImport(t.handle, b.scope, { importId: batch?.id ?? "" });
    expect(undone.restored).toBe(1);
  });

  it("pages through 100 at a time, each page asked for once, and stores the refreshed token when the platform expires it", async () => {
    const c = await connectedShop(t.handle, fake, "syncC");
    fake.calls.length = 0;
    fake.faults.add({ kind: "expireToken", method: "order.searchList", skip: 1 });
    const result = await runShopSync(t.handle, c.scope, c.shop.id, { trigger: "cli", retry: FAST_RETRY, connector: wide() });
    expect(result.status).toBe("succeeded");
    const pages = fake.calls.filter((call) => call.method === "order.searchList" && call.code === 10000).map((call) => Number(call.params.page));
    // Pages 0, 1, 2 of the one window, then page 0 again to prove nothing moved meanwhile.
    expect(pages).toEqual([0, 1, 2, 0]);
    expect(fake.calls.filter((call) => call.method === "token.refresh")).toHaveLength(1);
    fake.calls.length = 0;
    expect((await runShopSync(t.handle, c.scope, c.shop.id, { trigger: "cli", retry: FAST_RETRY, connector: wide() })).status).toBe("succeeded");
    expect(fake.calls.some((call) => call.method === "token.refresh")).toBe(false);
  });

  const faults = [
    ["a timeout", { kind: "timeout", delayMs: 900, method: "afterSale.List" }],
    ["a 502 from the gateway", { kind: "http", status: 502, method: "order.searchList", skip: 1 }],
    ["20001 (platform timeout)", { kind: "code", code: 20001, subCode: "isp.service-timeout", method: "order.searchList" }],
    ["60000 (rate limited)", { kind: "code", code: 60000, subCode: "isv.traffic-limited", method: "order.searchList", skip: 2, times: 2 }],
    ["malformed JSON", { kind: "malformed", method: "order.searchList", skip: 1 }],
    ["a page that repeats", { kind: "repeatPage", method: "order.searchList", skip: 1 }],
    ["an expired token", { kind: "expireToken", method: "shop.getExperienceScore" }],
  ] as const;
  it.each(faults)("survives %s: every fact once, nothing missing", async (label, fault) => {
    const c = await connectedShop(t.handle, fake, `fault${faults.findIndex(([l]) => l === label)}`);
    fake.calls.length = 0;
    fake.faults.add(fault);
    const result = await runShopSync(t.handle, c.scope, c.shop.id, { trigger: "cli", retry: FAST_RETRY, connector: wide(400) });
    expect(fake.faults.unused()).toBe(0);
    fake.faults.clear();
    expect(result.status).toBe("succeeded");
    const expected = expectedFacts(fake);
    expect(await factCounts(t.handle, c.org.orgId, c.shop.id)).toEqual({ orders: expected.orders, distinctOrders: expected.orders, afterSales: expected.afterSales });
    expect(result.resources.orders?.pulled).toBe(expected.orders);
  });

  it("a platform that stays down fails the run as retryable without moving the cursor; the next run resumes", async () => {
    const d = await connectedShop(t.handle, fake, "syncD");
    fake.faults.add({ kind: "code", code: 20000, subCode: "isp.service-unavailable", method: "afterSale.List", times: 50 });
    const failed = await runShopSync(t.handle, d.scope, d.shop.id, { trigger: "schedule", retry: FAST_RETRY, connector: wide() });
    fake.faults.clear();
    expect(failed).toMatchObject({ status: "failed", errorKey: "errors.sync.platformUnavailable", retryable: true });
    // Orders committed with their cursor before after-sales failed; after-sales have no cursor yet.
    const cursors = await withTenant(t.handle, d.scope, (tx) => tx.select().from(syncCursors).where(eq(syncCursors.orgId, d.org.orgId)));
    expect(cursors.map((c) => c.resource)).toEqual(["orders"]);
    const status = await d.caller.sync.status({ shopId: d.shop.id });
    expect(status.connected && status.lastErrorKey).toBe("errors.sync.platformUnavailable");
    expect(status.connected && status.runs[0]?.status).toBe("failed");

    const resumed = await runShopSync(t.handle, d.scope, d.shop.id, { trigger: "schedule", retry: FAST_RETRY, connector: wide() });
    expect(resumed.status).toBe("succeeded");
    expect(resumed.resources.orders?.pulled).toBe(0);
    expect(resumed.resources.after_sales?.inserted).toBe(expectedFacts(fake).afterSales);
  });

  it("opens a circuit breaker per organisation after repeated failures: scheduled runs skip, a manual run still probes", async () => {
    const e = await connectedShop(t.handle, fake, "syncE");
    fake.faults.add({ kind: "code", code: 60000, subCode: "isv.traffic-limited", times: 1000 });
    for (let i = 0; i < 5; i++) expect((await runShopSync(t.handle, e.scope, e.shop.id, { trigger: "schedule", retry: { attempts: 1, baseDelayMs: 1 }, connector: wide() })).status).toBe("failed");
    const skipped = await runShopSync(t.handle, e.scope, e.shop.id, { trigger: "schedule", retry: FAST_RETRY, connector: wide() });
    expect(skipped).toMatchObject({ status: "skipped", errorKey: "errors.sync.circuitOpen" });
    fake.faults.clear();
    const probe = await runShopSync(t.handle, e.scope, e.shop.id, { trigger: "manual", retry: FAST_RETRY, connector: wide() });
    expect(probe.status).toBe("succeeded");
    expect((await runShopSync(t.handle, e.scope, e.shop.id, { trigger: "schedule", retry: FAST_RETRY, connector: wide() })).status).toBe("succeeded");
    // Another organisation's breaker is its own.
    const runs = await withTenant(t.handle, e.scope, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(syncRuns).where(eq(syncRuns.orgId, e.org.orgId)));
    expect(runs[0]?.n).toBe(8);
  });

  it("a run cut short midway resumes from the last committed cursor: no duplicates, no gaps", async () => {
    const f = await connectedShop(t.handle, fake, "syncF");
    // Day-long windows, a batch every 40 records; the "crash" is the process dying while it pulls, after 100 records.
    let pulled = 0;
    const crashing = douyinConnectorWith({ timeoutMs: 2000 });
    const orders = crashing.resources[0];
    if (!orders) throw new Error("no orders resource");
    const dying = {
      ...crashing,
      resources: [
        {
          ...orders,
          async *pull(...args: Parameters<typeof orders.pull>) {
            if (pulled > 100) throw new Error("worker killed");
            for await (const rows of orders.pull(...args)) {
              pulled += rows.length;
              yield rows;
            }
          },
        },
        ...crashing.resources.slice(1),
      ],
    };
    const crashed = await runShopSync(t.handle, f.scope, f.shop.id, { trigger: "schedule", retry: FAST_RETRY, batchRecords: 40, connector: dying });
    expect(crashed.status).toBe("failed");
    const partial = await factCounts(t.handle, f.org.orgId, f.shop.id);
    expect(partial.orders).toBeGreaterThan(0);
    expect(partial.orders).toBeLessThan(expectedFacts(fake).orders);

    const resumed = await runShopSync(t.handle, f.scope, f.shop.id, { trigger: "schedule", retry: FAST_RETRY, batchRecords: 40 });
    expect(resumed.status).toBe("succeeded");
    const expected = expectedFacts(fake);
    expect(await factCounts(t.handle, f.org.orgId, f.shop.id)).toEqual({ orders: expected.orders, distinctOrders: expected.orders, afterSales: expected.afterSales });
    // Resumed, not restarted: the second run did not pull what the first had committed.
    expect((resumed.resources.orders?.pulled ?? 0) + partial.orders).toBe(expected.orders);
    expect(resumed.resources.orders?.inserted).toBe(expected.orders - partial.orders);
    const [insertedTotal] = rowsOf<{ n: number }>(
      await withTenant(t.handle, f.scope, (tx) => tx.execute(sql`select sum(inserted)::int as n from imports where org_id = ${f.org.orgId}::uuid and kind = 'orders'`)),
    );
    expect(insertedTotal?.n).toBe(expected.orders);
  });
});
