import { expect, test } from "@playwright/test";
import { createShop, fourShops, seedScoredShops, signUpWithNewOrg } from "./support/tenant";

/**
 * Dimension weights (维度权重): the owner of a new organisation with scored 服饰内衣 shops gives the
 * category its own weights in settings, the category's shops are rescored in the background and
 * their score says so; then back to default.
 */
test("an owner sets dimension weights for a category and the shop's score shows them", async ({
  page,
}) => {
  test.setTimeout(420_000);
  const tenant = await signUpWithNewOrg(page);
  await seedScoredShops(page, tenant, fourShops());
  const orgId = tenant.orgId;

  await page.goto(`/o/${orgId}/settings`);
  const section = page.getByTestId("dimension-weights");
  await expect(section.getByRole("heading", { name: "维度权重" })).toBeVisible();
  await expect(section.getByText("未自定义")).toBeVisible();
  await section.getByLabel("类目").selectOption({ label: "服饰内衣" });

  // A sum other than 1 is refused with the reason next to the field.
  await section.getByLabel("商品").fill("0.5");
  await section.getByRole("button", { name: "保存" }).click();
  await expect(section.getByText("三个维度的权重之和必须为 1")).toBeVisible();

  await section.getByLabel("物流").fill("0.25");
  await section.getByLabel("服务").fill("0.25");
  await section.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").getByText(/已保存/)).toBeVisible();
  await expect(section.getByRole("listitem").filter({ hasText: "服饰内衣" })).toContainText(
    "商品 0.5",
  );

  // The rescoring runs as a background job: reload the shop until its score carries the override.
  await page.goto(`/o/${orgId}/shops`);
  await page.getByLabel("主营类目").selectOption({ label: "服饰内衣" });
  await page.getByTestId("shop-list").getByRole("link").filter({ visible: true }).first().click();
  await page.waitForURL(/\/shops\/[0-9a-f-]{36}$/);
  const shopUrl = page.url();
  await expect(async () => {
    await page.goto(shopUrl);
    await expect(page.getByText("本组织为该类目自定义了维度权重。")).toBeVisible({
      timeout: 3_000,
    });
  }).toPass({ timeout: 120_000, intervals: [3_000] });
  await expect(page.getByTestId("score-dimension-product")).toContainText("50%");

  await page.goto(`/o/${orgId}/settings`);
  await section
    .getByRole("listitem")
    .filter({ hasText: "服饰内衣" })
    .getByRole("button", { name: "恢复默认" })
    .click();
  await expect(section.getByText("未自定义")).toBeVisible();
});

/**
 * 新店铺的评分规则: an owner chooses the rule set the organisation's new shops start with; a shop
 * created afterwards carries it, while the choice says it leaves existing shops alone.
 */
test("an owner chooses the rule set for new shops in settings and a new shop starts with it", async ({
  page,
}) => {
  const tenant = await signUpWithNewOrg(page);
  await page.goto(`/o/${tenant.orgId}/settings`);
  const ruleSet = page.getByLabel("新店铺的评分规则");
  await expect(ruleSet).toHaveValue("douyin-shop-v1");
  await expect(page.getByText("只对今后新建的店铺生效")).toBeVisible();
  await ruleSet.selectOption("douyin-shop-2026-09");
  // The organisation's own form (the weights and parameters below have a 保存 of their own).
  const orgForm = page.locator("section", { has: ruleSet });
  await orgForm.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").getByText(/已保存/)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("新店铺的评分规则")).toHaveValue("douyin-shop-2026-09");

  await createShop(page, tenant.orgId, { name: "新规则店", category: "服饰内衣" });
  await page.getByRole("link", { name: "新规则店" }).first().click();
  await expect(page.getByText("douyin-shop-2026-09").first()).toBeVisible();
});
