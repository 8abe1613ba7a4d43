import { expect, test } from "@playwright/test";
import { ORG_PATH } from "./support/sign-in";
import { createShop, runId, signUpWithNewOrg } from "./support/tenant";

/**
 * The foundation's "done when", through the UI only (zh-CN, the default language), at desktop and
 * phone width: a new user signs up, creates a second organisation and two shops, invites a viewer limited to one shop,
 * and the invitee — signing up from the link in a separate browser — sees that shop alone.
 */

test("owner invites a viewer limited to one shop; the viewer sees only that shop", { tag: "@mobile" }, async ({
  page,
  browser,
}, testInfo) => {
  const run = runId();
  const orgName = `E2E 品牌 ${run}`;
  const shopA = `E2E 美妆旗舰店 ${run}`;
  const shopB = `E2E 生鲜专营店 ${run}`;

  await signUpWithNewOrg(page);
  await expect(page).toHaveURL(ORG_PATH);
  await expect(page.getByRole("heading", { name: "总览", exact: true })).toBeVisible();

  // A new organisation, from the organisation switcher.
  await page.getByLabel("切换组织").selectOption({ label: "＋ 新建组织…" });
  await expect(page.getByRole("heading", { name: "新建组织" })).toBeVisible();
  await page.getByLabel("组织名称").fill(orgName);
  await page.getByLabel("组织类型").selectOption("brand");
  await page.getByRole("button", { name: "创建组织" }).click();
  await expect(page).toHaveURL(ORG_PATH);
  await expect(page.getByLabel("切换组织")).toHaveValue(ORG_PATH.exec(page.url())?.[1] ?? "");
  await expect(page.getByText("还没有店铺")).toBeVisible();
  const orgId = ORG_PATH.exec(page.url())?.[1] ?? "";

  await createShop(page, orgId, { name: shopA, category: "美妆" });
  await createShop(page, orgId, { name: shopB, category: "生鲜" });

  // Invite a viewer who may see shop A only.
  await page
    .getByRole("navigation", { name: "主导航" })
    .getByRole("link", { name: "成员" })
    .click();
  await page.getByRole("button", { name: "邀请成员" }).click();
  const dialog = page.getByRole("dialog", { name: "邀请成员" });
  await dialog.getByLabel("角色", { exact: true }).selectOption("viewer");
  await dialog.getByLabel("仅限指定店铺").check();
  await dialog.getByLabel(shopA).check();
  await dialog.getByRole("button", { name: "生成邀请链接" }).click();
  const link = (await dialog.getByTestId("invite-link").textContent())?.trim() ?? "";
  expect(link).toMatch(/\/invite\/[\w-]+$/);
  await dialog.getByRole("button", { name: "完成" }).click();
  await expect(page.getByTestId("invitation-list").getByText("待接受").filter({ visible: true }).first()).toBeVisible();

  // The invitee, in a browser that shares nothing with the owner's.
  const invitee = await browser.newContext({
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    baseURL: testInfo.project.use.baseURL,
    // The invitee uses the same kind of device as the owner (a phone in the mobile project).
    viewport: testInfo.project.use.viewport,
    isMobile: testInfo.project.use.isMobile,
    hasTouch: testInfo.project.use.hasTouch,
  });
  try {
    const guest = await invitee.newPage();
    await guest.goto(link);
    await expect(guest.getByTestId("invite-org-name")).toHaveText(orgName);
    await expect(guest.getByText("只读成员")).toBeVisible();
    await guest.getByRole("link", { name: "注册新账号并加入" }).click();

    await expect(guest.getByRole("heading", { name: "注册并加入组织" })).toBeVisible();
    await expect(guest.getByLabel("组织名称")).toHaveCount(0);
    await guest.getByLabel("你的姓名").fill("客户只读账号");
    await guest.getByLabel("邮箱").fill(`viewer-${run}@example.com`);
    await guest.getByLabel("密码").fill("viewer-pass-2026");
    await guest.getByRole("button", { name: "注册并加入" }).click();

    await expect(guest).toHaveURL(ORG_PATH);
    await expect(guest.getByRole("link", { name: shopA })).toBeVisible();
    await expect(guest.getByRole("link", { name: shopB })).toHaveCount(0);
    await expect(guest.getByRole("link", { name: "新建店铺" })).toHaveCount(0);
    await expect(guest.getByRole("button", { name: "新建店铺" })).toHaveCount(0);
  } finally {
    await invitee.close();
  }
});

test("the shop list renders at phone width", { tag: "@mobile" }, async ({ page }) => {
  const { orgId } = await signUpWithNewOrg(page);
  const run = runId();
  await createShop(page, orgId, { name: `云裳女装旗舰店 ${run}`, category: "服饰内衣" });
  await createShop(page, orgId, { name: `花漾美妆专营店 ${run}`, category: "美妆" });
  await page.goto(`/o/${orgId}/shops`);
  await expect(page.getByRole("link", { name: `云裳女装旗舰店 ${run}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `花漾美妆专营店 ${run}` })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
