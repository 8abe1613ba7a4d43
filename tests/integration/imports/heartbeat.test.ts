import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imports } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { startHeartbeat, sweepStaleImports } from "@/server/imports/heartbeat";
import { getImport } from "@/server/imports/queries";
import { createImport } from "@/server/imports/service";
import { runQueuedImport } from "@/server/jobs/import-run";
import { translateError } from "@/server/lib/i18n";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { createOrgWithShop, SAMPLES } from "./helpers";

let t: TestDatabase;
let dir: string;

beforeAll(async () => {
  t = await openTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-heartbeat-"));
});
afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * An import whose runner died: its row says running, its file is on disk, and its last heartbeat
 * is `silentSeconds` old (what a process killed with SIGKILL leaves behind).
 */
async function importLeftRunning(label: string, silentSeconds: number) {
  const org = await createOrgWithShop(t.handle, label);
  const file = path.join(dir, `${label}-orders.csv`);
  fs.copyFileSync(path.join(SAMPLES, "s002", "orders.csv"), file);
  const importId = await createImport(t.handle, org, { shopId: org.shopId, kind: "orders", fileName: "orders.csv", sourceRef: file });
  await withTenant(t.handle, org, (tx) =>
    tx
      .update(imports)
      .set({ status: "running", startedAt: sql`now() - interval '10 minutes'`, heartbeatAt: sql`now() - make_interval(secs => ${silentSeconds})` })
      .where(and(eq(imports.orgId, org.orgId), eq(imports.id, importId))),
  );
  return { org, importId };
}

const sweptIds = async () => (await sweepStaleImports(t.handle)).map((s) => s.importId);

describe("a killed import does not stay running", () => {
  it("the sweeper fails an import silent for over a minute, in every organisation, with a reason; it can then be retried", async () => {
    const first = await importLeftRunning("dead-a", 90);
    const second = await importLeftRunning("dead-b", 3600);
    const swept = await sweptIds();
    expect(swept).toEqual(expect.arrayContaining([first.importId, second.importId]));
    const row = await getImport(t.handle, first.org, first.importId);
    expect(row).toMatchObject({ status: "failed", errorKey: "errors.import.interrupted" });
    expect(row.finishedAt).not.toBeNull();
    expect(translateError("zh-CN", row.errorKey ?? "")).toContain("可以重试");
    // Swept once: a second sweep finds nothing more to do.
    expect(await sweptIds()).not.toContain(first.importId);

    // Retryable: the same path pg-boss retries take runs the failed import again from its kept file.
    const retried = await runQueuedImport(t.handle, { orgId: first.org.orgId, userId: null, importId: first.importId });
    expect(retried).toMatchObject({ status: "succeeded", inserted: 120 });
    expect(await getImport(t.handle, first.org, first.importId)).toMatchObject({ status: "succeeded", errorKey: null });
  });

  it("leaves alone an import whose heartbeat is recent", async () => {
    const alive = await importLeftRunning("alive", 10);
    expect(await sweptIds()).not.toContain(alive.importId);
    expect((await getImport(t.handle, alive.org, alive.importId)).status).toBe("running");
  });

  it("leaves alone an import running in this process, however long its heartbeat is silent, until it stops", async () => {
    const here = await importLeftRunning("here", 600);
    const stop = startHeartbeat(t.handle, { orgId: here.org.orgId, importId: here.importId }, 3_600_000);
    try {
      expect(await sweptIds()).not.toContain(here.importId);
    } finally {
      stop();
    }
    expect(await sweptIds()).toContain(here.importId);
  });

  it.runIf(process.env.TEST_DATABASE_URL)("on PostgreSQL the heartbeat beats while the import runs, so another process sees it alive", async () => {
    const beating = await importLeftRunning("beating", 600);
    const stop = startHeartbeat(t.handle, { orgId: beating.org.orgId, importId: beating.importId }, 50);
    await new Promise((resolve) => setTimeout(resolve, 400));
    stop();
    const row = await getImport(t.handle, beating.org, beating.importId);
    expect(Date.now() - (row.heartbeatAt?.getTime() ?? 0)).toBeLessThan(5_000);
    // Now not running here any more, yet fresh: still not swept.
    expect(await sweptIds()).not.toContain(beating.importId);
  });
});
