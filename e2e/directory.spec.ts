import { expect, test, type Page } from "@playwright/test";
import { runId } from "./support/tenant";

/** A creator team (达人团队 / MCN) signs up; its home is the directory, alive with the demo publishers' cards. */
async function signUpCreatorTeam(page: Page) {
  const run = runId();
  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { name: "注册账号" })).toBeVisible();
  await page.getByLabel("你的姓名").fill("E2E 选品");
  await page.getByLabel("邮箱").fill(`mcn-${run}@example.com`);
  await page.getByLabel("密码").fill("owner-pass-2026");
  await page.getByLabel("组织名称").fill(`E2E 达人团队 ${run}`);
  await page.getByLabel("组织类型").selectOption("creator_team");
  await page.getByRole("button", { name: "注册", exact: true }).click();
  await expect(page).toHaveURL(/\/o\/[0-9a-f-]{36}\/directory$/);
  return run;
}

test("a creator team filters the directory, shortlists three merchants, compares them and exports the list", async ({ page }) => {
  const run = await signUpCreatorTeam(page);
  await expect(page.getByRole("heading", { name: "商家与达人名录 Directory" })).toBeVisible();

  // Merchants (shops) in 美妆 with an overall of at least 4.5, best first.
  await page.getByTestId("filter-kind").selectOption("shop");
  await page.getByTestId("filter-category").selectOption({ label: "美妆" });
  await page.getByTestId("filter-min-score").fill("4.5");
  await page.getByTestId("filter-min-score").press("Enter");
  await expect(page).toHaveURL(/kind=shop/);
  await expect(page).toHaveURL(/category=beauty/);
  await expect(page).toHaveURL(/minScore=4\.5/);
  const results = page.getByTestId("directory-results");
  const boxes = results.locator('input[type="checkbox"]').filter({ visible: true });
  await expect(boxes.nth(2)).toBeVisible();
  await expect(page.getByTestId("directory-count")).toContainText("张卡片");
  // Every card shown is a 美妆 shop at 4.5 or more, with how fresh it is. The URL changes at once, the
  // results a moment later, each filter's staying on screen (busy) until the next one's arrive: wait
  // for the list that all three filters make before taking its rows one by one.
  const rows = results.locator("tbody tr");
  await expect
    .poll(async () => {
      if ((await page.getByTestId("directory-results-region").getAttribute("aria-busy")) !== "false") return false;
      const shown = await results.locator("tbody tr > td:nth-child(4)").allInnerTexts();
      const categories = await rows.allInnerTexts();
      return shown.length > 0 && shown.every((text) => Number.parseFloat(text) >= 4.5) && categories.every((text) => text.includes("美妆"));
    })
    .toBe(true);
  for (const row of await rows.all()) {
    await expect(row).toContainText("美妆");
    await expect(row).toContainText("截至");
    // Shown on its scale ("4.78/5"): the 5-point one, which a score bound chosen without a scale keeps to.
    const shown = (await row.locator("td").nth(3).innerText()).trim();
    expect(shown).toMatch(/^\d\.\d{2}\/5$/);
    expect(Number.parseFloat(shown)).toBeGreaterThanOrEqual(4.5);
  }

  const names: string[] = [];
  for (let i = 0; i < 3; i++) {
    const label = (await boxes.nth(i).getAttribute("aria-label")) ?? "";
    names.push(label.replace(/^选择 /, ""));
    await boxes.nth(i).check();
  }
  const listName = `美妆候选 ${run}`;
  await page.getByTestId("add-selected").click();
  await page.getByRole("menuitem", { name: "新建清单…" }).click();
  await page.getByTestId("shortlist-name").fill(listName);
  await page.getByTestId("shortlist-create").click();
  await expect(page.getByText(`已加入「${listName}」`)).toBeVisible();

  await page.getByTestId("compare-selected").click();
  await expect(page.getByRole("heading", { name: "对比" })).toBeVisible();
  for (const name of names) await expect(page.getByRole("columnheader", { name }).first()).toBeVisible();
  await expect(page.getByTestId("compare-chart")).toBeVisible();

  await page.goto(page.url().replace(/\/compare\?.*$/, "/shortlists"));
  await page.getByRole("link", { name: new RegExp(listName) }).click();
  await expect(page.getByRole("heading", { name: listName })).toBeVisible();
  const items = page.getByTestId("shortlist-items");
  for (const name of names) await expect(items.getByText(name).filter({ visible: true })).toBeVisible();
  await items.getByRole("combobox", { name: "状态" }).filter({ visible: true }).first().selectOption("talking");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-shortlist").click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const path = await download.path();
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  const exported = (sheet?.getColumn(1).values ?? []).slice(2).map(String);
  expect(exported.sort()).toEqual([...names].sort());
  expect(sheet?.getRow(1).getCell(1).value).toBe("名称");
});

test("the directory works at phone width @mobile-only", async ({ page }) => {
  await signUpCreatorTeam(page);
  await page.getByTestId("filter-category").selectOption({ label: "美妆" });
  await expect(page).toHaveURL(/category=beauty/);
  const first = page.getByTestId("directory-results").locator("li").filter({ visible: true }).first();
  await expect(first).toContainText("截至");
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(400);
});
