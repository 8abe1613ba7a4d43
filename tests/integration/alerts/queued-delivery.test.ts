import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertDeliveries } from "@/db/schema";
import { forgetAlertQueue, registerAlertWorkers } from "@/server/alerts/deliveries";
import { evaluateAlerts } from "@/server/alerts/evaluate";
import { withTenant } from "@/server/db/tenant";
import { startBoss } from "@/server/jobs/boss";
import { startHttpReceiver } from "../../helpers/http-receiver";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { D, scoredOrganisation } from "./alert-fixture";

let t: TestDatabase;
let boss: PgBoss;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-alert-queue-"));
  process.env.KOUBEI_DATA_DIR = dataDir;
  process.env.KOUBEI_SECRET_KEY ??= "test-alert-secret-key";
  t = await openTestDatabase();
  boss = await startBoss(t.handle);
  await registerAlertWorkers(boss, t.handle, { pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  forgetAlertQueue(boss);
  await boss?.stop({ graceful: true, timeout: 10_000 });
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("alert deliveries through the job queue", () => {
  it("queues each delivery; a failed attempt is retried by pg-boss until the receiver takes it", async () => {
    const org = await scoredOrganisation(t.handle, "queued");
    const receiver = await startHttpReceiver((_request, index) => (index === 0 ? { status: 502, body: "bad gateway" } : { status: 200, body: "{}" }));
    try {
      const { endpoint } = await org.caller.alerts.createEndpoint({ name: "queued hook", channel: "webhook", target: receiver.url });
      await org.caller.alerts.createRule({ name: "one shop", rule: `overall<${org.bound}`, entity: { kind: "shop", id: org.under[0]?.id ?? "" }, endpointIds: [endpoint.id] });
      // The running workers' queue is the default.
      const [queued, ...rest] = await evaluateAlerts(t.handle, org.orgId, D);
      expect(rest).toEqual([]);
      expect(queued).toMatchObject({ status: "queued", attempts: 0 });
      const read = async () =>
        (await withTenant(t.handle, { orgId: org.orgId }, (tx) => tx.select().from(alertDeliveries).where(and(eq(alertDeliveries.orgId, org.orgId), eq(alertDeliveries.id, queued?.delivery ?? "")))))[0];
      const deadline = Date.now() + 90_000;
      while ((await read())?.status !== "sent" && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await read()).toMatchObject({ status: "sent", attempts: 2, httpStatus: 200 });
      expect(receiver.requests).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  }, 240_000);
});
