import { expect, type Page } from "@playwright/test";
import { shopExportsZip } from "./sample-exports";
import { ORG_PATH } from "./sign-in";

/**
 * Every spec works in an organisation of its own, made through the app as a new customer would,
 * so specs never change the shared demo organisation or each other's data.
 */
export type Tenant = { orgId: string; orgName: string; email: string; password: string };
export type SeedShop = { name: string; externalId: string };

/** Letters that make names, e-mails and ids of this run unique (tests run one at a time). */
export const runId = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/**
 * Signs a new user up through the form, with an organisation of their own; lands on its dashboard.
 * The form suggests today's 100-point rules for new shops; specs of the 5-point views choose
 * douyin-shop-v1, as an operator comparing with the 5-point guides would.
 */
export async function signUpWithNewOrg(page: Page, label = "E2E 组织", ruleSet = "douyin-shop-v1"): Promise<Tenant> {
  const run = runId();
  const tenant = { orgName: `${label} ${run}`, email: `owner-${run}@example.com`, password: "owner-pass-2026" };
  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { name: "注册账号" })).toBeVisible();
  await page.getByLabel("你的姓名").fill("E2E 负责人");
  await page.getByLabel("邮箱").fill(tenant.email);
  await page.getByLabel("密码").fill(tenant.password);
  await page.getByLabel("组织名称").fill(tenant.orgName);
  await page.getByLabel("组织类型").selectOption("agency");
  await expect(page.getByLabel("新店铺的评分规则")).toHaveValue("douyin-shop-2026-07");
  await page.getByLabel("新店铺的评分规则").selectOption(ruleSet);
  await page.getByRole("button", { name: "注册", exact: true }).click();
  await expect(page).toHaveURL(ORG_PATH);
  return { ...tenant, orgId: ORG_PATH.exec(page.url())?.[1] ?? "" };
}

/** Adds a shop from the organisation's shop list through the new-shop form. */
export async function createShop(page: Page, orgId: string, shop: { name: string; category: string; externalId?: string }) {
  await page.goto(`/o/${orgId}/shops`);
  await page.getByRole("link", { name: "新建店铺" }).first().click();
  await expect(page.getByRole("heading", { name: "新建店铺" })).toBeVisible();
  await page.getByLabel("店铺名称").fill(shop.name);
  await page.getByLabel("主营类目").selectOption({ label: shop.category });
  if (shop.externalId) await page.getByLabel("店铺ID", { exact: true }).fill(shop.externalId);
  await page.getByRole("button", { name: "创建店铺" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${orgId}/shops$`));
  await expect(page.getByRole("link", { name: shop.name })).toBeVisible();
}

/**
 * 服饰内衣 shops with 45 days of facts up to yesterday, brought in through the bulk upload (a ZIP
 * of each shop's exports); the app then scores them in the background. Their qualities run from
 * poor to excellent, so their scores spread across the bands.
 */
export async function seedScoredShops(page: Page, tenant: Tenant, shops: readonly SeedShop[]) {
  for (const shop of shops) await createShop(page, tenant.orgId, { ...shop, category: "服饰内衣" });
  await page.goto(`/o/${tenant.orgId}/imports`);
  const zip = shopExportsZip(shops.map((s) => s.externalId));
  await page.getByTestId("bulk-input").setInputFiles({ name: "exports.zip", mimeType: "application/zip", buffer: Buffer.from(zip) });
  await page.getByRole("button", { name: "导入这个压缩包" }).click();
  await expect(page.getByTestId("bulk-result")).toContainText(`${shops.length * 5} 个文件已导入，0 个失败`, { timeout: 180_000 });
}

/** Four shops named for this run. */
export function fourShops(): SeedShop[] {
  const run = runId();
  return ["甲", "乙", "丙", "丁"].map((mark, i) => ({ name: `E2E 服饰店${mark} ${run}`, externalId: `e2e-${run}-${i + 1}` }));
}
