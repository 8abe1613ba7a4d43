import { and, eq, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imports, rollupDirty, scoreSnapshots } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { startBoss } from "@/server/jobs/boss";
import { registerImportWorker } from "@/server/jobs/import-run";
import { registerScoringWorkers } from "@/server/jobs/scoring-refresh";
import { RESCORE_QUEUE } from "@/server/scoring/rescore";
import { fiveFilesToScore, scratchDataDir } from "../../helpers/five-files";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

describe("a shop's five files uploaded at once", () => {
  let db: TestDatabase;
  let boss: PgBoss;
  const savedDataDir = process.env.KOUBEI_DATA_DIR;
  beforeAll(async () => {
    process.env.KOUBEI_DATA_DIR = scratchDataDir();
    db = await openTestDatabase();
    boss = await startBoss(db.handle);
    await registerImportWorker(boss, db.handle);
    // Polling slower than the whole run: only the wake-up on send can start the rescore in time.
    await registerScoringWorkers(boss, db.handle, { pollingIntervalSeconds: 60, nightly: false });
  });
  afterAll(async () => {
    await boss.stop({ graceful: true, timeout: 10_000 });
    await db.close();
    process.env.KOUBEI_DATA_DIR = savedDataDir;
  });

  it("import side by side and are rescored once, after the last, with every file's facts in the score", async () => {
    const run = await fiveFilesToScore(db.handle, boss, "once", { timeoutMs: 90_000 });
    const { orgId, shopId } = run;
    const done = await withTenant(db.handle, { orgId }, (tx) =>
      tx.select({ kind: imports.kind, status: imports.status, finishedAt: imports.finishedAt, inserted: imports.inserted }).from(imports).where(eq(imports.orgId, orgId)),
    );
    expect(done.map((i) => i.kind).sort()).toEqual(["after_sales", "chats", "complaints", "orders", "reviews"]);
    expect(done.every((i) => i.status === "succeeded" && i.inserted > 0)).toBe(true);

    // One rescore did the work. Two imports ending at the same instant may both read "none
    // pending" and both ask; the queue then holds at most one more, which finds nothing dirty.
    const readJobs = async () =>
      rowsOf<{ n: number; working: number; open: number }>(
        await db.handle.db.execute(
          sql`select count(*)::int as n, count(*) filter (where (output->>'entities')::int > 0)::int as working,
            count(*) filter (where state not in ('completed', 'failed', 'cancelled'))::int as open
          from pgboss.job where name = ${RESCORE_QUEUE} and singleton_key = ${orgId}`,
        ),
      );
    // The score is readable a moment before the worker marks its job completed.
    let jobs = await readJobs();
    for (let wait = 0; (jobs[0]?.open ?? 0) > 0 && wait < 100; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      jobs = await readJobs();
    }
    expect(jobs[0]?.working).toBe(1);
    expect(jobs[0]?.n).toBeLessThanOrEqual(2);

    // Today's score was computed after the last file had committed, so it saw all five.
    const lastFinished = Math.max(...done.map((i) => i.finishedAt?.getTime() ?? Infinity));
    const snapshots = await withTenant(db.handle, { orgId }, (tx) =>
      tx
        .select({ computedAt: scoreSnapshots.computedAt, result: scoreSnapshots.result })
        .from(scoreSnapshots)
        .where(and(eq(scoreSnapshots.orgId, orgId), eq(scoreSnapshots.entityId, shopId), sql`${scoreSnapshots.result} is not null`)),
    );
    expect(snapshots.length).toBeGreaterThan(0);
    expect(Math.min(...snapshots.map((s) => s.computedAt.getTime()))).toBeGreaterThanOrEqual(lastFinished);
    const marks = await withTenant(db.handle, { orgId }, (tx) => tx.select().from(rollupDirty).where(eq(rollupDirty.orgId, orgId)));
    expect(marks).toEqual([]);
  }, 120_000);
});
