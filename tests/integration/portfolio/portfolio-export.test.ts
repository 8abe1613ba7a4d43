import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportPortfolio } from "@/app/api/portfolio/export/route";
import type { RouteEnv } from "@/server/api/route-scope";
import { todayInShanghai } from "@/server/lib/time";
import { findUserById } from "@/server/users/service";
import { ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { seedPortfolio } from "./seed-portfolio";

let t: TestDatabase;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let env: RouteEnv;
const viewDay = todayInShanghai();

/** Names and aliases a spreadsheet would run as formulas, in ASCII and full width. */
const HOSTILE = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "＝1+1", "＋1", "－1", "＠A1"];

beforeAll(async () => {
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "export");
  await seedPortfolio(t.handle, { orgId: owner.org.orgId, viewDay, shops: 30, creators: 2, days: 8, ownerIds: [owner.user.id] });
  for (const [i, name] of HOSTILE.entries()) await owner.caller.shops.create({ name, alias: name, category: "beauty", externalId: `hostile-${i}` });
  const sessionVersion = (await findUserById(t.handle, owner.user.id))?.sessionVersion ?? 1;
  env = { runtime: async () => ({ handle: t.handle, boss: null }), session: async () => ({ userId: owner.user.id, sessionVersion }) };
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const download = (query: string, locale = "zh-CN") =>
  exportPortfolio(new Request(`http://koubei.test/api/portfolio/export?org=${owner.org.orgId}&${query}`, { headers: { "accept-language": locale } }), undefined, env);

/** The body as written: Response.text() would drop the BOM the file must start with. */
const bodyOf = async (response: Response) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());

describe("portfolio export", () => {
  it("writes the current view as CSV with a BOM, Chinese headers, every page, formula cells escaped", async () => {
    const response = await download("format=csv&cols=alias,overall,state&sort=name");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain(`${viewDay}.csv`);
    const text = await bodyOf(response);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("名称,店铺ID/达人ID,评分日期,别名,体验分,状态,还差有效订单");
    expect(lines).toHaveLength(1 + 30 + 2 + HOSTILE.length);
    for (const hostile of HOSTILE) expect(lines.filter((line) => line.startsWith(`'${hostile.replace(/"/g, '""')}`) || line.startsWith(`"'${hostile.replace(/"/g, '""')}`))).toHaveLength(1);
    expect(lines.some((line) => /^[=+\-@＝＋－＠]/.test(line) || line.split(",").some((cell) => /^[=+\-@＝＋－＠]/.test(cell)))).toBe(false);
  });

  it("exports only the filtered view, in English when asked", async () => {
    const response = await download("format=csv&kind=creator&cols=kind", "en");
    const lines = (await bodyOf(response)).slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("Name,Platform id,Score day,Kind");
    expect(lines.slice(1).every((line) => line.endsWith(",Creator"))).toBe(true);
    expect(lines).toHaveLength(3);
  });

  it("writes XLSX whose text cells are escaped and numbers stay numbers", async () => {
    const response = await download("format=xlsx&cols=alias,overall&sort=name");
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    expect(sheet.getRow(1).values).toEqual([undefined, "名称", "店铺ID/达人ID", "评分日期", "别名", "体验分"]);
    const names: string[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const name = String(row.getCell(1).value);
      names.push(name);
      for (let c = 1; c <= 5; c++) expect(row.getCell(c).type, `row ${n} cell ${c}`).not.toBe(ExcelJS.ValueType.Formula);
    });
    expect(names).toHaveLength(30 + 2 + HOSTILE.length);
    for (const hostile of HOSTILE) expect(names).toContain(`'${hostile}`);
    const scored = sheet.getRow(2).getCell(5).value;
    expect(typeof scored === "number" || scored === null).toBe(true);
  });

  it("carries each entity's goal beside its row once the view has one, and only then", async () => {
    const before = (await bodyOf(await download("format=csv&cols=overall&sort=name"))).split("\r\n")[0] ?? "";
    expect(before).not.toContain("目标状态");
    const shop = (await owner.caller.shops.list()).find((s) => s.externalId === "hostile-0");
    if (!shop) throw new Error("no shop");
    const due = new Date(Date.parse(`${viewDay}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    await owner.caller.shops.createGoal({ entityId: shop.id, target: { metric: "overall" }, value: 4.8, dueDay: due });
    const lines = (await bodyOf(await download("format=csv&cols=overall&sort=name"))).split("\r\n");
    expect(lines[0]).toBe("\uFEFF名称,店铺ID/达人ID,评分日期,体验分,目标状态,目标值,目标截止日期");
    const row = lines.find((line) => line.includes("hostile-0")) ?? "";
    expect(row).toMatch(new RegExp(`,(进展顺利|有风险|已达成|未达成),4\\.8,${due}$`));
    expect(lines.filter((line) => line.endsWith(",,,")).length).toBe(lines.length - 3);
  });
});
