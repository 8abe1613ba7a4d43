import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getImport } from "@/server/imports/queries";
import { startBoss } from "@/server/jobs/boss";
import { queueImport, registerImportWorker } from "@/server/jobs/import-run";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { createOrgWithShop, SAMPLES } from "./helpers";

let t: TestDatabase;
let boss: PgBoss;
let dir: string;

beforeAll(async () => {
  t = await openTestDatabase();
  boss = await startBoss(t.handle);
  await registerImportWorker(boss, t.handle, { pollingIntervalSeconds: 0.5 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-jobs-"));
});
afterAll(async () => {
  await boss?.stop({ graceful: false, timeout: 5000 });
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function waitFor<T>(fn: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await fn();
    if (done(value) || Date.now() - start > timeoutMs) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("import.run jobs on pg-boss", () => {
  it("a queued import runs in the background and records its result", async () => {
    const org = await createOrgWithShop(t.handle, "jobs");
    const file = path.join(dir, "orders.csv");
    fs.copyFileSync(path.join(SAMPLES, "s002", "orders.csv"), file);
    const { importId, jobId } = await queueImport(t.handle, boss, org, { shopId: org.shopId, kind: "orders", sourcePath: file, fileName: "orders.csv" });
    expect(jobId).toBeTruthy();
    expect((await getImport(t.handle, org, importId)).status).toBe("queued");
    const row = await waitFor(() => getImport(t.handle, org, importId), (r) => r.status === "succeeded" || r.status === "failed");
    expect(row).toMatchObject({ status: "succeeded", inserted: 120, rejected: 0, rowsProcessed: 120, rowsTotal: 120 });
  });

  it("a refused file ends as a failed import with its reason", async () => {
    const org = await createOrgWithShop(t.handle, "jobs2");
    const file = path.join(dir, "reviews.csv");
    fs.copyFileSync(path.join(SAMPLES, "s002", "reviews.csv"), file);
    const { importId } = await queueImport(t.handle, boss, org, { shopId: org.shopId, kind: "orders", sourcePath: file, fileName: "reviews.csv" });
    const row = await waitFor(() => getImport(t.handle, org, importId), (r) => r.status === "failed" || r.status === "succeeded");
    expect(row).toMatchObject({ status: "failed", error: expect.stringMatching(/looks like a reviews file/) });
  });
});
