import { expect, test } from "@playwright/test";
import { signInAsDemo } from "./support/sign-in";

test("sign-in page shows its heading", { tag: ["@smoke", "@mobile"] }, async ({ page }) => {
  const response = await page.goto("/sign-in");
  expect(response?.status()).toBeLessThan(400);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await expect(page.getByLabel("邮箱")).toBeEditable();
  await expect(page.getByLabel("密码")).toHaveAttribute("type", "password");
  await expect(page.getByRole("button", { name: "登录", exact: true })).toBeEnabled();
});

test("a visitor who is not signed in is sent to sign in", { tag: ["@smoke"] }, async ({ page }) => {
  await page.goto("/o/00000000-0000-4000-8000-000000000000");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
});

test("the seeded demo owner signs in to the demo organisation", { tag: ["@smoke"] }, async ({ page }) => {
  await signInAsDemo(page);
  await expect(page.getByRole("link", { name: "云裳女装旗舰店" })).toBeVisible();
});
