import { DEMO_EMAIL, DEMO_PASSWORD, seedDemoOrganisation } from "@/server/demo/seed";
import { logger } from "@/server/lib/logger";
import { getRuntime, onRuntimeReady } from "@/server/runtime";

/** Runs inside the Next.js server process, which owns the embedded database. */
export async function startServerRuntime(): Promise<void> {
  if (process.env.KOUBEI_SKIP_DEMO !== "1") {
    onRuntimeReady(async ({ handle }) => {
      const { created } = await seedDemoOrganisation(handle);
      if (created) logger.info("demo organisation created");
      // Printed on every start so a new user can always find the way in.
      console.warn(`\n  Koubei demo account / 演示账号:  ${DEMO_EMAIL}  /  ${DEMO_PASSWORD}\n`);
    });
  }
  await getRuntime();
}
