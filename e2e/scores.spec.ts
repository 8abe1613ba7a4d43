import { expect, test, type Page } from "@playwright/test";
import { ORG_PATH, signInAsDemo } from "./support/sign-in";

/**
 * Score views on the demo organisation (zh-CN). The demo's 90 days are scored in the background
 * after the server starts (today first), so the first score may take a moment to appear:
 * the panel refetches on its own while there is none, and the test waits up to two minutes.
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
  test.setTimeout(SCORING_WAIT + 60_000);
  await signInAsDemo(page);

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

test("portfolio lists every shop with its score and filters the ones at risk", async ({ page }) => {
  test.setTimeout(SCORING_WAIT + 60_000);
  await signInAsDemo(page);
  const orgId = ORG_PATH.exec(page.url())?.[1] ?? "";

  // Wait until at least one shop has a score.
  await expect(async () => {
    await page.goto(`/o/${orgId}/portfolio`);
    await expect(page.getByTestId("portfolio-list").getByTestId("portfolio-score").filter({ hasText: SCORE }).first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: SCORING_WAIT, intervals: [5_000] });
  await expect(page.getByRole("heading", { name: "评分总览" })).toBeVisible();

  const rows = page.getByTestId("portfolio-list").locator("tbody tr");
  const all = await rows.count();
  expect(all).toBeGreaterThan(0);
  await chooseFilter(page, /^低于 4\.8/);
  const below48 = await rows.count();
  expect(below48).toBeLessThanOrEqual(all);
  for (const text of await page.getByTestId("portfolio-list").locator("tbody").getByTestId("portfolio-score").allTextContents()) {
    expect(Number(text)).toBeLessThan(4.8);
  }

  await chooseFilter(page, /^全部/);
  const link = rows.first().getByRole("link");
  const name = (await link.textContent())?.trim() ?? "";
  await link.click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByTestId("score-panel")).toBeVisible();
});
