import { expect, test, type Page } from "@playwright/test";
import { fourShops, seedScoredShops, signUpWithNewOrg } from "./support/tenant";

/**
 * From an indicator of a scored shop to the orders behind it: the drill-down's totals equal the
 * indicator's numerator and denominator, the hurting filter keeps only facts that pull it down,
 * and the exports download. Scoring runs in the background after the import, so the first score
 * may take a moment.
 */
const SCORING_WAIT = 120_000;

async function numberOf(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute("data-value"));
}

test("an indicator opens the facts behind its numerator and denominator", async ({ page }) => {
  test.setTimeout(SCORING_WAIT + 240_000);
  const tenant = await signUpWithNewOrg(page);
  await seedScoredShops(page, tenant, fourShops());
  await page.goto(`/o/${tenant.orgId}/shops`);
  const firstShop = page.getByTestId("shop-list").getByRole("link").filter({ visible: true }).first();
  await firstShop.click();
  await expect(page.getByTestId("score-overall")).toHaveText(/^\d\.\d{2}$/, { timeout: SCORING_WAIT });

  const link = page.getByTestId("score-indicator-facts-good_review_rate");
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/indicators\/good_review_rate\?day=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId("indicator-facts")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("好评率");

  // The listed facts add up to the indicator's own numbers.
  await expect(page.getByTestId("facts-agreement")).toHaveAttribute("data-agrees", "true");
  const indicatorNumerator = await numberOf(page, "facts-indicator-numerator");
  const indicatorDenominator = await numberOf(page, "facts-indicator-denominator");
  expect(indicatorDenominator).toBeGreaterThan(0);
  expect(Math.abs((await numberOf(page, "facts-total-numerator")) - indicatorNumerator)).toBeLessThan(1e-6);
  expect(Math.abs((await numberOf(page, "facts-total-denominator")) - indicatorDenominator)).toBeLessThan(1e-6);
  const table = page.getByTestId("facts-table");
  await expect(table.getByTestId("fact-ref").filter({ visible: true }).first()).toBeVisible();

  // Only the non-good reviews.
  await page.getByTestId("facts-show").selectOption("hurting");
  await expect(page.getByTestId("facts-agreement")).toContainText(/筛选后合计/);
  const hurtingRows = table.getByText("拉低").filter({ visible: true });
  const refs = table.getByTestId("fact-ref").filter({ visible: true });
  await expect(async () => expect(await hurtingRows.count()).toBe(await refs.count())).toPass();

  // The export buttons hand out files.
  const download = page.waitForEvent("download");
  await page.getByTestId("facts-export-csv").click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
});
