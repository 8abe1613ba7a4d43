/**
 * The Playwright web server: `next start` on a fresh embedded database.
 *
 * Creates a new temporary KOUBEI_DATA_DIR (so every run starts from an empty, freshly migrated
 * and seeded PGlite), a throw-away AUTH_SECRET, builds first only when there is no build at all,
 * waits until the server answers HTTP, prints E2E_READY_LINE, and removes the folder when the
 * server stops (Playwright sends SIGTERM to the process group; see gracefulShutdown).
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { liveLockHolder } from "../../db/data-dir-lock";
import { buildNeeded, newSecret, runNext } from "../../scripts/lib/next";
import { E2E_BASE_URL, E2E_DEMO_PASSWORD, E2E_PORT, E2E_READY_LINE } from "./constants";

const log = (message: string) => process.stdout.write(`koubei-e2e: ${message}\n`);
const STALE_MS = 30 * 60_000;

/** Folders left by runs that were killed with SIGKILL: old, and no live process holds their lock. */
function removeStaleDataDirs(): void {
  const tmp = os.tmpdir();
  for (const name of fs.readdirSync(tmp)) {
    if (!name.startsWith("koubei-e2e-")) continue;
    const dir = path.join(tmp, name);
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs < STALE_MS) continue;
      if (liveLockHolder(dir) !== null) continue;
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // another run is cleaning up too
    }
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Ready means the sign-in page says the demo organisation is filled in: the server answers before
 * its database is migrated and the demo seeded (both run in the background), and specs sign in as the demo.
 */
async function waitUntilReady(url: string, stillRunning: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 330_000;
  while (Date.now() < deadline && stillRunning()) {
    try {
      const page = await (await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(30_000) })).text();
      const state = /data-demo-state="(\w+)"/.exec(page)?.[1];
      if (state && state !== "preparing") return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function main(): Promise<number> {
  removeStaleDataDirs();
  if (await portInUse(E2E_PORT)) {
    process.stderr.write(`koubei-e2e: port ${E2E_PORT} is already in use; stop that server or set E2E_PORT.\n`);
    return 1;
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-e2e-"));
  const cleanup = () => fs.rmSync(dataDir, { recursive: true, force: true });
  process.once("exit", cleanup);
  // Until the server runs, a signal just ends this process (the exit hook removes the folder).
  const early = () => process.exit(130);
  process.once("SIGINT", early);
  process.once("SIGTERM", early);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(E2E_PORT),
    KOUBEI_DATA_DIR: dataDir,
    KOUBEI_E2E: "1",
    KOUBEI_DEMO: "1",
    KOUBEI_DEMO_PASSWORD: E2E_DEMO_PASSWORD,
    AUTH_SECRET: newSecret(),
    AUTH_TRUST_HOST: "true",
  };
  // A fresh embedded database, whatever the developer's shell points at.
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;

  // `npm run test:e2e` builds only when there is no build at all; CI builds in its own step.
  const reason = buildNeeded({ checkSources: false });
  if (reason) {
    log(`${reason}: running \`next build\` first`);
    const code = await runNext(["build"], env).exited;
    if (code !== 0) return code;
  }

  log(`starting next on ${E2E_BASE_URL} with KOUBEI_DATA_DIR=${dataDir}`);
  process.off("SIGINT", early);
  process.off("SIGTERM", early);
  const server = runNext(["start", "--port", String(E2E_PORT), "--hostname", "127.0.0.1"], env);
  let running = true;
  void server.exited.then(() => (running = false));
  if (await waitUntilReady(`${E2E_BASE_URL}/sign-in`, () => running)) process.stdout.write(`${E2E_READY_LINE}\n`);
  return server.exited;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`koubei-e2e: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
