import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { runChecklistsDaily } from "@/server/checklists/daily";
import { logger } from "@/server/lib/logger";

export const CHECKLISTS_DAILY_QUEUE = "checklists.daily";

export type ChecklistsDailyJob = { today?: string };

/** The daily checklist worker: recurring occurrences and effect checkpoints (idempotent, so a retry or a second send is harmless). */
export async function registerChecklistWorkers(boss: PgBoss, handle: DbHandle, options: { pollingIntervalSeconds?: number; schedule?: boolean } = {}): Promise<void> {
  await boss.createQueue(CHECKLISTS_DAILY_QUEUE, { policy: "singleton", retryLimit: 2, retryDelay: 60, expireInSeconds: 3600 });
  await boss.work<ChecklistsDailyJob>(CHECKLISTS_DAILY_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30 }, async (jobs) => {
    for (const job of jobs) logger.info({ jobId: job.id, ...(await runChecklistsDaily(handle, job.data.today)) }, "checklists daily run done");
  });
  if (options.schedule === false) return;
  // 01:00 Shanghai: after the nightly scoring (00:30), so the day's checkpoints find their scores.
  await boss.schedule(CHECKLISTS_DAILY_QUEUE, "0 1 * * *", {}, { tz: "Asia/Shanghai" });
}
