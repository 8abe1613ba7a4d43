import { expect, test } from "@playwright/test";
import { runId, signUpWithNewOrg } from "./support/tenant";

test("a creator account is added, listed, and its page is reached from the list @mobile", async ({ page }) => {
  const { orgId } = await signUpWithNewOrg(page, "E2E 达人机构");
  const name = `带货达人 ${runId()}`;
  await page.goto(`/o/${orgId}/creators`);
  await page.getByRole("link", { name: "添加达人" }).first().click();
  await expect(page.getByRole("heading", { name: "添加达人" })).toBeVisible();
  await page.getByLabel("达人昵称").fill(name);
  await page.getByLabel("达人ID", { exact: true }).fill(`author-${runId()}`);
  await page.getByLabel("主推类目").selectOption({ label: "美妆" });
  await page.getByRole("button", { name: "添加", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${orgId}/creators$`));

  const list = page.getByTestId("creator-list");
  await list.getByRole("link", { name }).filter({ visible: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/o/${orgId}/creators/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { name })).toBeVisible();
});
