import { expect, test, type Page } from "@playwright/test";
import { signInAsDemo } from "./support/sign-in";

/** The demo shop on today's 100-point rules (server/demo/seed.ts DEMO_TODAYS_RULES_SHOP). */
const TODAYS_RULES_SHOP = "今日规则试点店";

/**
 * The long flows (score, what-if, goals, drill-down, playbooks, weights, alerts) run on the
 * desktop viewport; this walks the same pages of the demo organisation at phone width, checking
 * that each one shows its content and that nothing runs off the side of the screen.
 */
async function expectFitsThePhone(page: Page, where: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, where).toBeLessThanOrEqual(1);
}

test("the demo organisation's score, what-if, goals, drill-down, playbooks and settings fit a phone @mobile-only", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsDemo(page);
  const orgPath = new URL(page.url()).pathname;
  await expectFitsThePhone(page, "portfolio");

  await page.goto(`${orgPath}/shops`);
  await page.getByTestId("shop-list").getByRole("link", { name: "云裳女装旗舰店" }).filter({ visible: true }).first().click();
  await expect(page.getByTestId("score-overall")).toHaveText(/^\d\.\d{2}$/, { timeout: 120_000 });
  const shopUrl = page.url();
  await expectFitsThePhone(page, "shop");
  await page.getByTestId("what-if-panel").scrollIntoViewIfNeeded();
  await expect(page.getByTestId("what-if-score")).toHaveText(/^\d\.\d{2}$/);
  await expect(page.getByTestId("gap-panel")).toBeVisible();
  await expectFitsThePhone(page, "what-if");

  await page.getByTestId("entity-goals-tab").click();
  await expect(page.getByTestId("goals-panel")).toBeVisible();
  await expectFitsThePhone(page, "goals");

  await page.goto(shopUrl);
  await page.getByTestId("score-indicator-facts-good_review_rate").click();
  await expect(page.getByTestId("indicator-facts")).toBeVisible();
  await expectFitsThePhone(page, "indicator facts");

  await page.goto(`${orgPath}/playbooks`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("playbook-effects").first()).toBeVisible();
  await expectFitsThePhone(page, "playbooks");

  await page.goto(`${orgPath}/settings`);
  await expect(page.getByRole("heading", { name: "维度权重" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "预警", exact: true })).toBeVisible();
  await expectFitsThePhone(page, "settings");

  await page.goto(`${orgPath}/settings/alerts`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectFitsThePhone(page, "alert settings");
});

test("the demo shop on today's rules shows its 100-point score and thresholds on a phone @mobile-only", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsDemo(page);
  const orgPath = new URL(page.url()).pathname;
  await page.goto(`${orgPath}/shops`);
  await page.getByTestId("shop-list").getByRole("link", { name: TODAYS_RULES_SHOP }).filter({ visible: true }).first().click();
  await expect(page.getByTestId("score-overall")).toHaveText(/^\d{2,3}\.\d$/, { timeout: 120_000 });
  await expect(page.getByTestId("score-current-rules")).toBeVisible();
  await expect(page.getByTestId("score-current-threshold-alliance")).toContainText("精选联盟");
  await expectFitsThePhone(page, "shop on today's rules");
});
