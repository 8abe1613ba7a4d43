import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { runCalibration } from "@/server/calibration/service";
import { logger } from "@/server/lib/logger";
import { rememberWorker, wakeWorkers } from "./wake";

export const CALIBRATION_QUEUE = "calibration.run";

/** The tenant travels in the job, with the run to do (its row says what). */
export type CalibrationJob = { orgId: string; runId: string };

export async function ensureCalibrationQueue(boss: PgBoss): Promise<void> {
  await boss.createQueue(CALIBRATION_QUEUE, { retryLimit: 1, retryDelay: 30, expireInSeconds: 3600 });
}

/** Hands a recorded run to the calibration worker; progress and the result appear on the run's row. */
export async function queueCalibration(boss: PgBoss, job: CalibrationJob): Promise<string | null> {
  await ensureCalibrationQueue(boss);
  const id = await boss.send(CALIBRATION_QUEUE, job, { singletonKey: job.runId });
  wakeWorkers(boss, CALIBRATION_QUEUE);
  return id;
}

/** The calibration worker: one run at a time (each scores every reported shop-day twice), adapting the message to runCalibration. */
export async function registerCalibrationWorker(boss: PgBoss, handle: DbHandle, options: { pollingIntervalSeconds?: number } = {}): Promise<void> {
  await ensureCalibrationQueue(boss);
  const id = await boss.work<CalibrationJob>(CALIBRATION_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
    for (const job of jobs) {
      const run = await runCalibration(handle, job.data);
      logger.info({ jobId: job.id, orgId: job.data.orgId, runId: job.data.runId, status: run.status }, "calibration job done");
    }
  });
  rememberWorker(boss, CALIBRATION_QUEUE, id);
}
