import { DEMO_EMAIL, DEMO_ORG_NAME, DEMO_PASSWORD, seedDemoOrganisation } from "@/server/demo/seed";
import { connectDemoShop } from "@/server/sync/demo";
import { logger } from "@/server/lib/logger";
import { startJobs } from "@/server/jobs/start";
import { getRuntime, onRuntimeReady } from "@/server/runtime";

/** Runs inside the Next.js server process, which owns the embedded database. */
export async function startServerRuntime(): Promise<void> {
  onRuntimeReady(async (runtime) => {
    runtime.boss = await startJobs(runtime.handle);
  });
  if (process.env.KOUBEI_SKIP_DEMO !== "1") {
    onRuntimeReady(async ({ handle, boss }) => {
      const { created } = await seedDemoOrganisation(handle, new Date(), { boss });
      if (created) logger.info("demo organisation created; its last 90 days are scored in the background");
      // Printed on every start so a new user can always find the way in.
      console.warn(`\n  Koubei demo account / 演示账号:  ${DEMO_EMAIL}  /  ${DEMO_PASSWORD}\n`);
    });
    onRuntimeReady(async (runtime) => {
      // Not awaited: the fake platform and the demo shop's first sync come up while the app serves.
      void connectDemoShop(runtime.handle, runtime.boss, DEMO_ORG_NAME).catch((error: unknown) =>
        logger.warn({ err: error }, "demo shop not connected to the fake platform"),
      );
    });
  }
  await getRuntime();
}
