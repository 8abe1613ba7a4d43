import path from "node:path";
import { expect, test } from "@playwright/test";
import { createShop, runId, signUpWithNewOrg } from "./support/tenant";

/**
 * Alerts through the UI (zh-CN): the owner of a new organisation sets an in-app rule "no new data
 * for more than 3 days" with the rule builder, imports an older orders export into a shop (its
 * newest fact is months old), and the rescore that follows the import raises the alert: the bell
 * shows an unread count and the notification centre the alert.
 */
const ORDERS = path.resolve(import.meta.dirname, "../tests/fixtures/samples/douyin-exports/s002/orders.csv");

test("sets an alert, triggers it with an import and sees the notification with the unread badge", async ({ page }) => {
  test.setTimeout(300_000);
  const { orgId } = await signUpWithNewOrg(page);
  await createShop(page, orgId, { name: `E2E 预警店 ${runId()}`, category: "服饰内衣" });

  // The alerts page under the organisation's settings; in-app notifications need no endpoint.
  await page.goto(`/o/${orgId}/settings`);
  await page.getByTestId("open-alerts").click();
  await expect(page).toHaveURL(new RegExp(`/o/${orgId}/settings/alerts$`));
  await expect(page.getByRole("heading", { name: "预警", exact: true })).toBeVisible();
  await page.getByTestId("new-rule").click();
  const builder = page.getByTestId("rule-builder");
  await builder.getByTestId("rule-name").fill("数据停更提醒");
  await builder.getByTestId("rule-kind").selectOption("stale");
  await builder.getByLabel("天数").fill("3");
  await expect(builder.getByTestId("rule-preview")).toHaveText("stale>3d");
  await builder.getByTestId("rule-save").click();
  const rules = page.getByTestId("alert-rules-table");
  await expect(rules.getByText("stale>3d").filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByTestId("notification-count")).toHaveCount(0);

  // The import: the shop's facts end months ago, so once rescored the rule holds.
  const firstShop = page.getByTestId("shop-list");
  await page.goto(`/o/${orgId}/shops`);
  await firstShop.getByRole("link").filter({ visible: true }).first().click();
  await expect(page).toHaveURL(/\/shops\/[0-9a-f-]{36}$/);
  await page.goto(`${page.url()}/import`);
  await page.getByTestId("file-input").setInputFiles(ORDERS);
  const card = page.getByTestId("file-import");
  await expect(card.getByTestId("confirm-import")).toBeEnabled({ timeout: 90_000 });
  await card.getByTestId("confirm-import").click();
  await expect(page.getByTestId("import-status")).toHaveAttribute("data-status", "succeeded", { timeout: 120_000 });

  // The rescore runs in the background after the import; the bell counts the alert once it has.
  await expect(async () => {
    await page.goto(`/o/${orgId}/settings/alerts`);
    await expect(page.getByTestId("notification-count")).toHaveText("1", { timeout: 5_000 });
  }).toPass({ timeout: 150_000, intervals: [2_000, 5_000] });

  await page.getByTestId("notification-bell").click();
  await expect(page).toHaveURL(new RegExp(`/o/${orgId}/notifications$`));
  const list = page.getByTestId("notifications");
  await expect(list).toContainText("天没有新数据");
  await expect(list).toContainText("E2E 预警店");
  await page.getByTestId("mark-all-read").click();
  await expect(page.getByTestId("notification-count")).toHaveCount(0);
});
