import ExcelJS from "exceljs";
import { and, count, eq } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as entityReport } from "@/app/api/reports/entity/route";
import { GET as organisationReport } from "@/app/api/reports/organisation/route";
import { scoreSnapshots, shops } from "@/db/schema";
import type { ScoreExplanation } from "@/lib/contracts/explanation";
import type { RouteEnv } from "@/server/api/route-scope";
import { withTenant } from "@/server/db/tenant";
import { findUserById } from "@/server/users/service";
import { ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { memberOf, merchantWithScores, SCORED_DAY } from "../directory/helpers";

/** A shop name a spreadsheet would run as a formula, and a full-width one Chinese input methods type. */
const HYPERLINK = '=HYPERLINK("http://evil.test","点我")';
const FULL_WIDTH_PLUS = "＋1";

let t: TestDatabase;
let merchant: Awaited<ReturnType<typeof merchantWithScores>>;
let explanation: ScoreExplanation;

const envOf = async (userId: string): Promise<RouteEnv> => {
  const sessionVersion = (await findUserById(t.handle, userId))?.sessionVersion ?? 1;
  return { runtime: async () => ({ handle: t.handle, boss: null }), session: async () => ({ userId, sessionVersion }) };
};
const get = (route: typeof entityReport, env: RouteEnv, query: string, orgId = merchant.org.orgId) =>
  route(new Request(`http://koubei.test/api/reports/x?org=${orgId}&${query}`, { headers: { "accept-language": "zh-CN" } }), undefined, env);
/** The body as written: Response.text() would drop the BOM. */
const textOf = async (response: Response) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
const csvRows = (text: string) => Papa.parse<string[]>(text.slice(1).trimEnd(), { newline: "\r\n" }).data;
async function sheetOf(response: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { sheet, rows };
}

/** Every number the explanation shows, in the order of the files' columns (overall, dimensions, each indicator's value and percentile). */
function explainedNumbers(x: ScoreExplanation): (number | null)[] {
  const dimensions = x.dimensions.map((d) => d.scoreShown);
  const indicators = x.dimensions.flatMap((d) => d.indicators.flatMap((i) => (i.missing ? [null, null] : [i.value, i.percentile])));
  return [x.overallShown, ...dimensions, ...indicators];
}

beforeAll(async () => {
  t = await openTestDatabase();
  merchant = await merchantWithScores(t.handle, "report");
  // The scored second shop gets a hostile name; a third, unscored one a full-width one.
  await withTenant(t.handle, { orgId: merchant.org.orgId }, (tx) => tx.update(shops).set({ name: HYPERLINK }).where(and(eq(shops.orgId, merchant.org.orgId), eq(shops.id, merchant.other.id))));
  await merchant.caller.shops.create({ name: FULL_WIDTH_PLUS, category: "beauty", externalId: "-1" });
  const score = await merchant.caller.scores.shop({ id: merchant.shop.id });
  if (!score.latest) throw new Error("the shop was not scored");
  explanation = score.latest.explanation;
}, 240_000);
afterAll(async () => {
  await t?.close();
});

describe("one entity's score history", () => {
  it("is a CSV with a BOM and bilingual headers, a line per stored day, the newest day equal to the stored explanation", async () => {
    const response = await get(entityReport, await envOf(merchant.user.id), `kind=shop&id=${merchant.shop.id}&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`${merchant.shop.name}-评分历史-${SCORED_DAY}.csv`)}`);
    const text = await textOf(response);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...lines] = csvRows(text);
    expect(header?.slice(0, 5)).toEqual(["日期 / Day", "状态 / State", "有效订单 / Valid orders", "总分 / Overall", "档位 / Band"]);
    expect(header).toContain("好评率 / Good review rate");
    expect(header).toContain("好评率同行百分位 / Good review rate peer percentile");
    const [stored] = await withTenant(t.handle, { orgId: merchant.org.orgId }, (tx) =>
      tx.select({ n: count() }).from(scoreSnapshots).where(and(eq(scoreSnapshots.orgId, merchant.org.orgId), eq(scoreSnapshots.entityId, merchant.shop.id))),
    );
    expect(lines).toHaveLength(stored?.n ?? -1);
    expect(lines.length).toBeGreaterThan(30);
    const newest = lines.at(-1) ?? [];
    expect(newest[0]).toBe(SCORED_DAY);
    expect(newest[1]).toBe("已评分");
    expect(newest[2]).toBe(String(explanation.validOrders));
    expect(newest[4]).toBe(explanation.band?.meaningZh);
    const numbers = [newest[3], ...newest.slice(5)];
    expect(numbers).toEqual(explainedNumbers(explanation).map((n) => (n === null ? "" : String(n))));
  });

  it("keeps the history days the chart shows: overall and dimensions as shown", async () => {
    const score = await merchant.caller.scores.shop({ id: merchant.shop.id });
    const response = await get(entityReport, await envOf(merchant.user.id), `kind=shop&id=${merchant.shop.id}&format=csv`);
    const byDay = new Map(csvRows(await textOf(response)).slice(1).map((line) => [line[0], line]));
    const scoredDays = score.history.filter((p) => p.overallShown !== null);
    expect(scoredDays.length).toBeGreaterThan(10);
    for (const point of scoredDays) {
      const line = byDay.get(point.day);
      expect(line?.[3], point.day).toBe(String(point.overallShown));
      expect(line?.slice(5, 8), point.day).toEqual(score.dimensions.map((d) => String(point.dimensions[d.code])));
    }
  });

  it("is an XLSX whose newest row holds the explanation's numbers as numbers", async () => {
    const response = await get(entityReport, await envOf(merchant.user.id), `kind=shop&id=${merchant.shop.id}&format=xlsx`);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    const { rows } = await sheetOf(response);
    expect(rows[0]?.[0]).toBe("日期 / Day");
    const newest = rows.at(-1) ?? [];
    expect(newest[0]).toBe(SCORED_DAY);
    const numbers = [newest[3], ...newest.slice(5)];
    expect(numbers).toEqual(explainedNumbers(explanation).map((n) => n ?? undefined));
  });

  it("works the same for a creator account, and refuses a bad format", async () => {
    const env = await envOf(merchant.user.id);
    const creator = await get(entityReport, env, `kind=creator&id=${merchant.creator.id}&format=csv`);
    expect(creator.status).toBe(200);
    expect(csvRows(await textOf(creator))[0]?.[0]).toBe("日期 / Day");
    const bad = await get(entityReport, env, `kind=shop&id=${merchant.shop.id}&format=docx`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { messageKey: "errors.reportFormat" } });
  });
});

describe("the organisation's latest scores", () => {
  it("lists every visible entity with its newest explanation's numbers, formula cells escaped (CSV)", async () => {
    const response = await get(organisationReport, await envOf(merchant.user.id), "format=csv");
    expect(response.status).toBe(200);
    const text = await textOf(response);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...lines] = csvRows(text);
    expect(header?.slice(0, 5)).toEqual(["类型 / Kind", "名称 / Name", "店铺ID/达人ID / Platform id", "规则 / Rule set", "日期 / Day"]);
    expect(lines.map((l) => l[1]).sort()).toEqual([`'${FULL_WIDTH_PLUS}`, `'${HYPERLINK}`, merchant.shop.name, merchant.creator.name].sort());
    expect(lines.find((l) => l[1] === `'${FULL_WIDTH_PLUS}`)?.[2]).toBe("'-1");
    // No cell of the file starts a formula.
    for (const line of lines) for (const cell of line) expect(cell).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
    const scored = lines.find((l) => l[1] === merchant.shop.name) ?? [];
    expect(scored[4]).toBe(SCORED_DAY);
    const shopColumns = header ?? [];
    // The file's indicators are the union of the rule sets in use; this shop's are found by header.
    const x = explanation;
    expect(scored[shopColumns.indexOf("总分 / Overall")]).toBe(String(x.overallShown));
    for (const d of x.dimensions) expect(scored[shopColumns.indexOf(`${d.nameZh} / ${d.nameEn}`)]).toBe(String(d.scoreShown));
    for (const i of x.dimensions.flatMap((d) => d.indicators)) {
      expect(scored[shopColumns.indexOf(`${i.nameZh} / ${i.nameEn}`)], i.code).toBe(i.value === null ? "" : String(i.value));
      expect(scored[shopColumns.indexOf(`${i.nameZh}同行百分位 / ${i.nameEn} peer percentile`)], i.code).toBe(i.percentile === null ? "" : String(i.percentile));
    }
  });

  it("writes XLSX with escaped text cells and numbers as numbers", async () => {
    const response = await get(organisationReport, await envOf(merchant.user.id), "format=xlsx");
    const { sheet, rows } = await sheetOf(response);
    const names = rows.slice(1).map((r) => r[1]);
    expect(names).toContain(`'${HYPERLINK}`);
    expect(names).toContain(`'${FULL_WIDTH_PLUS}`);
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const scored = rows.find((r) => r[1] === merchant.shop.name) ?? [];
    expect(scored[(rows[0] ?? []).indexOf("总分 / Overall")]).toBe(explanation.overallShown);
  });

  it("shows a limited member only their granted shops, and refuses them the others", async () => {
    const viewer = await memberOf(t.handle, merchant, "viewer", [merchant.shop.id]);
    const me = await viewer.auth.me();
    const env = await envOf(me.user?.id ?? "");
    const lines = csvRows(await textOf(await get(organisationReport, env, "format=csv"))).slice(1);
    expect(lines.map((l) => l[1])).toEqual([merchant.shop.name]);
    expect((await get(entityReport, env, `kind=shop&id=${merchant.shop.id}&format=csv`)).status).toBe(200);
    expect((await get(entityReport, env, `kind=shop&id=${merchant.other.id}&format=xlsx`)).status).toBe(404);
    expect((await get(entityReport, env, `kind=creator&id=${merchant.creator.id}&format=csv`)).status).toBe(404);
    expect((await get(entityReport, env, `kind=shop&id=${merchant.other.id}&format=pdf`)).status).toBe(404);
  });

  it("refuses another organisation's member, naming either organisation", async () => {
    const outsider = await ownerWithOrg(t.handle, "outsider");
    const env = await envOf(outsider.user.id);
    expect((await get(organisationReport, env, "format=csv")).status).toBe(403);
    expect((await get(entityReport, env, `kind=shop&id=${merchant.shop.id}&format=csv`)).status).toBe(403);
    const own = await get(entityReport, env, `kind=shop&id=${merchant.shop.id}&format=csv`, outsider.org.orgId);
    expect(own.status).toBe(404);
    const ownAll = await textOf(await get(organisationReport, env, "format=csv", outsider.org.orgId));
    expect(ownAll).not.toContain(merchant.shop.name);
  });
});
