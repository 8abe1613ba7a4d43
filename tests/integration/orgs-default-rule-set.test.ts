import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { createCaller } from "@/server/api/root";
import { withTenant } from "@/server/db/tenant";
import { listMyOrganisations } from "@/server/orgs/service";
import { findUserByEmail } from "@/server/users/service";
import { callerFor, ownerWithOrg } from "../helpers/callers";
import { cliDatabase, runCli } from "../helpers/run-cli";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

/** The rule set an organisation's new shops start with (issue 16): chosen at creation, changeable, applied to new shops. */
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("an organisation's rule set for new shops", () => {
  it("starts a new shop with the organisation's choice, unless the shop names its own", async () => {
    const { caller, org } = await ownerWithOrg(t.handle, "ruleset");
    expect((await caller.orgs.current()).defaultShopRuleSet).toBe("douyin-shop-v1");
    const earlier = await caller.shops.create({ name: "早先的店 Earlier", category: "服饰内衣" });
    await caller.orgs.update({ defaultShopRuleSet: "douyin-shop-2026-07" });
    const plain = await caller.shops.create({ name: "今日规则店 Today", category: "服饰内衣" });
    const own = await caller.shops.create({ name: "旧规则店 Old", category: "服饰内衣", ruleSet: "douyin-shop-v1.1" });
    expect([plain.ruleSet, own.ruleSet]).toEqual(["douyin-shop-2026-07", "douyin-shop-v1.1"]);
    // Only shops created from now on: a shop made before keeps its rule set (the settings page's hint says so).
    expect((await caller.shops.get({ id: earlier.id })).ruleSet).toBe("douyin-shop-v1");
    // The settings page saves it through orgs.update, audited like the organisation's other settings.
    const logged = await withTenant(t.handle, { orgId: org.orgId }, (tx) => tx.select({ data: auditLog.data }).from(auditLog).where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.action, "org.update"))));
    expect(logged.map((row) => row.data)).toEqual([{ defaultShopRuleSet: "douyin-shop-2026-07" }]);
    await expect(caller.orgs.update({ defaultShopRuleSet: "douyin-creator-v1" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("takes the rule set the browser's sign-up form suggests (today's rules)", async () => {
    const email = `signup-ruleset-${Date.now()}@example.test`;
    const anonymous = createCaller({ runtime: { handle: t.handle, boss: null }, session: null, orgId: null, locale: "zh-CN", ip: "192.0.2.77" });
    await anonymous.auth.signUp({ email, password: "correct horse battery", name: "新用户", orgName: "百分制组织", orgKind: "agency", orgRuleSet: "douyin-shop-2026-07" });
    const user = await findUserByEmail(t.handle, email);
    const [org] = await listMyOrganisations(t.handle, user?.id ?? "");
    const caller = await callerFor(t.handle, user?.id ?? "", org?.orgId ?? "");
    expect((await caller.orgs.current()).defaultShopRuleSet).toBe("douyin-shop-2026-07");
  });
});

describe("koubei org create", () => {
  const db = cliDatabase("koubei-org-rule-set-");

  it("keeps douyin-shop-v1 unless told otherwise, and takes --rule-set", () => {
    const plain = runCli(["org", "create", "--name", "脚本组织 Scripted"], db.env);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.json).toMatchObject({ name: "脚本组织 Scripted", defaultShopRuleSet: "douyin-shop-v1" });
    const today = runCli(["org", "create", "--name", "今日组织 Today", "--rule-set", "douyin-shop-2026-07"], db.env);
    expect(today.json).toMatchObject({ defaultShopRuleSet: "douyin-shop-2026-07" });
    const shop = runCli(["shop", "create", "--org", "今日组织 Today", "--name", "新店", "--category", "服饰内衣"], db.env);
    expect(shop.status, shop.stderr).toBe(0);
    expect(shop.json).toMatchObject({ ruleSet: "douyin-shop-2026-07" });
    const bad = runCli(["org", "create", "--name", "坏组织", "--rule-set", "douyin-shop-v9"], db.env);
    expect(bad.status).not.toBe(0);
  });
});
