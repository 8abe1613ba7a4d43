import { expect, test } from "@playwright/test";

test("sign-in page shows its heading", { tag: ["@smoke", "@mobile"] }, async ({ page }) => {
  const response = await page.goto("/sign-in");
  expect(response?.status()).toBeLessThan(400);
  await expect(page.getByRole("heading").first()).toBeVisible();
});
