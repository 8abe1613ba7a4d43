import { expect, test } from "@playwright/test";
import { fourShops, seedScoredShops, signUpWithNewOrg } from "./support/tenant";

/**
 * Goals (zh-CN) on an organisation of the test's own: four shops imported through the bulk upload
 * and scored in the background. A goal set on a shop's 目标 tab shows its progress chart with the
 * target line and its status; the portfolio marks the shop and counts goals at risk; the 简报 page
 * previews today's brief, goals included.
 */
const SCORE = /^\d\.\d{2}$/;
const SCORING_WAIT = 120_000;

test("a goal set on a shop shows its progress chart, on the portfolio and in the brief", async ({ page }) => {
  test.setTimeout(SCORING_WAIT + 240_000);
  const tenant = await signUpWithNewOrg(page);
  await seedScoredShops(page, tenant, fourShops());
  await page.goto(`/o/${tenant.orgId}/shops`);
  const firstShop = page.getByTestId("shop-list").getByRole("link").filter({ visible: true }).first();
  const shopName = (await firstShop.textContent())?.trim() ?? "";
  await firstShop.click();
  await expect(page.getByTestId("score-overall")).toHaveText(SCORE, { timeout: SCORING_WAIT });

  await page.getByTestId("entity-goals-tab").click();
  await expect(page.getByTestId("goals-panel")).toContainText("还没有目标");
  await page.getByTestId("goal-add").click();
  await expect(page.getByTestId("goal-metric")).toHaveValue("overall");
  await page.getByTestId("goal-value").fill("4.95");
  await page.getByTestId("goal-note").fill("冲刺 4.95");
  await page.getByTestId("goal-save").click();

  const card = page.getByTestId("goal-card");
  await expect(card).toBeVisible();
  await expect(card).toContainText("4.95");
  await expect(card).toContainText("冲刺 4.95");
  await expect(card.getByTestId("goal-status")).toHaveText(/进展顺利|有风险|已达成|未达成/);
  const chart = card.getByTestId("goal-chart");
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(chart.locator(".recharts-reference-line").first()).toBeAttached();
  await expect(chart).toContainText("目标 4.95");

  await page.goto(`/o/${tenant.orgId}`);
  await expect(page.getByTestId("portfolio-tile-goals")).toBeVisible();
  // The only goal of the organisation: its badge beside the shop's name (a table row, or a card at phone width).
  await expect(page.getByTestId("portfolio-goal").filter({ visible: true })).toHaveCount(1, { timeout: 20_000 });

  await page.goto(`/o/${tenant.orgId}/digest`);
  await expect(page.getByTestId("digest-title")).toContainText("每日简报");
  await expect(page.getByTestId("digest-section-goals")).toContainText(shopName);
});
