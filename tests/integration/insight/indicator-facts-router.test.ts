import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as factsFile } from "@/app/api/insight/facts/route";
import { orders } from "@/db/schema";
import type { RouteEnv } from "@/server/api/route-scope";
import { withTenant } from "@/server/db/tenant";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { refreshAllStaleRollups } from "@/server/scoring/refresh";
import { findUserById } from "@/server/users/service";
import { loadCanonicalSamples } from "../../helpers/canonical-samples";
import { ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/** insight.indicatorFacts through the router: one page, sorted and filtered, with totals equal to the indicator's numbers. */
let t: TestDatabase;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let shopId: string;
const DAY = "2026-05-20";

beforeAll(async () => {
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "insight");
  shopId = (await owner.caller.shops.create({ name: "明细店", category: "beauty" })).id;
  const sample = loadCanonicalSamples().shops.find((s) => s.key === "s002");
  if (!sample) throw new Error("no sample shop s002");
  await withTenant(t.handle, { orgId: owner.org.orgId }, (tx) => insertShopFacts(tx, owner.org.orgId, shopId, sample.facts));
  // A product name a spreadsheet would run as a formula: the export must show it as text.
  await withTenant(t.handle, { orgId: owner.org.orgId }, (tx) =>
    tx.update(orders).set({ productName: "=HYPERLINK(\"http://evil.test\")" }).where(and(eq(orders.orgId, owner.org.orgId), eq(orders.shopId, shopId))),
  );
  await refreshAllStaleRollups(t.handle);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe("insight.indicatorFacts", () => {
  it("totals every listed fact to the indicator's numerator and denominator, and pages through them", async () => {
    const first = await owner.caller.insight.indicatorFacts({ kind: "shop", id: shopId, indicator: "good_review_rate", day: DAY, pageSize: 20 });
    expect(first.indicator.numerator).not.toBeNull();
    expect(Math.abs(first.totals.numerator - (first.indicator.numerator ?? NaN))).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(first.totals.denominator - (first.indicator.denominator ?? NaN))).toBeLessThanOrEqual(1e-6);
    expect(first.filtered.count).toBe(first.totals.count);
    expect(first.filtered.numerator).toBeCloseTo(first.totals.numerator, 9);
    expect(first.rows).toHaveLength(20);
    expect(first.pageCount).toBe(Math.ceil(first.totals.count / 20));
    const second = await owner.caller.insight.indicatorFacts({ kind: "shop", id: shopId, indicator: "good_review_rate", day: DAY, pageSize: 20, page: 2 });
    expect(second.page).toBe(2);
    const firstKeys = new Set(first.rows.map((r) => `${r.ref}|${r.day}`));
    expect(second.rows.some((r) => firstKeys.has(`${r.ref}|${r.day}`))).toBe(false);
    // Newest anchor day first by default.
    expect(first.rows.map((r) => r.day)).toEqual([...first.rows.map((r) => r.day)].sort().reverse());
  });

  it("filters to the facts that pull the indicator down, by day range and by text, and sorts", async () => {
    const hurting = await owner.caller.insight.indicatorFacts({ kind: "shop", id: shopId, indicator: "good_review_rate", day: DAY, show: "hurting", pageSize: 500 });
    expect(hurting.rows.length).toBeGreaterThan(0);
    for (const row of hurting.rows) {
      expect(row.hurting).toBe(true);
      expect(row.stars).toBeLessThan(4);
      expect(row.numerator).toBe(0);
    }
    expect(hurting.filtered.count).toBeLessThan(hurting.totals.count);

    const someRow = hurting.rows[0];
    if (!someRow) throw new Error("no row");
    const found = await owner.caller.insight.indicatorFacts({ kind: "shop", id: shopId, indicator: "good_review_rate", day: DAY, search: someRow.ref });
    expect(found.rows.map((r) => r.ref)).toContain(someRow.ref);
    expect(found.rows.every((r) => r.ref.includes(someRow.ref) || (r.productName ?? "").includes(someRow.ref))).toBe(true);

    const ranged = await owner.caller.insight.indicatorFacts({ kind: "shop", id: shopId, indicator: "good_review_rate", day: DAY, from: "2026-04-01", to: "2026-04-30", pageSize: 500 });
    expect(ranged.rows.length).toBeGreaterThan(0);
    expect(ranged.rows.every((r) => r.day >= "2026-04-01" && r.day <= "2026-04-30")).toBe(true);

    const slowest = await owner.caller.insight.indicatorFacts({ kind: "shop", id: shopId, indicator: "avg_delivery_hours", day: DAY, sort: "hours", direction: "desc", pageSize: 500 });
    const hours = slowest.rows.map((r) => r.hours ?? NaN);
    expect(hours).toEqual([...hours].sort((a, b) => b - a));
    expect(Math.abs(slowest.totals.numerator - (slowest.indicator.numerator ?? NaN))).toBeLessThanOrEqual(1e-6);
  });

  it("computes a day the history does not hold, and refuses an unknown indicator", async () => {
    const later = await owner.caller.insight.indicatorFacts({ kind: "shop", id: shopId, indicator: "quality_return_rate", day: "2026-08-01" });
    expect(later.day).toBe("2026-08-01");
    expect(Math.abs(later.totals.denominator - (later.indicator.denominator ?? 0))).toBeLessThanOrEqual(1e-6);
    await expect(owner.caller.insight.indicatorFacts({ kind: "shop", id: shopId, indicator: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("the facts export", () => {
  const env = (): RouteEnv => ({
    runtime: async () => ({ handle: t.handle, boss: null }),
    session: async () => ({ userId: owner.user.id, sessionVersion: (await findUserById(t.handle, owner.user.id))?.sessionVersion ?? 1 }),
  });
  const request = (query: string, locale: string) =>
    new Request(`http://koubei.test/api/insight/facts?org=${owner.org.orgId}&kind=shop&id=${shopId}&day=${DAY}&${query}`, { headers: { "x-koubei-locale": locale } });

  it("writes CSV with a BOM, headers in the reader's language, one line per fact and formulas neutralised", async () => {
    const page = await owner.caller.insight.indicatorFacts({ kind: "shop", id: shopId, indicator: "quality_return_rate", day: DAY });
    const response = await factsFile(request("indicator=quality_return_rate&format=csv", "zh-CN"), undefined, env());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines[0]).toContain("订单号");
    expect(lines[0]).toContain("离开窗口日");
    expect(lines).toHaveLength(page.totals.count + 1);
    expect(text).toContain("'=HYPERLINK");
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it("writes XLSX whose numerator and denominator columns add up to the indicator, filtered as asked", async () => {
    const page = await owner.caller.insight.indicatorFacts({ kind: "shop", id: shopId, indicator: "avg_delivery_hours", day: DAY });
    const response = await factsFile(request("indicator=avg_delivery_hours&format=xlsx", "en"), undefined, env());
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => header.indexOf(name) + 1;
    expect(column("Numerator share")).toBeGreaterThan(0);
    let numerator = 0;
    let denominator = 0;
    sheet.eachRow((row, index) => {
      if (index === 1) return;
      numerator += Number(row.getCell(column("Numerator share")).value);
      denominator += Number(row.getCell(column("Denominator share")).value);
      expect(String(row.getCell(column("Product")).value)).toMatch(/^'=/);
    });
    expect(sheet.rowCount).toBe(page.totals.count + 1);
    expect(Math.abs(numerator - (page.indicator.numerator ?? NaN))).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(denominator - (page.indicator.denominator ?? NaN))).toBeLessThanOrEqual(1e-6);

    const filtered = await factsFile(request("indicator=avg_delivery_hours&format=csv&show=hurting", "en"), undefined, env());
    const lines = (await filtered.text()).trim().split("\r\n");
    const hurting = await owner.caller.insight.indicatorFacts({ kind: "shop", id: shopId, indicator: "avg_delivery_hours", day: DAY, show: "hurting" });
    expect(lines).toHaveLength(hurting.filtered.count + 1);
  });

  it("refuses an unknown format and a bad id as bad input", async () => {
    const format = await factsFile(request("indicator=avg_delivery_hours&format=pdf", "en"), undefined, env());
    expect(format.status).toBe(400);
    const badId = await factsFile(new Request(`http://koubei.test/api/insight/facts?org=${owner.org.orgId}&kind=shop&id=nope&indicator=good_review_rate`), undefined, env());
    expect(badId.status).toBe(400);
  });
});
