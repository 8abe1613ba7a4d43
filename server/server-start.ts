import { DEMO_EMAIL, seedDemoOrganisation } from "@/server/demo/seed";
import { demoWanted } from "@/server/demo/settings";
import { logger } from "@/server/lib/logger";
import { startJobs } from "@/server/jobs/start";
import { getRuntime, onRuntimeReady } from "@/server/runtime";

/** Runs inside the Next.js server process, which owns the embedded database. */
export async function startServerRuntime(): Promise<void> {
  onRuntimeReady(async (runtime) => {
    runtime.boss = await startJobs(runtime.handle);
  });
  onRuntimeReady(async ({ handle, boss }) => {
    if (!demoWanted(handle.kind)) return;
    const { created, password } = await seedDemoOrganisation(handle, new Date(), { boss });
    if (created) logger.info("demo organisation created; its last 90 days are scored in the background");
    // The password goes to this console only (never to the structured log); the database keeps its hash.
    if (password) console.warn(`\n  Koubei demo account / 演示账号:  ${DEMO_EMAIL}  /  ${password}\n  (shown once / 仅显示这一次)\n`);
    else console.warn(`\n  Koubei demo account / 演示账号:  ${DEMO_EMAIL}  (password shown at its first start; KOUBEI_DEMO_PASSWORD sets a new one / 密码仅在首次启动时显示，可用 KOUBEI_DEMO_PASSWORD 重设)\n`);
  });
  await getRuntime();
}
