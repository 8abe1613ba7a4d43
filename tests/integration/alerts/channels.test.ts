import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateAlerts } from "@/server/alerts/evaluate";
import { acceptInvitation } from "@/server/invitations/service";
import { createUser } from "@/server/users/service";
import { callerFor } from "../../helpers/callers";
import { startHttpReceiver } from "../../helpers/http-receiver";
import { startMailCatcher } from "../../helpers/mail-catcher";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { D, scoredOrganisation } from "./alert-fixture";

let t: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-alert-channels-"));
  process.env.KOUBEI_DATA_DIR = dataDir;
  process.env.KOUBEI_SECRET_KEY ??= "test-alert-secret-key";
  process.env.KOUBEI_ALERT_RETRY_MS = "10";
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const hmacBase64 = (key: string, text: string) => createHmac("sha256", key).update(text).digest("base64");

describe("group bots and e-mail", () => {
  it("Feishu, WeCom and DingTalk get their own payloads, signatures and an @ of the shop's owner; members opted in get mail in their language", async () => {
    const org = await scoredOrganisation(t.handle, "bots");
    const bots = await startHttpReceiver((request) => ({ status: 200, body: request.url.startsWith("/feishu") ? '{"code":0,"msg":"success"}' : '{"errcode":0,"errmsg":"ok"}' }));
    const mail = await startMailCatcher();
    const previousSmtp = process.env.SMTP_URL;
    process.env.SMTP_URL = mail.url;
    try {
      const englishUser = await createUser(t.handle, { email: `alerts-en-${Date.now()}@example.test`, password: "correct horse battery", name: "English analyst", locale: "en" });
      const invite = await org.caller.members.invite({ role: "analyst", shopIds: [] });
      await acceptInvitation(t.handle, { token: invite.token, userId: englishUser.id });
      const english = await callerFor(t.handle, englishUser.id, org.orgId);
      await english.alerts.savePreferences({ inApp: true, email: true, mutedRuleIds: [], feishuMention: null, wecomMention: null, dingtalkMention: null });
      await org.caller.alerts.savePreferences({ inApp: true, email: true, mutedRuleIds: [], feishuMention: "ou_owner123", wecomMention: "13800000000", dingtalkMention: "ding-owner" });

      const feishu = await org.caller.alerts.createEndpoint({ name: "飞书群", channel: "feishu", target: `${bots.url}/feishu/hook/abc`, botSecret: "feishu-secret" });
      const wecom = await org.caller.alerts.createEndpoint({ name: "企业微信群", channel: "wecom", target: `${bots.url}/wecom/send?key=k-123` });
      const dingtalk = await org.caller.alerts.createEndpoint({ name: "钉钉群", channel: "dingtalk", target: `${bots.url}/dingtalk/send?access_token=tok`, botSecret: "SECding" });
      expect([feishu.secret, wecom.secret, dingtalk.secret]).toEqual([null, null, null]);
      const target = org.under[0];
      await org.caller.alerts.createRule({ name: "低分预警", rule: `overall<${org.bound}`, entity: { kind: "shop", id: target?.id ?? "" }, endpointIds: [feishu.endpoint.id, wecom.endpoint.id, dingtalk.endpoint.id] });

      const before = Date.now();
      const deliveries = await evaluateAlerts(t.handle, org.orgId, D, { boss: null });
      expect(deliveries.map((d) => d.channel).sort()).toEqual(["dingtalk", "email", "email", "feishu", "wecom"]);
      expect(deliveries.every((d) => d.status === "sent")).toBe(true);

      const feishuRequest = bots.requests.find((r) => r.url.startsWith("/feishu"));
      const feishuBody = JSON.parse(feishuRequest?.body ?? "{}") as { timestamp: string; sign: string; msg_type: string; content: { text: string } };
      expect(Number(feishuBody.timestamp) * 1000).toBeGreaterThanOrEqual(before - 1000);
      expect(feishuBody.sign).toBe(hmacBase64(`${feishuBody.timestamp}\nfeishu-secret`, ""));
      expect(feishuBody.msg_type).toBe("text");
      expect(feishuBody.content.text).toContain(target?.name);
      expect(feishuBody.content.text).toContain('<at user_id="ou_owner123">');
      expect(feishuBody.content.text).toContain("口碑分预警：低分预警");

      const wecomRequest = bots.requests.find((r) => r.url.startsWith("/wecom"));
      expect(wecomRequest?.url).toBe("/wecom/send?key=k-123");
      const wecomBody = JSON.parse(wecomRequest?.body ?? "{}") as { msgtype: string; text: { content: string; mentioned_list: string[]; mentioned_mobile_list: string[] } };
      expect(wecomBody).toMatchObject({ msgtype: "text", text: { mentioned_list: [], mentioned_mobile_list: ["13800000000"] } });
      expect(wecomBody.text.content).toContain(target?.name);

      const dingRequest = bots.requests.find((r) => r.url.startsWith("/dingtalk"));
      const dingUrl = new URL(`http://x${dingRequest?.url ?? ""}`);
      const timestamp = dingUrl.searchParams.get("timestamp") ?? "";
      expect(dingUrl.searchParams.get("access_token")).toBe("tok");
      expect(Number(timestamp)).toBeGreaterThanOrEqual(before - 1000);
      expect(dingUrl.searchParams.get("sign")).toBe(hmacBase64("SECding", `${timestamp}\nSECding`));
      expect(dingRequest?.url).toContain(`sign=${encodeURIComponent(hmacBase64("SECding", `${timestamp}\nSECding`)).replace(/%20/g, "+")}`);
      const dingBody = JSON.parse(dingRequest?.body ?? "{}") as { msgtype: string; text: { content: string }; at: { atUserIds: string[]; atMobiles: string[] } };
      expect(dingBody).toMatchObject({ msgtype: "text", at: { atUserIds: ["ding-owner"], atMobiles: [] } });
      expect(dingBody.text.content).toContain("@ding-owner");

      const [ownerMail] = await mail.waitFor(org.user.email);
      expect(ownerMail?.subject).toBe("口碑分预警：低分预警");
      expect(ownerMail?.text).toContain(target?.name);
      const [englishMail] = await mail.waitFor(englishUser.email);
      expect(englishMail?.subject).toBe("Koubei alert: 低分预警");
      expect(englishMail?.text).toContain("overall score is");
    } finally {
      if (previousSmtp === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = previousSmtp;
      await bots.close();
      await mail.close();
    }
  });

  it("a bot that answers with its own error code is a failed delivery; send test reports it", async () => {
    const org = await scoredOrganisation(t.handle, "botfail");
    const bot = await startHttpReceiver(() => ({ status: 200, body: '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}' }));
    try {
      const { endpoint } = await org.caller.alerts.createEndpoint({ name: "飞书", channel: "feishu", target: `${bot.url}/f`, botSecret: "wrong" });
      const result = await org.caller.alerts.testEndpoint({ id: endpoint.id });
      expect(result).toMatchObject({ ok: false, httpStatus: 200 });
      expect(result.error).toContain("19021");
      const [logged] = await org.caller.alerts.deliveries();
      expect(logged).toMatchObject({ status: "failed", attempts: 1, channel: "feishu" });
      const text = (JSON.parse(bot.requests[0]?.body ?? "{}") as { content: { text: string } }).content.text;
      expect(text).toContain("口碑 Koubei 测试消息");
    } finally {
      await bot.close();
    }
  });
});
