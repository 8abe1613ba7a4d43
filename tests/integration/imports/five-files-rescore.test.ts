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

    const jobs = rowsOf<{ n: number }>(
      await db.handle.db.execute(sql`select count(*)::int as n from pgboss.job where name = ${RESCORE_QUEUE} and singleton_key = ${orgId}`),
    );
    expect(jobs[0]?.n).toBe(1);

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
