import { expect, test, type Page } from "@playwright/test";
import { fourShops, seedScoredShops, signUpWithNewOrg } from "./support/tenant";

/**
 * Score views (zh-CN) on an organisation of the test's own: four 服饰内衣 shops, poor to excellent,
 * imported through the bulk upload. The app scores them in the background, so the first score may
 * take a moment to appear: the panel refetches on its own while there is none, and the test waits
 * up to two minutes.
 */
const SCORE = /^\d\.\d{2}$/;
const SCORING_WAIT = 120_000;

/** The filter chips are labels around visually hidden radios: click the chip as a user does. */
async function chooseFilter(page: Page, name: RegExp) {
  const radio = page.getByRole("radio", { name });
  await page.locator("label").filter({ has: radio }).click();
  await expect(radio).toBeChecked();
}

test("shop detail shows the explained 商家体验分 of a 服饰内衣 shop @mobile", async ({ page }) => {
  test.setTimeout(SCORING_WAIT + 240_000);
  const tenant = await signUpWithNewOrg(page);
  await seedScoredShops(page, tenant, fourShops());
  await page.goto(`/o/${tenant.orgId}`);

  await page.getByLabel("主营类目").selectOption({ label: "服饰内衣" });
  const firstShop = page.getByTestId("shop-list").getByRole("link").filter({ visible: true }).first();
  await expect(firstShop).toBeVisible();
  const shopName = (await firstShop.textContent())?.trim() ?? "";
  await firstShop.click();
  await expect(page.getByRole("heading", { name: shopName })).toBeVisible();

  const panel = page.getByTestId("score-panel");
  await expect(panel.getByRole("heading", { name: "商家体验分" })).toBeVisible();
  await expect(page.getByTestId("score-overall")).toHaveText(SCORE, { timeout: SCORING_WAIT });
  await expect(page.getByTestId("score-threshold")).toContainText("当前档位");

  for (const dimension of ["product", "logistics", "service"] as const) {
    const card = page.getByTestId(`score-dimension-${dimension}`);
    await expect(card).toBeVisible();
    await expect(card).toContainText(/\d\.\d{2}/);
  }
  await expect(page.getByTestId("score-dimension-product")).toContainText("商品体验");

  const indicators = page.locator('[data-testid^="score-indicator-"]');
  await expect(indicators.filter({ hasText: /超过 \d+% 同行/ }).first()).toBeVisible();
  await expect(page.getByTestId("score-indicator-good_review_rate")).toContainText(/\d+(\.\d+)?%/);

  const history = page.getByTestId("score-history");
  await expect(history).toBeVisible();
  await expect(history.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(page.getByTestId("score-history-summary")).toContainText(/\d\.\d{2}/);
});

test("portfolio lists every shop with its score and filters the ones at risk @mobile", async ({ page }) => {
  test.setTimeout(SCORING_WAIT + 240_000);
  const tenant = await signUpWithNewOrg(page);
  const shops = fourShops();
  await seedScoredShops(page, tenant, shops);
  const orgId = tenant.orgId;

  // The table at desktop width, a list of cards at phone width: the rows are whichever is shown.
  const rows = visibleRows(page);
  // Wait until at least one shop has a score, then until every seeded shop has one.
  await expect(async () => {
    await page.goto(`/o/${orgId}/portfolio`);
    await expect(rows.getByTestId("portfolio-score").filter({ hasText: SCORE }).first()).toBeVisible({ timeout: 5_000 });
    await expect(rows.getByTestId("portfolio-score").filter({ hasText: SCORE })).toHaveCount(shops.length, { timeout: 5_000 });
  }).toPass({ timeout: SCORING_WAIT, intervals: [5_000] });
  await expect(page.getByRole("heading", { name: "评分总览" })).toBeVisible();

  const all = await rows.count();
  expect(all).toBeGreaterThan(0);
  expect(all).toBe(shops.length);
  const scoreByName = await shopScores(page);
  expect([...scoreByName.keys()].sort()).toEqual(shops.map((s) => s.name).sort());
  const atRisk = [...scoreByName].filter(([, score]) => score < 4.8).map(([name]) => name).sort();
  // The seeded qualities run from poor to excellent: the filter has shops to keep and to drop.
  expect(atRisk.length).toBeGreaterThan(0);
  expect(atRisk.length).toBeLessThan(all);

  await chooseFilter(page, /^低于 4\.8/);
  await expect(rows).toHaveCount(atRisk.length);
  const below48 = await rows.count();
  expect(below48).toBeLessThanOrEqual(all);
  expect([...(await shopScores(page)).keys()].sort()).toEqual(atRisk);
  for (const text of await page.getByTestId("portfolio-list").locator("tbody").getByTestId("portfolio-score").allTextContents()) {
    expect(Number(text)).toBeLessThan(4.8);
  }

  await chooseFilter(page, /^全部/);
  await expect(rows).toHaveCount(all);
  const link = rows.first().getByRole("link");
  const name = (await link.textContent())?.trim() ?? "";
  await link.click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByTestId("score-panel")).toBeVisible();
});

function visibleRows(page: Page) {
  return page.getByTestId("portfolio-list").locator("tbody tr, ul > li").filter({ visible: true });
}

/** The listed shops' names and shown scores, read from the portfolio as a user reads it. */
async function shopScores(page: Page): Promise<Map<string, number>> {
  const scores = new Map<string, number>();
  for (const row of await visibleRows(page).all()) {
    const name = (await row.getByRole("link").first().textContent())?.trim() ?? "";
    scores.set(name, Number((await row.getByTestId("portfolio-score").textContent())?.trim()));
  }
  return scores;
}
