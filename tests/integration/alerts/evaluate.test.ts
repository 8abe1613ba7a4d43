import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertDeliveries, auditLog, notifications } from "@/db/schema";
import { evaluateAlerts } from "@/server/alerts/evaluate";
import { withTenant } from "@/server/db/tenant";
import { acceptInvitation } from "@/server/invitations/service";
import { createUser } from "@/server/users/service";
import { callerFor, trpcCodeOf } from "../../helpers/callers";
import { startHttpReceiver } from "../../helpers/http-receiver";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { D, scoredOrganisation } from "./alert-fixture";

let t: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-alerts-"));
  process.env.KOUBEI_DATA_DIR = dataDir;
  process.env.KOUBEI_SECRET_KEY ??= "test-alert-secret-key";
  process.env.KOUBEI_ALERT_RETRY_MS = "10";
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sign = (secret: string, body: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

describe("alert evaluation", () => {
  it("posts each newly matching shop once, signed; again only after the rule has cleared", async () => {
    const org = await scoredOrganisation(t.handle, "eval");
    const receiver = await startHttpReceiver();
    try {
      const { endpoint, secret } = await org.caller.alerts.createEndpoint({ name: "ops webhook", channel: "webhook", target: `${receiver.url}/hook` });
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      const rule = await org.caller.alerts.createRule({ name: "score under bound", rule: `overall<${org.bound}`, endpointIds: [endpoint.id] });

      const first = await evaluateAlerts(t.handle, org.orgId, D, { boss: null });
      expect(first.map((d) => d.shop?.id).sort()).toEqual(org.under.map((s) => s.id).sort());
      expect(first.every((d) => d.status === "sent" && d.httpStatus === 200 && d.attempts === 1)).toBe(true);
      expect(receiver.requests).toHaveLength(org.under.length);
      for (const request of receiver.requests) {
        expect(request.headers["x-koubei-signature"]).toBe(sign(secret ?? "", request.body));
        const body = JSON.parse(request.body) as { shop: { id: string; externalId: string }; rule: string; value: number; date: string };
        const shop = org.under.find((s) => s.id === body.shop.id);
        expect(body.shop.externalId).toBe(shop?.externalId);
        expect(body).toMatchObject({ rule: `overall<${org.bound}`, date: D });
        expect(body.value).toBe(org.overall.get(body.shop.id));
      }
      // The owner sees them in the notification centre (in-app is on by default).
      expect(await org.caller.notifications.unreadCount()).toBe(org.under.length);
      const listed = await org.caller.notifications.list();
      expect(listed.find((n) => n.kind === "alert")?.messageKey).toBe("alerts.message.threshold");

      // The same day again: nothing new.
      expect(await evaluateAlerts(t.handle, org.orgId, D, { boss: null })).toEqual([]);
      expect(receiver.requests).toHaveLength(org.under.length);

      // The rule clears (nothing is under 0), then holds again: it fires again.
      await org.caller.alerts.updateRule({ id: rule.id, rule: "overall<0" });
      expect(await evaluateAlerts(t.handle, org.orgId, D, { boss: null })).toEqual([]);
      await org.caller.alerts.updateRule({ id: rule.id, rule: `overall<${org.bound}` });
      const again = await evaluateAlerts(t.handle, org.orgId, D, { boss: null });
      expect(again).toHaveLength(org.under.length);
      expect(receiver.requests).toHaveLength(2 * org.under.length);

      const log = await org.caller.alerts.deliveries();
      expect(log).toHaveLength(2 * org.under.length);
      const actions = await withTenant(t.handle, { orgId: org.orgId }, (tx) => tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.orgId, org.orgId)));
      expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["alert_endpoint.create", "alert_rule.create", "alert_rule.update"]));
    } finally {
      await receiver.close();
    }
  });

  it("retries a failing webhook with back-off and logs the attempts; a rule limited to one shop speaks of that shop only", async () => {
    const org = await scoredOrganisation(t.handle, "retry");
    const target = org.under[0];
    const receiver = await startHttpReceiver((_request, index) => (index < 2 ? { status: 503, body: "busy" } : { status: 200, body: "{}" }));
    try {
      const { endpoint } = await org.caller.alerts.createEndpoint({ name: "flaky", channel: "webhook", target: receiver.url });
      await org.caller.alerts.createRule({ name: "one shop", rule: `overall<${org.bound}`, entity: { kind: "shop", id: target?.id ?? "" }, endpointIds: [endpoint.id] });
      const [delivery, ...rest] = await evaluateAlerts(t.handle, org.orgId, D, { boss: null });
      expect(rest).toEqual([]);
      expect(delivery).toMatchObject({ shop: { id: target?.id }, status: "sent", attempts: 3, httpStatus: 200 });
      expect(receiver.requests).toHaveLength(3);
      expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
    } finally {
      await receiver.close();
    }
    // A receiver that refuses for good: the delivery ends failed, its last answer logged.
    const refusing = await startHttpReceiver(() => ({ status: 500, body: "down" }));
    try {
      const { endpoint } = await org.caller.alerts.createEndpoint({ name: "down", channel: "webhook", target: refusing.url });
      await org.caller.alerts.createRule({ name: "all shops", rule: "overall>=0", endpointIds: [endpoint.id] });
      const deliveries = await evaluateAlerts(t.handle, org.orgId, D, { boss: null });
      expect(deliveries).toHaveLength(org.shops.length);
      expect(deliveries.every((d) => d.status === "failed" && d.attempts === 5 && d.httpStatus === 500)).toBe(true);
      const [logged] = await withTenant(t.handle, { orgId: org.orgId }, (tx) =>
        tx.select().from(alertDeliveries).where(and(eq(alertDeliveries.orgId, org.orgId), eq(alertDeliveries.id, deliveries[0]?.delivery ?? ""))),
      );
      expect(logged).toMatchObject({ status: "failed", attempts: 5, httpStatus: 500, error: "down" });
    } finally {
      await refusing.close();
    }
  });

  it("each member chooses: a muted rule and in-app off leave no notification; viewers may not create rules", async () => {
    const org = await scoredOrganisation(t.handle, "prefs");
    const viewerUser = await createUser(t.handle, { email: `alerts-viewer-${Date.now()}@example.test`, password: "correct horse battery", name: "viewer" });
    const invite = await org.caller.members.invite({ role: "viewer", shopIds: [] });
    await acceptInvitation(t.handle, { token: invite.token, userId: viewerUser.id });
    const viewer = await callerFor(t.handle, viewerUser.id, org.orgId);
    expect(await trpcCodeOf(viewer.alerts.createRule({ name: "nope", rule: "overall<5" }))).toBe("FORBIDDEN");
    expect(await trpcCodeOf(viewer.alerts.createEndpoint({ name: "nope", channel: "webhook", target: "http://127.0.0.1:9/x" }))).toBe("FORBIDDEN");
    expect(await trpcCodeOf(viewer.alerts.deliveries())).toBe("FORBIDDEN");

    const rule = await org.caller.alerts.createRule({ name: "everything", rule: "overall>=0" });
    await viewer.alerts.savePreferences({ inApp: true, email: false, mutedRuleIds: [rule.id], feishuMention: null, wecomMention: null, dingtalkMention: null });
    await org.caller.alerts.savePreferences({ inApp: false, email: false, mutedRuleIds: [], feishuMention: "ou_x", wecomMention: null, dingtalkMention: null });
    expect((await viewer.alerts.rules()).map((r) => r.rule)).toEqual(["overall>=0"]);
    await evaluateAlerts(t.handle, org.orgId, D, { boss: null });
    const notes = await withTenant(t.handle, { orgId: org.orgId }, (tx) => tx.select().from(notifications).where(eq(notifications.orgId, org.orgId)));
    expect(notes).toEqual([]);
    expect(await org.caller.alerts.preferences()).toMatchObject({ inApp: false, feishuMention: "ou_x" });
  });
});
