import { defineConfig, devices, type LaunchOptions } from "@playwright/test";
import { E2E_BASE_URL, E2E_READY_LINE } from "./e2e/support/constants";

/**
 * End-to-end tests drive Debian's Chromium (/usr/bin/chromium); Playwright never downloads a
 * browser here. The web server is `next start` on a fresh embedded database in a temporary folder
 * (e2e/support/serve.ts); the production build must exist, or is made once when .next is missing.
 *
 * Tags: every spec runs on `desktop`. Tag a test `@mobile` to also run it on the phone viewport,
 * or `@mobile-only` to run it on the phone viewport alone.
 */
const launchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    browserName: "chromium",
    launchOptions,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    // Recording a trace streams screenshots of every action from the browser: half of Chromium's
    // CPU in a passing run. CI records it when a failed test is retried; locally, on failure.
    trace: process.env.CI ? "on-first-retry" : "retain-on-failure",
    screenshot: "only-on-failure",
    video: "off",
  },
  projects: [
    {
      name: "desktop",
      grepInvert: /@mobile-only/,
      use: { viewport: { width: 1280, height: 800 } },
    },
    {
      name: "mobile",
      grep: /@mobile/,
      use: {
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
        userAgent: devices["Pixel 7"].userAgent,
      },
    },
  ],
  webServer: {
    command: "node_modules/.bin/tsx e2e/support/serve.ts",
    // serve.ts prints this once the sign-in page says the demo is ready (the server answers
    // before that: migrations and the demo seed run in the background).
    wait: { stdout: new RegExp(E2E_READY_LINE) },
    timeout: 360_000, // includes a first `next build` when .next is missing, and the demo seed on a busy machine
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets serve.ts stop next and delete its temporary database folder.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
