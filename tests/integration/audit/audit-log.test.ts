import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportAuditLog } from "@/app/api/audit/export/route";
import { auditLog } from "@/db/schema";
import type { RouteEnv } from "@/server/api/route-scope";
import { withTenant } from "@/server/db/tenant";
import { saveUpload } from "@/server/imports/uploads";
import { acceptInvitation } from "@/server/invitations/service";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { createUser, findUserById } from "@/server/users/service";
import { callerFor, ownerWithOrg, trpcCodeOf } from "../../helpers/callers";
import { DOUYIN_EXPORTS_DIR } from "../../helpers/sample-paths";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
let dataDir: string;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
/** An administrator whose name reads as a spreadsheet formula: every file must show it as text. */
let admin: { id: string; caller: Awaited<ReturnType<typeof callerFor>> };
let viewer: { id: string; caller: Awaited<ReturnType<typeof callerFor>> };
const FORMULA_NAME = "=HYPERLINK(\"http://evil.test\",\"x\")";

async function member(role: "admin" | "analyst" | "viewer", name: string) {
  const user = await createUser(t.handle, { email: `audit-${role}-${Date.now()}-${Math.random()}@example.test`, password: "correct horse battery", name });
  const invite = await owner.caller.members.invite({ role });
  await acceptInvitation(t.handle, { token: invite.token, userId: user.id });
  return { id: user.id, caller: await callerFor(t.handle, user.id, owner.org.orgId) };
}

const envFor = (userId: string): RouteEnv => ({
  runtime: async () => ({ handle: t.handle, boss: null }),
  session: async () => ({ userId, sessionVersion: (await findUserById(t.handle, userId))?.sessionVersion ?? 1 }),
});

const actionsOf = async (action: string) =>
  withTenant(t.handle, { orgId: owner.org.orgId }, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.orgId, owner.org.orgId), eq(auditLog.action, action))));

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-audit-"));
  process.env.KOUBEI_DATA_DIR = dataDir;
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "audit");
  admin = await member("admin", FORMULA_NAME);
  viewer = await member("viewer", "看客 Viewer");
}, 120_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the audit trail", () => {
  it("records members and roles, weights, listings, API keys, imports and undos, each with its actor", async () => {
    const analyst = await member("analyst", "分析师 Analyst");
    await admin.caller.members.changeRole({ userId: analyst.id, role: "viewer" });
    await admin.caller.scores.setDimensionWeights({ ruleSet: "douyin-shop-v1", category: "美妆", weights: { product: 0.5, logistics: 0.25, service: 0.25 } });
    const listed = await admin.caller.shops.create({ name: "名录店", category: "美妆", externalId: "audit-listed" });
    await admin.caller.directory.list({ kind: "shop", id: listed.id, fields: ["overall"] });
    await admin.caller.directory.unlist({ kind: "shop", id: listed.id });
    const key = await admin.caller.apiKeys.create({ name: "脚本 script", scope: "read" });
    await admin.caller.apiKeys.revoke({ id: key.key.id });
    const shop = await admin.caller.shops.create({ name: "导入店", category: "beauty", externalId: "s002" });
    const upload = await saveUpload({ orgId: owner.org.orgId, userId: admin.id, fileName: "orders.csv", stream: fs.createReadStream(path.join(DOUYIN_EXPORTS_DIR, "s002", "orders.csv")) });
    const imported = await admin.caller.imports.confirm({ uploadId: upload.uploadId, shopId: shop.id, kind: "orders" });
    await admin.caller.imports.undo({ importId: imported.importId });

    const expected: [string, string | null][] = [
      ["member.role", analyst.id],
      ["weights.change", null],
      ["directory.list", `shop:${listed.id}`],
      ["directory.unlist", `shop:${listed.id}`],
      ["apiKey.create", key.key.id],
      ["apiKey.revoke", key.key.id],
      ["import.create", imported.importId],
      ["import.undo", imported.importId],
    ];
    for (const [action, target] of expected) {
      const rows = await actionsOf(action);
      expect(rows.length, action).toBeGreaterThan(0);
      const row = target ? rows.find((r) => r.target === target) : rows[0];
      expect(row, action).toBeDefined();
      expect(row?.actorUserId, action).toBe(admin.id);
    }
    expect((await actionsOf("member.role"))[0]?.data).toMatchObject({ from: "analyst", to: "viewer" });
    expect((await actionsOf("weights.change"))[0]?.data).toMatchObject({ ruleSet: "douyin-shop-v1", weights: { product: 0.5 } });
  }, 120_000);

  it("writes no row for a change that was refused (same transaction)", async () => {
    const before = (await actionsOf("weights.change")).length;
    expect(await trpcCodeOf(admin.caller.scores.setDimensionWeights({ ruleSet: "douyin-shop-v1", category: "美妆", weights: { product: 0.9, logistics: 0.3, service: 0.3 } }))).toBe("BAD_REQUEST");
    expect(await trpcCodeOf(admin.caller.scores.setDimensionWeights({ ruleSet: "no-such-rule-set", category: "美妆", weights: { product: 0.4, logistics: 0.3, service: 0.3 } }))).toBe("BAD_REQUEST");
    expect((await actionsOf("weights.change")).length).toBe(before);
  });
});

describe("the audit log viewer", () => {
  it("pages, sorts and filters on the server", async () => {
    const all = await owner.caller.audit.page({ pageSize: 100 });
    expect(all.total).toBeGreaterThanOrEqual(10);
    const times = all.rows.map((r) => r.at.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));

    const first = await owner.caller.audit.page({ pageSize: 10, page: 1 });
    const second = await owner.caller.audit.page({ pageSize: 10, page: 2 });
    expect(first.rows).toHaveLength(10);
    expect(second.rows.map((r) => r.id)).not.toEqual(expect.arrayContaining(first.rows.map((r) => r.id).slice(0, 1)));
    expect(first.total).toBe(all.total);

    const byAction = await owner.caller.audit.page({ action: "apiKey.create" });
    expect(byAction.rows.length).toBeGreaterThan(0);
    expect(byAction.rows.every((r) => r.action === "apiKey.create")).toBe(true);
    const family = await owner.caller.audit.page({ action: "apiKey." });
    expect(new Set(family.rows.map((r) => r.action))).toEqual(new Set(["apiKey.create", "apiKey.revoke"]));

    const byActor = await owner.caller.audit.page({ actorUserId: admin.id, pageSize: 100 });
    expect(byActor.rows.length).toBeGreaterThan(0);
    expect(byActor.rows.every((r) => r.actorUserId === admin.id && r.actorName === FORMULA_NAME)).toBe(true);

    const today = todayInShanghai();
    expect((await owner.caller.audit.page({ from: today, to: today })).total).toBe(all.total);
    expect((await owner.caller.audit.page({ from: addDays(today, 1) })).total).toBe(0);
    expect((await owner.caller.audit.page({ to: addDays(today, -1) })).total).toBe(0);

    const sorted = await owner.caller.audit.page({ sort: "action", direction: "asc", pageSize: 100 });
    const actions = sorted.rows.map((r) => r.action);
    expect(actions).toEqual([...actions].sort());

    const options = await owner.caller.audit.filterOptions();
    expect(options.actions).toEqual(expect.arrayContaining(["apiKey.create", "member.role", "import.undo", "weights.change"]));
    expect(options.actors.map((a) => a.id)).toEqual(expect.arrayContaining([admin.id, owner.user.id]));
  });

  it("is for owners and admins: viewers, analysts and limited members are refused", async () => {
    expect((await admin.caller.audit.page({})).total).toBeGreaterThan(0);
    const analyst = await member("analyst", "另一分析师");
    const limited = await member("viewer", "受限成员");
    await owner.caller.members.setShopGrants({ userId: limited.id, limited: true, shopIds: [] });
    for (const caller of [viewer.caller, analyst.caller, limited.caller]) {
      expect(await trpcCodeOf(caller.audit.page({}))).toBe("FORBIDDEN");
      expect(await trpcCodeOf(caller.audit.filterOptions())).toBe("FORBIDDEN");
    }
    const refused = await exportAuditLog(new Request(`http://koubei.test/api/audit/export?org=${owner.org.orgId}`), undefined, envFor(viewer.id));
    expect(refused.status).toBe(403);
  });

  it("exports CSV (with BOM) and XLSX with actions translated and formula-like cells escaped", async () => {
    const csv = await exportAuditLog(new Request(`http://koubei.test/api/audit/export?org=${owner.org.orgId}&format=csv&actor=${admin.id}`, { headers: { "accept-language": "zh-CN" } }), undefined, envFor(owner.user.id));
    expect(csv.status).toBe(200);
    // Response.text() would drop the BOM the file must start with.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain("创建 API 密钥");
    expect(text).toContain("apiKey.create");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);

    const xlsx = await exportAuditLog(new Request(`http://koubei.test/api/audit/export?format=xlsx&action=apiKey.create`, { headers: { "x-koubei-org": owner.org.orgId, "accept-language": "en" } }), undefined, envFor(admin.id));
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const cells = (sheet?.getSheetValues() ?? []).flatMap((row) => (Array.isArray(row) ? row.slice(1).map(String) : []));
    expect(cells).toContain("API key created");
    expect(cells).toContain(`'${FORMULA_NAME}`);
    expect(cells.some((cell) => cell.startsWith("="))).toBe(false);
  });
});
