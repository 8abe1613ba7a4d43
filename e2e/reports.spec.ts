import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { fourShops, seedScoredShops, signUpWithNewOrg } from "./support/tenant";

/**
 * Reports (zh-CN) on an organisation of the test's own: a scored shop's printable report page shows
 * the score the shop page shows, its PDF (the page printed by the server's headless Chromium) and
 * its score history as XLSX download from the 导出 menu, and the portfolio exports every score.
 */
const SCORE = /^\d\.\d{2}$/;
const SCORING_WAIT = 120_000;

async function downloaded(page: Page, open: () => Promise<void>, timeout = 60_000): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout }), open()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

async function firstSheetRows(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

test("a scored shop's report page, its PDF and its XLSX history download; the portfolio exports every score", async ({ page }) => {
  test.setTimeout(SCORING_WAIT + 300_000);
  const tenant = await signUpWithNewOrg(page);
  await seedScoredShops(page, tenant, fourShops());
  await page.goto(`/o/${tenant.orgId}/shops`);
  const firstShop = page.getByTestId("shop-list").getByRole("link").filter({ visible: true }).first();
  const shopName = (await firstShop.textContent())?.trim() ?? "";
  await firstShop.click();
  await expect(page.getByTestId("score-overall")).toHaveText(SCORE, { timeout: SCORING_WAIT });
  const overall = (await page.getByTestId("score-overall").textContent()) ?? "";

  await page.getByTestId("entity-export").click();
  await page.getByTestId("entity-export-report").click();
  await expect(page).toHaveURL(/\/shops\/[0-9a-f-]+\/report$/);
  const report = page.getByTestId("entity-report");
  await expect(report).toHaveAttribute("data-report-ready", "true", { timeout: 60_000 });
  await expect(report.getByRole("heading", { name: shopName, level: 1 })).toBeVisible();
  await expect(page.getByTestId("report-overall")).toHaveText(overall);
  await expect(page.getByTestId("report-thresholds")).toContainText("（当前）");
  await expect(page.getByTestId("score-history")).toBeVisible();
  await expect(page.getByTestId("report-indicators-product")).toContainText("好评率");
  await expect(page.getByTestId("report-print")).toBeVisible();

  const pdf = await downloaded(page, async () => {
    await page.getByTestId("entity-export").click();
    await page.getByTestId("entity-export-pdf").click();
  }, 120_000);
  expect(pdf.name).toMatch(new RegExp(`^${shopName}-评分报告-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
  expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.bytes.length).toBeGreaterThan(10_000);

  const xlsx = await downloaded(page, async () => {
    await page.getByTestId("entity-export").click();
    await page.getByTestId("entity-export-xlsx").click();
  });
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const history = await firstSheetRows(xlsx.bytes);
  expect(history[0]?.[0]).toBe("日期 / Day");
  expect(history.length).toBeGreaterThan(2);
  expect(String(history.at(-1)?.[3])).toBe(String(Number(overall)));

  await page.goto(`/o/${tenant.orgId}`);
  const all = await downloaded(page, async () => {
    await page.getByTestId("portfolio-export").click();
    await page.getByTestId("portfolio-report-xlsx").click();
  });
  const rows = await firstSheetRows(all.bytes);
  expect(rows[0]?.[1]).toBe("名称 / Name");
  expect(rows.map((r) => r[1])).toContain(shopName);
  expect(rows).toHaveLength(1 + 4);
});
