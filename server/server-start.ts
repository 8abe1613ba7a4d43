import { DEMO_EMAIL, DEMO_ORG_NAME, seedDemoOrganisation } from "@/server/demo/seed";
import { demoWanted } from "@/server/demo/settings";
import { connectDemoShop } from "@/server/sync/demo";
import { logger } from "@/server/lib/logger";
import { startJobs } from "@/server/jobs/start";
import { getRuntime, onRuntimeReady, type Runtime } from "@/server/runtime";
import { setDemoState } from "@/server/demo/state";
import { sweepStaleImports } from "@/server/imports/heartbeat";

const SWEEP_INTERVAL_MS = 20_000;

/** How a failed start ends the process; a test passes its own to watch it. */
export type StartFailure = { exit: (code: number) => void; report: (text: string) => void };

const endProcess: StartFailure = {
  exit: (code) => process.exit(code),
  report: (text) => void process.stderr.write(text),
};

/**
 * Seeds the demo (once per database), then shows its sign-in and connects its shop to the fake
 * platform (`connectShop: false` leaves that out). The demo state says "preparing" until the seed
 * has committed, "ready" after, "failed" if it could not.
 */
export async function seedDemoInBackground(runtime: Runtime, options: { connectShop?: boolean } = {}): Promise<void> {
  setDemoState("preparing");
  try {
    const { created, password } = await seedDemoOrganisation(runtime.handle, new Date(), { boss: runtime.boss });
    setDemoState("ready");
    if (created) logger.info("demo organisation created; its last 90 days are scored in the background");
    // The password goes to this console only (never to the structured log); the database keeps its hash.
    if (password) console.warn(`\n  Koubei demo account / 演示账号:  ${DEMO_EMAIL}  /  ${password}\n  (shown once / 仅显示这一次)\n`);
    else console.warn(`\n  Koubei demo account / 演示账号:  ${DEMO_EMAIL}  (password shown at its first start; KOUBEI_DEMO_PASSWORD sets a new one / 密码仅在首次启动时显示，可用 KOUBEI_DEMO_PASSWORD 重设)\n`);
  } catch (error) {
    setDemoState("failed");
    logger.error({ err: error }, "demo organisation could not be seeded");
    return;
  }
  if (options.connectShop === false) return;
  // The fake platform and the demo shop's first sync come up while the app serves.
  await connectDemoShop(runtime.handle, runtime.boss, DEMO_ORG_NAME).catch((error: unknown) =>
    logger.warn({ err: error }, "demo shop not connected to the fake platform"),
  );
}

/**
 * Runs inside the Next.js server process, which owns the embedded database. If the database
 * cannot be used — a superuser or BYPASSRLS role (the check the CLI makes too, in getRuntime),
 * the embedded folder held by another process, no connection — the process exits with the
 * reason, as the CLI does: Next would otherwise keep listening and answer 500 to everything.
 */
export async function startServerRuntime(failure: StartFailure = endProcess): Promise<void> {
  onRuntimeReady(async (runtime) => {
    runtime.boss = await startJobs(runtime.handle);
  });
  onRuntimeReady(async ({ handle }) => {
    // Imports left "running" by a process that died (this one before a restart, or a CLI) fail within a minute, retryable.
    const sweep = () => sweepStaleImports(handle).catch((error: unknown) => logger.error({ err: error }, "stale import sweep failed"));
    await sweep();
    setInterval(() => void sweep(), SWEEP_INTERVAL_MS).unref();
  });
  let demo: boolean;
  try {
    demo = demoWanted(process.env.DATABASE_URL ? "postgres" : "pglite");
  } catch (error) {
    return stop(failure, error);
  }
  setDemoState(demo ? "preparing" : "off");
  onRuntimeReady(async (runtime) => {
    if (!demo) return;
    // Not awaited: requests need the migrated database only; the demo fills in meanwhile and the
    // sign-in page says so (server/demo/state.ts). Its scoring then runs in the job queue.
    void seedDemoInBackground(runtime);
  });
  try {
    await getRuntime();
  } catch (error) {
    stop(failure, error);
  }
}

function stop(failure: StartFailure, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  logger.fatal({ err: error }, "database unusable; the server stops");
  failure.report(`\n  Koubei cannot start / 无法启动: ${reason}\n\n`);
  failure.exit(1);
}
