import { expect, test } from "@playwright/test";
import { fourShops, seedScoredShops, signUpWithNewOrg } from "./support/tenant";

/**
 * Score views (zh-CN) on an organisation of the test's own: four 服饰内衣 shops, poor to excellent,
 * imported through the bulk upload. The app scores them in the background, so the first score may
 * take a moment to appear: the panel refetches on its own while there is none, and the test waits
 * up to two minutes.
 */
const SCORE = /^\d\.\d{2}$/;
const SCORING_WAIT = 120_000;

test("shop detail shows the explained 商家体验分 of a 服饰内衣 shop", async ({ page }) => {
  test.setTimeout(SCORING_WAIT + 240_000);
  const tenant = await signUpWithNewOrg(page);
  await seedScoredShops(page, tenant, fourShops());
  await page.goto(`/o/${tenant.orgId}/shops`);

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
