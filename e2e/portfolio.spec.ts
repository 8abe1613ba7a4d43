import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { fourShops, seedScoredShops, signUpWithNewOrg } from "./support/tenant";

/**
 * The portfolio is the organisation's home: four 服饰内衣 shops of the test's own organisation,
 * poor to excellent, scored in the background. Sorting and filtering run on the server; the view
 * lives in the URL, so a reload restores it and the back button undoes a change; the export
 * downloads exactly the rows on screen.
 */
const SCORE = /^\d\.\d{2}$/;
const SCORING_WAIT = 120_000;

/** The table at desktop width: its visible body rows. */
const visibleRows = (page: Page) => page.getByTestId("portfolio-list").locator("tbody tr").filter({ visible: true });

async function shownScores(page: Page): Promise<number[]> {
  return (await visibleRows(page).getByTestId("portfolio-score").allTextContents()).map((text) => Number(text.trim()));
}

async function shownNames(page: Page): Promise<string[]> {
  const names: string[] = [];
  for (const row of await visibleRows(page).all()) names.push(((await row.getByRole("link").first().textContent()) ?? "").trim());
  return names;
}

test("the portfolio sorts and filters on the server, keeps its view in the URL and exports it", async ({ page }) => {
  test.setTimeout(SCORING_WAIT + 300_000);
  const tenant = await signUpWithNewOrg(page);
  const shops = fourShops();
  await seedScoredShops(page, tenant, shops);
  const home = `/o/${tenant.orgId}`;
  const rows = visibleRows(page);

  await expect(async () => {
    await page.goto(home);
    await expect(rows.getByTestId("portfolio-score").filter({ hasText: SCORE })).toHaveCount(shops.length, { timeout: 5_000 });
  }).toPass({ timeout: SCORING_WAIT, intervals: [5_000] });
  await expect(page.getByRole("heading", { name: "总览", exact: true })).toBeVisible();
  await expect(page.getByTestId("portfolio-total")).toContainText("共 4 个");

  // Lowest score first by default; the header sorts on the server, highest first on a second click.
  const scores = await shownScores(page);
  expect(scores).toEqual([...scores].sort((a, b) => a - b));
  await page.getByTestId("portfolio-list-sort-overall").click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect.poll(() => shownScores(page)).toEqual([...scores].sort((a, b) => b - a));
  await page.getByTestId("portfolio-list-sort-name").click();
  await expect(page).toHaveURL(/sort=name/);
  const byName = shops.map((s) => s.name).sort();
  await expect.poll(() => shownNames(page)).toEqual(byName);

  // A score range: only the shops shown at or above the second-highest score stay.
  const min = [...scores].sort((a, b) => b - a)[1] ?? 0;
  const kept = scores.filter((s) => s >= min).length;
  await page.getByTestId("portfolio-score-min").fill(String(min));
  await page.getByTestId("portfolio-apply").click();
  await expect(page).toHaveURL(new RegExp(`min=${String(min).replace(".", "\\.")}`));
  await expect(rows).toHaveCount(kept);
  expect((await shownScores(page)).every((s) => s >= min)).toBe(true);
  const filteredNames = await shownNames(page);

  // A reload restores the whole view: filter, sort, the typed bound.
  await page.reload();
  await expect(rows).toHaveCount(kept);
  await expect.poll(() => shownNames(page)).toEqual(filteredNames);
  await expect(page.getByTestId("portfolio-score-min")).toHaveValue(String(min));
  await expect(page.getByTestId("portfolio-list-sort-name").locator("..")).toHaveAttribute("aria-sort", "ascending");

  // The export is the view on screen: the same rows, Chinese headers, a BOM for Excel.
  await page.getByTestId("portfolio-export").click();
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("portfolio-export-csv").click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const text = fs.readFileSync(await csv.path(), "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const lines = text.slice(1).trimEnd().split("\r\n");
  expect(lines[0]?.startsWith("名称,店铺ID/达人ID,评分日期")).toBe(true);
  expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(filteredNames);
  await page.getByTestId("portfolio-export").click();
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("portfolio-export-xlsx").click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(fs.readFileSync(await xlsx.path()).subarray(0, 2).toString()).toBe("PK");

  // Back undoes the filter, then the sort.
  await page.goBack();
  await expect(page).not.toHaveURL(/min=/);
  await expect(rows).toHaveCount(shops.length);
  await expect.poll(() => shownNames(page)).toEqual(byName);

  // A band tile filters to its band and says so in the URL.
  const topBand = page.getByTestId("portfolio-tile-band-4.8");
  const inTopBand = Number((await topBand.locator("span").nth(1).textContent())?.trim());
  await topBand.click();
  await expect(page).toHaveURL(/band=4\.8/);
  await expect(topBand).toHaveAttribute("aria-pressed", "true");
  if (inTopBand > 0) await expect(rows).toHaveCount(inTopBand);
  else await expect(page.getByText("没有符合条件的店铺或达人")).toBeVisible();
});
