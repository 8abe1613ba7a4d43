import path from "node:path";
import { expect, test } from "@playwright/test";
import { createShop, runId, signUpWithNewOrg } from "./support/tenant";

/**
 * The import slice through the UI (zh-CN): the owner of a new organisation uploads a GBK 抖店
 * orders export into their shop, sees the detected encoding and mapping, changes one column of the mapping, confirms,
 * follows the progress to the summary, and undoes the import.
 */
const ORDERS = path.resolve(import.meta.dirname, "../tests/fixtures/samples/douyin-exports/s002/orders.csv");

test("uploads a GBK orders export, fixes the mapping, imports it and undoes it @mobile", async ({ page }) => {
  // The demo's history is scored in the background on the one embedded connection: allow for it.
  test.setTimeout(240_000);
  const { orgId } = await signUpWithNewOrg(page);
  await createShop(page, orgId, { name: `E2E 导入店 ${runId()}`, category: "服饰内衣" });

  const firstShop = page.getByTestId("shop-list").getByRole("link").filter({ visible: true }).first();
  await expect(firstShop).toBeVisible();
  await firstShop.click();
  await expect(page).toHaveURL(/\/shops\/[0-9a-f-]{36}$/);
  await page.goto(`${page.url()}/import`);
  await expect(page.getByRole("heading", { name: /导入「.+」的数据/ })).toBeVisible();

  await page.getByTestId("file-input").setInputFiles(ORDERS);
  const card = page.getByTestId("file-import");
  await expect(card.getByTestId("detected-encoding")).toContainText("GB18030", { timeout: 90_000 });
  await expect(card.getByTestId("kind-select")).toHaveValue("orders");
  await expect(card.getByTestId("mapping-order_id")).toHaveValue("子订单编号");
  await expect(card.getByTestId("preview-rows")).toContainText("s002-00000");
  await expect(card.getByText("收件人", { exact: false }).first()).toBeVisible(); // buyer columns are named as dropped

  // Fix one column: product names come from 选购商品; read the amount from nowhere instead of 订单应付金额.
  await expect(card.getByTestId("mapping-amount")).toHaveValue("订单应付金额");
  await card.getByTestId("mapping-amount").selectOption("");
  await expect(card.getByTestId("mapping-amount")).toHaveValue("", { timeout: 60_000 });
  await expect(card.getByTestId("confirm-import")).toBeEnabled({ timeout: 60_000 });

  await card.getByTestId("confirm-import").click();
  const status = page.getByTestId("import-status");
  await expect(status).toBeVisible({ timeout: 60_000 });
  await expect(status.getByRole("progressbar")).toBeVisible();
  await expect(status).toHaveAttribute("data-status", "succeeded", { timeout: 120_000 });
  await expect(status.getByTestId("count-inserted")).toContainText("120");
  await expect(status.getByRole("link", { name: "下载被拒行" })).toHaveAttribute("href", new RegExp(`/api/imports/[0-9a-f-]{36}/rejected\\?org=${orgId}`));

  // Undo, behind a confirm dialog.
  await status.getByRole("button", { name: "撤销此次导入" }).click();
  await expect(page.getByRole("dialog")).toContainText("撤销这次导入？");
  await page.getByRole("dialog").getByRole("button", { name: "撤销导入" }).click();
  await expect(status).toHaveAttribute("data-status", "undone", { timeout: 60_000 });

  // The history page lists it, undone.
  await page.goto(`/o/${orgId}/imports`);
  const history = page.getByTestId("import-history");
  await expect(history.getByText("orders.csv").filter({ visible: true }).first()).toBeVisible({ timeout: 60_000 });
  await expect(history.getByText("已撤销").filter({ visible: true }).first()).toBeVisible();
});
