import { expect, test, type Page } from "@playwright/test";
import { fourShops, seedScoredShops, signUpWithNewOrg } from "./support/tenant";

/**
 * Insight on a shop's score page (zh-CN): the "if nothing changes" forecast note, and a what-if
 * that moves the score the right way: the shop's good-review rate at 0% scores lower than at 100%
 * against the same peers. Scoring runs in the background after the bulk upload; the test waits.
 */
const SCORE = /^\d\.\d{2}$/;
const SCORING_WAIT = 120_000;

async function whatIfScoreWith(page: Page, goodReviewPercent: string): Promise<number> {
  await page.getByTestId("what-if-input-good_review_rate").fill(goodReviewPercent);
  // Recomputed once typing pauses (a debounce), then fetched: wait past the pause, then for the answer.
  await page.waitForTimeout(1_000);
  await expect(page.getByTestId("what-if-panel")).not.toContainText("正在重新计算", { timeout: 20_000 });
  const shown = page.getByTestId("what-if-score");
  await expect(shown).toHaveText(SCORE);
  return Number(await shown.textContent());
}

test("what-if moves the score the right way, and the forecast says what happens if nothing changes", async ({ page }) => {
  test.setTimeout(SCORING_WAIT + 240_000);
  const tenant = await signUpWithNewOrg(page);
  await seedScoredShops(page, tenant, fourShops());
  await page.goto(`/o/${tenant.orgId}/shops`);
  const firstShop = page.getByTestId("shop-list").getByRole("link").filter({ visible: true }).first();
  await firstShop.click();
  await expect(page.getByTestId("score-overall")).toHaveText(SCORE, { timeout: SCORING_WAIT });

  await expect(page.getByTestId("forecast-note")).toContainText(/如果没有/, { timeout: 60_000 });
  await expect(page.getByTestId("forecast-note")).not.toContainText("暂无预测", { timeout: 60_000 });

  const panel = page.getByTestId("what-if-panel");
  await panel.scrollIntoViewIfNeeded();
  await expect(page.getByTestId("what-if-score")).toHaveText(SCORE);
  const worst = await whatIfScoreWith(page, "0");
  const best = await whatIfScoreWith(page, "100");
  expect(best).toBeGreaterThan(worst);

  await expect(page.getByTestId("gap-panel")).toBeVisible();
  await expect(page.getByTestId("gap-result")).not.toBeEmpty({ timeout: 20_000 });
});
