import { expect, test, type Page } from "@playwright/test";
import { ORG_PATH, signInAsDemo } from "./support/sign-in";
import { signUpWithNewOrg } from "./support/tenant";

/**
 * 买家之声 Voice of the customer (zh-CN). The demo organisation is only read here: its shops carry
 * review texts and after-sale reasons, so the problems, the feedback behind a count and the
 * drill-downs all have rows. The dictionary is edited in an organisation of the test's own.
 */
async function openVoc(page: Page) {
  await page.getByRole("tab", { name: "买家之声" }).click();
  await expect(page).toHaveURL(/tab=voc/);
  await expect(page.getByTestId("voc-panel")).toBeVisible({ timeout: 30_000 });
}

test("a demo shop shows its problems per month, the reviews behind a count and the drill-downs @mobile", async ({ page }) => {
  await signInAsDemo(page);
  await page.getByRole("link", { name: "云裳女装旗舰店" }).filter({ visible: true }).first().click();
  await expect(page.getByRole("heading", { name: "云裳女装旗舰店" })).toBeVisible();
  await openVoc(page);

  await expect(page.getByTestId("voc-chart-summary")).toContainText(/共 \d+ 条反馈，最多的是/);
  await expect(page.getByTestId("voc-chart").locator("svg.recharts-surface").first()).toBeVisible();
  const firstCount = page.locator('[data-testid^="voc-count-"]').filter({ visible: true }).first();
  const shown = Number((await firstCount.textContent())?.trim());
  expect(shown).toBeGreaterThan(0);
  await firstCount.click();
  const items = page.getByTestId("voc-items");
  await expect(items).toBeVisible();
  await expect(items.getByTestId("voc-item").first()).toBeVisible();
  await expect(items).toContainText(`共 ${shown} 条`);

  await expect(page.getByTestId("voc-drill-reasons-indicator")).toContainText("品质退货率");
  await expect(page.getByTestId("voc-drill-provinces")).toContainText(/新疆|西藏|甘肃|青海|黑龙江|云南|北京|山东|河南|湖北|四川|陕西|浙江|江苏|上海|广东|福建/);
  await expect(page.getByTestId("voc-drill-carriers-indicator")).toContainText(/平均物流到货时长|订单配送时长/);
  await expect(page.getByTestId("voc-drill-chat-indicator")).toContainText("IM 3分钟平均回复率");

  // The indicator's name leads to its explanation in the score tab.
  await page.getByTestId("voc-drill-reasons-indicator").getByRole("link").click();
  await expect(page.getByRole("tab", { name: "评分" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("score-panel")).toBeVisible();
});

test("a demo creator account has its own voice and no chat hours @mobile", async ({ page }) => {
  await signInAsDemo(page);
  const orgId = ORG_PATH.exec(page.url())?.[1] ?? "";
  await page.goto(`/o/${orgId}/creators`);
  await page.getByTestId("creator-list").getByRole("link").filter({ visible: true }).first().click();
  await openVoc(page);
  await expect(page.getByTestId("voc-chart-summary")).toContainText(/条反馈|没有带文字的差评/);
  await expect(page.getByTestId("voc-drill-reasons")).toBeVisible();
  await expect(page.getByTestId("voc-drill-chat")).toHaveCount(0);
});

test("an owner replaces the keyword dictionary and restores the default", async ({ page }) => {
  const tenant = await signUpWithNewOrg(page, "买家之声");
  await page.goto(`/o/${tenant.orgId}/settings`);
  const editor = page.getByTestId("voc-dictionary");
  await expect(editor.getByTestId("voc-dictionary-state")).toContainText("默认词典");
  await expect(editor.getByTestId("voc-terms-quality")).toHaveValue(/质量/);

  await editor.getByTestId("voc-terms-quality").fill("漏电，线头\n起球");
  await editor.getByTestId("voc-dictionary-save").click();
  await expect(editor.getByTestId("voc-dictionary-state")).toContainText("本组织的词典");
  await expect(editor.getByTestId("voc-terms-quality")).toHaveValue("漏电，线头，起球");

  await editor.getByTestId("voc-terms-quality").fill("线 头");
  await editor.getByTestId("voc-dictionary-save").click();
  await expect(editor).toContainText("不允许");

  await editor.getByTestId("voc-dictionary-reset").click();
  await expect(editor.getByTestId("voc-dictionary-state")).toContainText("默认词典");
});
