import { expect, test } from "@playwright/test";
import { ORG_PATH, signInAsDemo } from "./support/sign-in";

/**
 * 今日待办 Daily operations queues (zh-CN), on the demo organisation: its seed puts paid orders not
 * yet picked up (some already late), open after-sales, bad reviews in every status and appeals in
 * every queue, relative to the moment the server seeded it. Read only, except one status change.
 */
test("the pickup-at-risk queue lists late and at-risk orders with absolute times at phone width @mobile", async ({ page }) => {
  await signInAsDemo(page);
  const orgId = ORG_PATH.exec(page.url())?.[1] ?? "";
  await page.getByRole("navigation").getByRole("link", { name: "今日待办" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${orgId}/queues`));
  await expect(page.getByRole("heading", { name: "今日待办 Today" })).toBeVisible();
  await expect(page.getByRole("tab", { name: /揽收预警/ })).toHaveAttribute("aria-selected", "true");
  const queue = page.getByTestId("pickup-queue");
  await expect(queue).toBeVisible({ timeout: 30_000 });
  // Late orders first, then those with time left; each with its paid and late-from times.
  await expect(queue.getByText(/已超时 \d+ 小时/).filter({ visible: true }).first()).toBeVisible();
  await expect(queue.getByText(/剩 \d+ 小时/).filter({ visible: true }).first()).toBeVisible();
  await expect(queue.getByText("demo-q1-p1").filter({ visible: true })).toBeVisible();
  // Nothing runs off the side of a 390 px screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);

  // The tab and the shop filter live in the URL.
  await page.getByRole("tab", { name: /售后时效/ }).click();
  await expect(page).toHaveURL(/tab=afterSales/);
  await expect(page.getByTestId("aftersales-queue").getByText(/剩 \d+ 小时|已超时/).filter({ visible: true }).first()).toBeVisible();
});

test("a shop's page has its queues: bad reviews by status and its appeals with their outcome @mobile", async ({ page }) => {
  await signInAsDemo(page);
  await page.getByRole("link", { name: "云裳女装旗舰店" }).filter({ visible: true }).first().click();
  await expect(page.getByRole("heading", { name: "云裳女装旗舰店" })).toBeVisible();
  await page.getByRole("tab", { name: "今日待办" }).click();
  await expect(page).toHaveURL(/tab=queues/);
  await page.getByTestId("queue-reviews-tab").click();
  const ledger = page.getByTestId("review-ledger");
  await expect(ledger).toBeVisible({ timeout: 30_000 });
  await expect(ledger.getByText("新差评").filter({ visible: true }).first()).toBeVisible();
  await expect(ledger.getByText("已豁免").filter({ visible: true }).first()).toBeVisible();
  await ledger.getByRole("button", { name: "回复模板" }).filter({ visible: true }).first().click();
  await expect(page.getByTestId("reply-templates")).toContainText("质量问题致歉");
  await page.getByRole("button", { name: "关闭" }).click();

  await page.getByTestId("queue-appeals-tab").click();
  const appeals = page.getByTestId("appeals-queue");
  await expect(appeals.getByText("申诉成功").filter({ visible: true }).first()).toBeVisible();
  await expect(appeals.getByText("处理中").filter({ visible: true }).first()).toBeVisible();
});
