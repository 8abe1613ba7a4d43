import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signInAsDemo } from "./support/sign-in";
import { createShop, runId, signUpWithNewOrg } from "./support/tenant";

/**
 * Scores as of any day (zh-CN). The sample exports are dated January–June 2026: imported today
 * they lie before the scoring window, and the app says so and offers the score as of the file's
 * last day. The page shows exactly what the API returns for that day, and that is what
 * `koubei score --date` prints for the same file imported into a database of its own (the shop is
 * alone in its cohort in both: no other organisation has 服饰内衣 facts in June 2026).
 */
const ORDERS = path.resolve(import.meta.dirname, "../tests/fixtures/samples/douyin-exports/s002/orders.csv");
const SCORE = /^\d\.\d{2}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const BIN = path.resolve(import.meta.dirname, "../bin/koubei.mjs");

/** `koubei score --date <day>` for the orders file imported through the CLI into a fresh embedded database. */
function koubeiScoreOfOrdersFile(day: string): { date: string; state: string; overall: number | null } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-e2e-cli-"));
  const env: NodeJS.ProcessEnv = { ...process.env, KOUBEI_DATA_DIR: dataDir, LOG_LEVEL: "silent", KOUBEI_LOCALE: "en" };
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;
  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8", timeout: 180_000 });
    if (result.status !== 0) throw new Error(`koubei ${args.join(" ")} failed: ${result.stderr}`);
    return result.stdout.trim();
  };
  try {
    run(["org", "create", "--name", "as-of", "--kind", "agency"]);
    run(["shop", "create", "--org", "as-of", "--name", "as-of shop", "--category", "服饰内衣", "--external-id", "s002"]);
    run(["import", "--org", "as-of", "--shop", "s002", "--kind", "orders", ORDERS]);
    return JSON.parse(run(["score", "--org", "as-of", "--shop", "s002", "--date", day])) as { date: string; state: string; overall: number | null };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

type ScoreRead = { latest: { day: string; explanation: { state: string; overall: number | null; overallShown: number | null } } | null };

/** The score read the panel makes, through the app's own tRPC endpoint with the user's session. */
async function scoreReadAsOf(page: Page, orgId: string, shopId: string, day: string): Promise<ScoreRead> {
  return page.evaluate(
    async ({ orgId, shopId, day }) => {
      const input = encodeURIComponent(JSON.stringify({ json: { id: shopId, day } }));
      const response = await fetch(`/api/trpc/scores.shop?input=${input}`, { headers: { "x-koubei-org": orgId } });
      const body = (await response.json()) as { result: { data: { json: ScoreRead } } };
      return body.result.data.json;
    },
    { orgId, shopId, day },
  );
}

/** The page shows a score for the day, and it is the one the API's score read returns for it. */
async function expectScoreOfDay(page: Page, orgId: string, shopId: string, day: string) {
  const overall = page.getByTestId("score-overall");
  await expect(overall).toHaveText(SCORE, { timeout: 120_000 });
  const read = await scoreReadAsOf(page, orgId, shopId, day);
  expect(read.latest?.day).toBe(day);
  expect(read.latest?.explanation.state).toBe("scored");
  await expect(overall).toHaveText((read.latest?.explanation.overallShown ?? NaN).toFixed(2));
  return read.latest?.explanation;
}

test("an import of old data offers the as-of view; a shop's explanation matches koubei score JSON for the same day", async ({ page }) => {
  test.setTimeout(480_000);
  const { orgId } = await signUpWithNewOrg(page);
  const shopName = `E2E 旧数据店 ${runId()}`;
  await createShop(page, orgId, { name: shopName, category: "服饰内衣" });
  await page.getByRole("link", { name: shopName }).first().click();
  await expect(page).toHaveURL(/\/shops\/[0-9a-f-]{36}$/);
  const shopPath = new URL(page.url()).pathname;
  const shopId = shopPath.split("/").at(-1) ?? "";

  await page.goto(`${shopPath}/import`);
  await page.getByTestId("file-input").setInputFiles(ORDERS);
  const card = page.getByTestId("file-import");
  await expect(card.getByTestId("confirm-import")).toBeEnabled({ timeout: 90_000 });
  await card.getByTestId("confirm-import").click();
  const status = page.getByTestId("import-status");
  await expect(status).toHaveAttribute("data-status", "succeeded", { timeout: 120_000 });

  // The summary names the file's days and, since they lie before today's window, offers the as-of view.
  const days = status.getByTestId("import-file-days");
  await expect(days).toHaveAttribute("data-outside-window", "true");
  await expect(days).toContainText("早于今天的评分窗口");
  const viewAsOf = days.getByTestId("import-view-as-of");
  const fileDay = new URL((await viewAsOf.getAttribute("href")) ?? "", "http://x").searchParams.get("date") ?? "";
  expect(fileDay).toMatch(DAY);
  expect(fileDay < "2026-07-01").toBe(true);

  // Following it shows the score as of the file's last day: exactly the API's explanation for that day.
  await viewAsOf.click();
  await expect(page).toHaveURL(new RegExp(`${shopPath}\\?date=${fileDay}$`));
  await expect(page.getByTestId("score-as-of-banner")).toContainText(fileDay);
  await expectScoreOfDay(page, orgId, shopId, fileDay);
  await expect(page.getByTestId("score-history-series-overall")).toHaveAttribute("aria-pressed", "true");

  // Back to the latest: today has no score, and the notice names the data's days and offers their last.
  await page.getByTestId("score-back-to-latest").click();
  await expect(page).toHaveURL(new RegExp(`${shopPath}$`));
  const notice = page.getByTestId("score-outside-window");
  await expect(notice).toBeVisible({ timeout: 120_000 });
  await expect(notice).toContainText("早于今天的评分窗口");
  const dataDay = /查看截至 (\d{4}-\d{2}-\d{2}) 的评分/.exec((await notice.textContent()) ?? "")?.[1] ?? "";
  expect(dataDay >= fileDay).toBe(true);
  await notice.getByTestId("score-view-as-of").click();
  await expect(page).toHaveURL(new RegExp(`\\?date=${dataDay}$`));
  const shown = await expectScoreOfDay(page, orgId, shopId, dataDay);

  // The same day from the CLI: the same overall, to the last digit.
  const cli = koubeiScoreOfOrdersFile(dataDay);
  expect(cli).toMatchObject({ date: dataDay, state: "scored" });
  expect(cli.overall).toBe(shown?.overall);
});

test("the demo shop's history shows its annotations and the date picker on a phone @mobile-only", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsDemo(page);
  await page.goto(`${page.url()}/shops`);
  await page.getByTestId("shop-list").getByRole("link", { name: "云裳女装旗舰店" }).filter({ visible: true }).first().click();
  await expect(page.getByTestId("score-overall")).toHaveText(SCORE, { timeout: 120_000 });
  await expect(page.getByTestId("score-date-picker")).toBeVisible();
  const notes = page.getByTestId("score-annotation");
  await expect(notes).toHaveCount(2);
  await expect(notes.first()).toContainText("换了快递");
  await expect(page.getByTestId("score-history-series-product")).toBeVisible();
  // Nothing runs off the side of the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});
