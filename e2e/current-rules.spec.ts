import { expect, test } from "@playwright/test";
import { fourShops, seedScoredShops, signUpWithNewOrg } from "./support/tenant";

/**
 * Today's rules (zh-CN): an organisation signed up with the suggested 100-point rule set; its
 * shops, imported through the bulk upload, are scored on the 100-point scale with their stage,
 * the 5-point display and the thresholds, and the portfolio's risk column names what a score misses.
 */
const SCORING_WAIT = 180_000;

test("a new organisation on today's rules sees 100-point scores, stages and thresholds", async ({ page }) => {
  test.setTimeout(SCORING_WAIT + 360_000);
  const tenant = await signUpWithNewOrg(page, "E2E 百分制", "douyin-shop-2026-07");
  const shops = fourShops();
  await seedScoredShops(page, tenant, shops);

  await page.goto(`/o/${tenant.orgId}/shops`);
  await page.getByRole("link", { name: shops[3]?.name ?? "" }).click();
  const panel = page.getByTestId("score-panel");
  await expect(page.getByTestId("score-overall")).toHaveText(/^\d{2,3}\.\d$/, { timeout: SCORING_WAIT });
  await expect(panel).toContainText("抖音商家体验分（百分制 2026-07）");
  const rules = page.getByTestId("score-current-rules");
  await expect(rules).toBeVisible();
  await expect(page.getByTestId("score-current-stage")).toHaveText(/成长阶段|正式阶段/);
  await expect(page.getByTestId("score-current-score5")).toHaveText(/^[345]\.\d$/);
  await expect(page.getByTestId("score-current-threshold-alliance")).toContainText("精选联盟");
  await expect(page.getByTestId("score-current-threshold-brand_badge")).toContainText("近30日平均");
  // The 5-point tools (what-if, gap) are not offered under these rules.
  await expect(page.getByTestId("what-if-panel")).toHaveCount(0);

  // 对比规则: the same days recomputed under the 2026-09 rules, beside the shop's own scores (nothing stored).
  const compare = page.getByTestId("rule-compare");
  await compare.getByTestId("rule-compare-select").selectOption("douyin-shop-2026-09");
  const compared = compare.getByTestId("rule-compare-table");
  await expect(compared.or(compare.getByTestId("rule-compare-computing"))).toBeVisible();
  await expect(compared).toBeVisible({ timeout: 120_000 });
  await expect(compare.getByTestId("rule-compare-range")).toContainText("抖音商家体验分（百分制 2026-09）");
  await expect(compared).toContainText(/成长阶段|正式阶段/);
  // At phone width the table becomes cards and nothing runs off the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(compared.getByRole("list")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.goto(`/o/${tenant.orgId}`);
  const table = page.getByRole("table");
  await expect(table).toContainText(/门槛均已达标|未达标：|有风险：/, { timeout: SCORING_WAIT });
});
