import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { AppError } from "@/server/lib/errors";
import { logger } from "@/server/lib/logger";

/** Debian's Chromium, never a downloaded one; CHROMIUM_PATH points at another. */
export const chromiumPath = (env: Record<string, string | undefined> = process.env) => env.CHROMIUM_PATH?.trim() || "/usr/bin/chromium";

export function chromiumAvailable(env: Record<string, string | undefined> = process.env): boolean {
  try {
    fs.accessSync(chromiumPath(env), fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
/** Two pages at a time: each Chromium renderer takes a core and a few hundred MB. */
const MAX_RENDERING = 2;
/** Requests beyond this many waiting are refused (busy) rather than queued for minutes. */
const MAX_WAITING = 8;
export const RENDER_TIMEOUT_MS = 60_000;
/** The browser stays up between requests and is closed after this long without one. */
const IDLE_CLOSE_MS = 60_000;
/** A4 at 96 dpi: the screen layout the charts measure is the printed one. */
const A4_VIEWPORT = { width: 794, height: 1123 };

let browser: Promise<Browser> | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let rendering = 0;
const waiting: (() => void)[] = [];

/** A rendering slot; a released slot passes straight to the next waiter, so the cap is never exceeded. */
async function acquire(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (rendering < MAX_RENDERING) {
    rendering++;
    return;
  }
  if (waiting.length >= MAX_WAITING) throw new AppError("RATE_LIMITED", "errors.pdfBusy");
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) return next();
  rendering--;
  if (rendering === 0) {
    idleTimer = setTimeout(() => void closeBrowser(), IDLE_CLOSE_MS);
    idleTimer.unref();
  }
}

function launched(): Promise<Browser> {
  if (!browser) {
    const starting = chromium.launch({ executablePath: chromiumPath(), args: FLAGS, headless: true });
    browser = starting;
    starting.then(
      (b) => b.on("disconnected", () => {
        if (browser === starting) browser = null;
      }),
      () => {
        if (browser === starting) browser = null;
      },
    );
  }
  return browser;
}

/** Closes the shared browser (idle, shutdown, tests); the next render launches a new one. */
export async function closeBrowser(): Promise<void> {
  const current = browser;
  browser = null;
  if (current) await current.then((b) => b.close()).catch(() => undefined);
}

export type RenderTarget = {
  url: string;
  /** Sent with every request of the page: the requester's cookie, their language, the original protocol. */
  headers: Record<string, string>;
  /** The page sets data-report-ready on this selector's element when everything it shows has loaded. */
  readySelector: string;
  timeoutMs?: number;
};

/**
 * A page of the app as an A4 PDF, opened in a new browser context of one shared headless Chromium
 * (launched on first use, closed when idle), at most MAX_RENDERING at a time, within a time limit.
 */
export async function renderPdf(target: RenderTarget): Promise<Uint8Array> {
  if (!chromiumAvailable()) throw new AppError("CONFLICT", "errors.pdfNeedsChromium");
  await acquire();
  try {
    return await renderInContext(target, target.timeoutMs ?? RENDER_TIMEOUT_MS);
  } finally {
    release();
  }
}

async function renderInContext(target: RenderTarget, timeoutMs: number): Promise<Uint8Array> {
  let instance: Browser;
  try {
    instance = await launched();
  } catch (error) {
    logger.error({ err: error }, "chromium did not start");
    throw new AppError("CONFLICT", "errors.pdfNeedsChromium");
  }
  const context = await instance.newContext({ extraHTTPHeaders: target.headers, viewport: A4_VIEWPORT });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void context.close();
  }, timeoutMs);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    await page.emulateMedia({ media: "print" });
    const response = await page.goto(target.url, { waitUntil: "load" });
    if (!response?.ok()) throw new AppError("INTERNAL", "errors.pdfFailed");
    const ready = await page.waitForSelector(`${target.readySelector}[data-report-ready]`);
    if ((await ready.getAttribute("data-report-ready")) !== "true") throw new AppError("INTERNAL", "errors.pdfFailed");
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return new Uint8Array(await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true }));
  } catch (error) {
    if (timedOut) throw new AppError("CONFLICT", "errors.pdfTimedOut");
    if (error instanceof AppError) throw error;
    logger.error({ err: error, url: target.url }, "PDF rendering failed");
    throw new AppError("INTERNAL", "errors.pdfFailed");
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => undefined);
  }
}
