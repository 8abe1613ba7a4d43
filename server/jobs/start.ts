import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { logger } from "@/server/lib/logger";
import { startBoss } from "./boss";
import { registerCalibrationWorker } from "./calibration";
import { registerChecklistWorkers } from "./checklists-daily";
import { registerDigestWorkers } from "./digest";
import { registerImportWorker } from "./import-run";
import { registerScoringWorkers } from "./scoring-refresh";
import { registerSyncWorkers } from "@/server/sync/jobs";
import { registerAlertWorkers } from "@/server/alerts/deliveries";

/** Starts pg-boss and every worker in the server process (the one that owns the database). */
export async function startJobs(handle: DbHandle): Promise<PgBoss> {
  const boss = await startBoss(handle, { schedule: true });
  await registerImportWorker(boss, handle);
  await registerScoringWorkers(boss, handle);
  await registerSyncWorkers(boss, handle);
  await registerAlertWorkers(boss, handle);
  await registerChecklistWorkers(boss, handle);
  await registerDigestWorkers(boss, handle);
  await registerCalibrationWorker(boss, handle);
  logger.info("background jobs started");
  return boss;
}
