import { expect, test } from "@playwright/test";
import { fourShops, seedScoredShops, signUpWithNewOrg } from "./support/tenant";

/**
 * Playbooks (zh-CN) on an organisation of the test's own: four 服饰内衣 shops, poor to excellent.
 * The poorest ships slowest, so its page suggests a logistics playbook with the reason from its
 * score; applying it makes a checklist the page links to (the checklist page's own spec goes on
 * from there).
 */
const SCORING_WAIT = 120_000;

test("a shop below the logistics trigger shows a suggested playbook, and a user applies it", async ({ page }) => {
  test.setTimeout(SCORING_WAIT + 300_000);
  const tenant = await signUpWithNewOrg(page, "改进方案");
  const shops = fourShops();
  await seedScoredShops(page, tenant, shops);
  const poorest = shops[0];
  if (!poorest) throw new Error("no shops");
  await page.goto(`/o/${tenant.orgId}/shops`);
  await page.getByTestId("shop-list").getByRole("link", { name: poorest.name }).filter({ visible: true }).first().click();
  await expect(page.getByRole("heading", { name: poorest.name })).toBeVisible();

  const card = page.getByTestId("suggested-playbooks");
  await expect(card.getByRole("heading", { name: "建议改进方案" })).toBeVisible();
  const logistics = card.locator('[data-testid^="suggestion-logistics."]').first();
  await expect(logistics).toBeVisible({ timeout: SCORING_WAIT });
  await expect(logistics.getByTestId("suggestion-reason")).toContainText(/物流体验 · .+ 超过 \d+% 的.+同行|物流体验 .+低于|为 .+超出方案界限/);

  const code = ((await logistics.getAttribute("data-testid")) ?? "").replace("suggestion-", "");
  await logistics.getByRole("button", { name: "应用" }).click();
  const open = card.getByTestId(`running-${code}`).getByTestId("open-checklist");
  await expect(open).toBeVisible();
  await expect(open).toHaveAttribute("href", new RegExp(`/o/${tenant.orgId}/checklists/[0-9a-f-]{36}$`));
  await expect(card.getByTestId(`running-${code}`)).toContainText("执行中");
  await expect(card.locator(`[data-testid="suggestion-${code}"]`)).toHaveCount(0);
});

test("the playbook library lists built-ins by dimension, and an owner copies one and edits it to version 2", async ({ page }) => {
  const tenant = await signUpWithNewOrg(page, "方案库");
  await page.getByRole("link", { name: "改进方案", exact: true }).filter({ visible: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/o/${tenant.orgId}/playbooks$`));
  await page.getByTestId("playbook-filter-dimension").selectOption("logistics");
  const list = page.getByTestId("playbook-list");
  await expect(list.getByTestId("playbook-logistics.carrier-record")).toBeVisible();
  await expect(list.getByTestId("playbook-product.incoming-inspection")).toHaveCount(0);
  // Each playbook's measured effect sits under the library (empty for a new organisation).
  await expect(page.getByTestId("playbook-effects")).toBeVisible();

  await list.getByTestId("playbook-logistics.carrier-record").click();
  await expect(page.getByTestId("playbook-triggers")).toContainText("24小时揽收率 < 95%");
  await page.getByTestId("playbook-copy").click();
  await expect(page).toHaveURL(/playbooks\/logistics\.carrier-record-copy$/);
  await page.getByTestId("playbook-edit").click();
  await page.getByLabel("标题（中文）").fill("按揽收记录选快递（本公司版）");
  await page.getByTestId("playbook-save").click();
  await expect(page.getByRole("heading", { name: "按揽收记录选快递（本公司版）" })).toBeVisible();
  await expect(page.getByText("v2", { exact: true })).toBeVisible();
  await expect(page.getByText("基于内置方案 logistics.carrier-record v1")).toBeVisible();
});
