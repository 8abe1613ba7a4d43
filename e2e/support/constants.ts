/** Shared by playwright.config.ts, the e2e server launcher and specs. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** Printed by e2e/support/serve.ts once the server answers HTTP; Playwright waits for it. */
export const E2E_READY_LINE = "koubei-e2e: server ready";
/** The demo owner's password for the e2e server only (KOUBEI_DEMO_PASSWORD); a real start generates one. */
export const E2E_DEMO_PASSWORD = "e2e-demo-owner-password";
