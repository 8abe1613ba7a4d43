import { eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncRuns } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { startBoss } from "@/server/jobs/boss";
import type { FakePlatform } from "@/server/sync/fake-platform/server";
import { queueDueShops, queueShopSync, registerSyncWorkers } from "@/server/sync/jobs";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { connectedShop, FAST_RETRY, startFake } from "./helpers";

let t: TestDatabase;
let boss: PgBoss;
let fake: FakePlatform;
beforeAll(async () => {
  t = await openTestDatabase();
  fake = await startFake(9, 1);
  boss = await startBoss(t.handle);
  await registerSyncWorkers(boss, t.handle, { pollingIntervalSeconds: 0.5, schedule: false, retryDelaySeconds: 1, run: { retry: FAST_RETRY } });
});
afterAll(async () => {
  await boss?.stop({ graceful: false, timeout: 5000 });
  await fake?.close();
  await t?.close();
});

async function runsWhen(handle: TestDatabase["handle"], orgId: string, done: (runs: (typeof syncRuns.$inferSelect)[]) => boolean, timeoutMs = 60_000) {
  const start = Date.now();
  for (;;) {
    const runs = await withTenant(handle, { orgId }, (tx) => tx.select().from(syncRuns).where(eq(syncRuns.orgId, orgId)).orderBy(syncRuns.startedAt));
    if (done(runs) || Date.now() - start > timeoutMs) return runs;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("sync jobs on pg-boss", () => {
  it("one run per shop at a time: a burst of requests for a shop becomes one job", async () => {
    const a = await connectedShop(t.handle, fake, "jobsA");
    const job = { orgId: a.org.orgId, shopId: a.shop.id, trigger: "push" as const };
    const ids = [await queueShopSync(boss, job), await queueShopSync(boss, job), await queueShopSync(boss, job)];
    expect(ids[0]).toBeTruthy();
    expect(ids.slice(1)).toEqual([null, null]);
    const runs = await runsWhen(t.handle, a.org.orgId, (r) => r.some((run) => run.status === "succeeded"));
    expect(runs.map((r) => [r.status, r.errorKey, r.errorDetail])).toEqual([["succeeded", null, null]]);
    expect(runs[0]?.trigger).toBe("push");
  });

  it("a run that fails for a retryable reason is retried by the queue with back-off, and resumes", async () => {
    const b = await connectedShop(t.handle, fake, "jobsB");
    fake.faults.add({ kind: "code", code: 20000, subCode: "isp.service-unavailable", method: "shop.getExperienceScore", times: FAST_RETRY.attempts });
    await queueShopSync(boss, { orgId: b.org.orgId, shopId: b.shop.id, trigger: "schedule" });
    const runs = await runsWhen(t.handle, b.org.orgId, (r) => r.some((run) => run.status === "succeeded"));
    expect(runs.map((r) => r.status)).toEqual(["failed", "succeeded"]);
    expect(runs[0]?.errorKey).toBe("errors.sync.platformUnavailable");
    // The first attempt committed its facts; the retry found nothing left to pull.
    expect(runs[0]?.counts?.orders?.inserted).toBeGreaterThan(0);
    expect(runs[1]?.counts?.orders?.pulled).toBe(0);
  });

  it("the tick queues the shops whose interval has passed, and not the paused ones", async () => {
    const c = await connectedShop(t.handle, fake, "jobsC");
    const d = await connectedShop(t.handle, fake, "jobsD");
    await d.caller.sync.setPaused({ shopId: d.shop.id, paused: true });
    expect(await queueDueShops(t.handle, boss)).toBeGreaterThanOrEqual(1);
    const runs = await runsWhen(t.handle, c.org.orgId, (r) => r.some((run) => run.status === "succeeded"));
    expect(runs.map((r) => r.trigger)).toEqual(["schedule"]);
    expect(await runsWhen(t.handle, d.org.orgId, () => true)).toEqual([]);
  });
});
