import { expect, type Page } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "./constants";

/** The demo account `npm start` seeds (server/demo/seed.ts), with the password serve.ts fixes for the e2e server. */
export const DEMO = { email: "demo@koubei.local", password: E2E_DEMO_PASSWORD };
/** An organisation's dashboard: /o/<uuid>. */
export const ORG_PATH = /\/o\/([0-9a-f-]{36})$/;

/** Signs in through the zh-CN form; the caller checks where it lands. */
export async function signIn(page: Page, email = DEMO.email, password = DEMO.password) {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

/** Signs the demo owner in and waits for the organisation dashboard. */
export async function signInAsDemo(page: Page) {
  await signIn(page);
  await expect(page).toHaveURL(ORG_PATH);
}
