import { expect, test, type Page } from "@playwright/test";
import { startFakePlatform, type FakePlatform } from "../server/sync/fake-platform/server";
import { DEMO, ORG_PATH, signIn } from "./support/sign-in";

/**
 * Sync through the UI (zh-CN): in an organisation of its own, the owner creates a shop, connects
 * it to a fake Douyin shop open platform started by this test on a loopback port, syncs it, and
 * sees Koubei's score and the platform-reported score appear side by side with the difference.
 */

let fake: FakePlatform;
test.beforeAll(async () => {
  fake = await startFakePlatform({ seed: 4242, shops: 1 });
});
test.afterAll(async () => {
  await fake?.close();
});

async function newOrganisationWithShop(page: Page, orgName: string, shopName: string) {
  await page.getByLabel("切换组织").selectOption({ label: "＋ 新建组织…" });
  await page.getByLabel("组织名称").fill(orgName);
  await page.getByLabel("组织类型").selectOption("brand");
  // The form suggests today's 100-point rules; this spec compares with the 5-point score.
  await page.getByLabel("新店铺的评分规则").selectOption("douyin-shop-v1");
  await page.getByRole("button", { name: "创建组织" }).click();
  await expect(page).toHaveURL(ORG_PATH);
  await page.getByRole("link", { name: "新建店铺" }).first().click();
  await page.getByLabel("店铺名称").fill(shopName);
  await page.getByLabel("主营类目").selectOption({ label: "服饰内衣" });
  await page.getByRole("button", { name: "创建店铺" }).click();
  await expect(page).toHaveURL(/\/o\/[0-9a-f-]{36}\/shops$/);
  await page.getByRole("link", { name: shopName }).click();
  await expect(page).toHaveURL(/\/shops\/[0-9a-f-]{36}$/);
}

test("connects a shop to the fake platform and sees its score beside the platform-reported one", async ({ page }) => {
  test.setTimeout(240_000);
  const run = Date.now().toString(36);
  const platformShop = fake.shops[0];
  if (!platformShop) throw new Error("the fake has no shop");

  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(ORG_PATH);
  await newOrganisationWithShop(page, `E2E 同步 ${run}`, `E2E 同步店 ${run}`);

  await page.getByRole("tab", { name: "平台同步" }).click();
  await expect(page).toHaveURL(/\?tab=sync$/);
  const panel = page.getByTestId("shop-sync");
  await expect(panel).toContainText("还没有连接");
  const form = page.getByTestId("sync-connect-form");
  await form.getByLabel("接口地址").fill(fake.baseUrl);
  await form.getByLabel("抖店店铺 ID").fill(platformShop.shopId);
  await form.getByLabel("App Key").fill(fake.appKey);
  await form.getByLabel("App Secret").fill(fake.appSecret);
  await form.getByRole("button", { name: "授权并连接" }).click();
  await expect(panel.getByTestId("sync-auth-status")).toContainText("已授权", { timeout: 30_000 });
  // The secret never comes back to the page.
  await expect(form.getByLabel("App Secret")).toHaveValue("");
  expect(await page.content()).not.toContain(fake.appSecret);

  await panel.getByTestId("sync-now").click();
  const history = panel.getByTestId("sync-history");
  await expect(history.getByText("成功").filter({ visible: true }).first()).toBeVisible({ timeout: 120_000 });
  await expect(history.getByText(/订单：拉取 \d+/).filter({ visible: true }).first()).toBeVisible();

  const comparison = page.getByTestId("score-comparison");
  const reported = platformShop.score.seller_rating_info?.score ?? 0;
  await expect(comparison.getByTestId("platform-score")).toHaveText(reported.toFixed(2), { timeout: 60_000 });
  await expect(comparison.getByTestId("koubei-score")).toHaveText(/^\d\.\d\d$/, { timeout: 120_000 });
  await expect(comparison.getByTestId("score-difference")).toHaveText(/^[+-]?\d\.\d\d$/);
});
