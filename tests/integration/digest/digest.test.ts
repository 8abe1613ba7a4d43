import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestDeliveries, digestRuns, notifications, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { deliverDigest, previewDigest, type DeliverDigestResult } from "@/server/digest/deliver";
import { systemScope } from "@/server/lib/scope";
import { startBoss } from "@/server/jobs/boss";
import { DIGEST_QUEUES, registerDigestWorkers } from "@/server/jobs/digest";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { mailSettings } from "@/server/mail/mailer";
import { ownerWithOrg } from "../../helpers/callers";
import { insertChecklist, LOGISTICS_PLAYBOOK } from "../../helpers/checklists";
import { startHttpReceiver } from "../../helpers/http-receiver";
import { startMailCatcher } from "../../helpers/mail-catcher";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { memberOf, storeHistory } from "../goals/goal-fixtures";

/**
 * The daily brief and weekly digest: what a member who sees every shop and a member limited to one
 * shop receive, in each one's language, in the app and by e-mail (a local SMTP receiver), once per
 * organisation, kind and day however often the run is started.
 */
let t: TestDatabase;
let mail: Awaited<ReturnType<typeof startMailCatcher>>;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let full: Awaited<ReturnType<typeof memberOf>>;
let limited: Awaited<ReturnType<typeof memberOf>>;
let first: DeliverDigestResult;
const today = todayInShanghai();
const options = () => ({ mail: mailSettings({ SMTP_URL: mail.url }), baseUrl: "http://koubei.test" });

const sentTo = (result: DeliverDigestResult, userId: string) => result.deliveries.find((d) => d.userId === userId);
const textOf = (result: DeliverDigestResult, userId: string) => JSON.stringify(sentTo(result, userId)?.rendered ?? null);

beforeAll(async () => {
  t = await openTestDatabase();
  mail = await startMailCatcher();
  owner = await ownerWithOrg(t.handle, "digest");
  const orgId = owner.org.orgId;
  const rising = await owner.caller.shops.create({ name: "上升店 DigestRising", category: "美妆", externalId: "digest-rising" });
  const granted = await owner.caller.shops.create({ name: "授权店 DigestGranted", category: "美妆", externalId: "digest-granted" });
  await storeHistory(t.handle, { orgId, kind: "shop", entityId: rising.id, ruleSet: rising.ruleSet }, today, Array.from({ length: 10 }, (_, i) => Number((4.5 + 0.01 * i).toFixed(2))));
  await storeHistory(t.handle, { orgId, kind: "shop", entityId: granted.id, ruleSet: granted.ruleSet }, today, [4.7, 4.7, 4.68, 4.66, 4.62]);
  await owner.caller.shops.createGoal({ entityId: rising.id, target: { metric: "overall" }, value: 4.8, dueDay: addDays(today, 30) });
  await owner.caller.shops.createGoal({ entityId: granted.id, target: { metric: "overall" }, value: 4.9, dueDay: addDays(today, 10) });

  full = await memberOf(t.handle, owner, "analyst", [], "en");
  limited = await memberOf(t.handle, owner, "viewer", [granted.id], "zh-CN");
  await full.caller.digest.setPreferences({ daily: true, weekly: true, inApp: true, email: true });
  await limited.caller.digest.setPreferences({ daily: true, weekly: false, inApp: true, email: false });
  first = await deliverDigest(t.handle, orgId, "daily", today, options());
}, 180_000);
afterAll(async () => {
  await mail?.close();
  await t?.close();
});

describe("the daily brief's content", () => {
  it("goes only to members who chose it, each by the channels they chose", () => {
    expect(first.ran).toBe(true);
    expect(first.deliveries.map((d) => d.userId).sort()).toEqual([full.user.id, limited.user.id].sort());
    expect(sentTo(first, full.user.id)?.channels).toEqual(["in_app", "email"]);
    expect(sentTo(first, limited.user.id)?.channels).toEqual(["in_app"]);
  });

  it("gives a member who sees every shop every shop's score, change, goal and stale data, in English", () => {
    const rendered = sentTo(first, full.user.id)?.rendered;
    expect(rendered?.title).toBe(`${owner.org.name} daily brief · ${today}`);
    expect(rendered?.sections.map((s) => s.section)).toEqual(["scores", "goals", "stale"]);
    const scores = rendered?.sections.find((s) => s.section === "scores")?.lines ?? [];
    expect(scores).toContain("授权店 DigestGranted: 4.62 (-0.04)");
    expect(scores).toContain("上升店 DigestRising: 4.59 (+0.01)");
    const goals = rendered?.sections.find((s) => s.section === "goals")?.lines ?? [];
    expect(goals).toContain(`授权店 DigestGranted · Overall score target 4.90 by ${addDays(today, 10)}: now 4.62, at risk`);
    expect(goals).toContain(`上升店 DigestRising · Overall score target 4.80 by ${addDays(today, 30)}: now 4.59, on track`);
    expect(rendered?.summary).toBe("2 shops/creators; 0 forecast to drop a band; goals: 1 on track, 1 at risk; 2 with stale data.");
    expect(rendered?.link).toBe(`http://koubei.test/o/${owner.org.orgId}/digest?kind=daily&day=${today}`);
  });

  it("gives a limited member its granted shop only, in Chinese", () => {
    const text = textOf(first, limited.user.id);
    expect(text).toContain("授权店 DigestGranted：4.62（-0.04）");
    expect(text).toContain("综合评分 目标 4.90");
    expect(text).toContain("每日简报");
    expect(text).not.toContain("DigestRising");
  });

  it("tells each member in the app, linking to the brief", async () => {
    const list = await limited.caller.notifications.list();
    expect(list.filter((n) => n.kind === "digest.daily")).toEqual([
      expect.objectContaining({ messageKey: "notifications.digest.daily", link: `/o/${owner.org.orgId}/digest?kind=daily&day=${today}`, params: expect.objectContaining({ entities: 1, goalsAtRisk: 1 }) }),
    ]);
    expect((await owner.caller.notifications.list()).filter((n) => n.kind === "digest.daily")).toEqual([]);
  });

  it("mails the brief in the member's language", async () => {
    const [caught] = await mail.waitFor(full.user.email);
    expect(caught?.subject).toBe(`${owner.org.name} daily brief · ${today}`);
    expect(caught?.text).toContain("上升店 DigestRising: 4.59 (+0.01)");
    expect(caught?.text).toContain(`http://koubei.test/o/${owner.org.orgId}/digest?kind=daily&day=${today}`);
    expect(mail.mails.filter((m) => m.to.includes(limited.user.email))).toEqual([]);
  });

  it("previews today's brief for the member asking, as it will be sent", async () => {
    const preview = await limited.caller.digest.preview({ kind: "daily" });
    expect(JSON.stringify(preview)).not.toContain("DigestRising");
    expect(preview.sections.find((s) => s.section === "scores")?.lines).toEqual(["授权店 DigestGranted：4.62（-0.04）"]);
  });
});

describe("scheduling", () => {
  it("sends nothing the second time a day's run is started, and runs again on the next day", async () => {
    const orgId = owner.org.orgId;
    const mailsBefore = mail.mails.length;
    const again = await deliverDigest(t.handle, orgId, "daily", today, options());
    expect(again).toMatchObject({ ran: false, deliveries: [] });
    const counts = await withTenant(t.handle, { orgId }, async (tx) => ({
      notifications: (await tx.select().from(notifications).where(and(eq(notifications.orgId, orgId), eq(notifications.kind, "digest.daily")))).length,
      deliveries: (await tx.select().from(digestDeliveries).where(eq(digestDeliveries.orgId, orgId))).length,
    }));
    expect(counts).toEqual({ notifications: 2, deliveries: 3 });
    expect(mail.mails.length).toBe(mailsBefore);

    const tomorrow = addDays(today, 1);
    const next = await deliverDigest(t.handle, orgId, "daily", tomorrow, options());
    expect(next.ran).toBe(true);
    expect(next.deliveries).toHaveLength(2);
    const runs = await withTenant(t.handle, { orgId }, (tx) => tx.select().from(digestRuns).where(eq(digestRuns.orgId, orgId)));
    expect(runs.map((r) => [r.kind, r.day, r.recipients, r.finishedAt !== null]).sort()).toEqual([
      ["daily", today, 2, true],
      ["daily", tomorrow, 2, true],
    ]);
    // A day nobody ran has no run and sent nothing.
    expect(runs.some((r) => r.day === addDays(today, -1))).toBe(false);
  });

  it("sends the weekly digest to the members who chose it, with the change over the week", async () => {
    const weekly = await deliverDigest(t.handle, owner.org.orgId, "weekly", today, options());
    expect(weekly.deliveries.map((d) => d.userId)).toEqual([full.user.id]);
    expect(sentTo(weekly, full.user.id)?.rendered.sections[0]?.heading).toBe("Scores and change since last week");
  });

  it("registers the brief at 08:00 Shanghai every day and the digest on Mondays", async () => {
    const boss = await startBoss(t.handle);
    try {
      await registerDigestWorkers(boss, t.handle);
      const schedules = await boss.getSchedules();
      const of = (name: string) => schedules.find((s) => s.name === name);
      expect(of(DIGEST_QUEUES.daily)).toMatchObject({ cron: "0 8 * * *", timezone: "Asia/Shanghai" });
      expect(of(DIGEST_QUEUES.weekly)).toMatchObject({ cron: "0 8 * * 1", timezone: "Asia/Shanghai" });
    } finally {
      await boss.stop({ graceful: false, timeout: 5_000 });
    }
  });
});

describe("the team's group bots", () => {
  it("receive the organisation-wide brief when they asked for it, once per day however often the run starts", async () => {
    process.env.KOUBEI_SECRET_KEY ??= "test-digest-endpoint-secret-key";
    const bots = await startHttpReceiver((request) => ({ status: 200, body: request.url.startsWith("/feishu") ? '{"code":0,"msg":"success"}' : '{"errcode":0,"errmsg":"ok"}' }));
    try {
      const feishu = await owner.caller.alerts.createEndpoint({ name: "运营群 Ops", channel: "feishu", target: `${bots.url}/feishu/hook/digest`, botSecret: "feishu-digest-secret", digestKinds: ["daily"] });
      await owner.caller.alerts.createEndpoint({ name: "周报群 Weekly", channel: "wecom", target: `${bots.url}/wecom/send?key=digest`, digestKinds: ["weekly"] });
      await owner.caller.alerts.createEndpoint({ name: "预警群 Alerts only", channel: "wecom", target: `${bots.url}/wecom/send?key=alerts` });
      const day = addDays(today, -1);
      const run = await deliverDigest(t.handle, owner.org.orgId, "daily", day, options());
      expect(run.endpoints).toBe(1);
      expect(bots.requests.map((r) => r.url)).toEqual(["/feishu/hook/digest"]);
      const text = (JSON.parse(bots.requests[0]?.body ?? "{}") as { content?: { text?: string } }).content?.text ?? "";
      // The organisation's view: both shops, whatever any one member may see.
      expect(text).toContain("DigestRising");
      expect(text).toContain("DigestGranted");
      expect(text).toContain("http://koubei.test");

      const again = await deliverDigest(t.handle, owner.org.orgId, "daily", day, options());
      expect(again.ran).toBe(false);
      expect(bots.requests).toHaveLength(1);
      const logged = (await owner.caller.alerts.deliveries()).filter((d) => d.endpointId === feishu.endpoint.id);
      expect(logged.map((d) => d.status)).toEqual(["sent"]);
    } finally {
      await bots.close();
    }
  });
});

describe("today's work in the brief", () => {
  it("tells of open checklists and their overdue items, in the reader's language; a past day's brief does not", async () => {
    const orgId = owner.org.orgId;
    const [shop] = await withTenant(t.handle, { orgId }, (tx) => tx.select({ id: shops.id }).from(shops).where(and(eq(shops.orgId, orgId), eq(shops.externalId, "digest-rising"))));
    await insertChecklist(t.handle, { orgId, entityKind: "shop", entityId: shop?.id ?? "", definition: LOGISTICS_PLAYBOOK, startDay: addDays(today, -20), appliedBy: owner.user.id });
    const brief = await withTenant(t.handle, { orgId }, (tx) => previewDigest(tx, systemScope(orgId), "daily", today, "en"));
    const work = brief.sections.find((s) => s.section === "work");
    expect(work?.lines[0]).toMatch(/^1 open checklists, [1-9]\d* items overdue$/);
    const past = await withTenant(t.handle, { orgId }, (tx) => previewDigest(tx, systemScope(orgId), "daily", addDays(today, -1), "en"));
    expect(past.sections.some((s) => s.section === "work")).toBe(false);
  });
});
