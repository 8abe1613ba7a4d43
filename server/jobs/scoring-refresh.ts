import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { logger } from "@/server/lib/logger";
import { rememberWorker } from "./wake";
import { ensureRescoreQueue, RESCORE_QUEUE, rescoreOrganisation, scoreEveryOrganisationToday, type RescoreJob } from "@/server/scoring/rescore";

export const SCORING_NIGHTLY_QUEUE = "scoring.nightly";

/** The scoring workers: each adapts its message to the scoring call, which decides everything else. */
export async function registerScoringWorkers(boss: PgBoss, handle: DbHandle, options: { pollingIntervalSeconds?: number; nightly?: boolean } = {}): Promise<void> {
  await ensureRescoreQueue(boss);
  // One job at a time, so what it did (entities and days rescored) is stored as the job's output.
  const rescoreWorker = await boss.work<RescoreJob>(RESCORE_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
    let last: Awaited<ReturnType<typeof rescoreOrganisation>> | null = null;
    for (const job of jobs) {
      last = await rescoreOrganisation(handle, job.data.orgId, job.data.today);
      logger.info({ jobId: job.id, orgId: job.data.orgId, ...last }, "scores refreshed");
    }
    return last;
  });
  rememberWorker(boss, RESCORE_QUEUE, rescoreWorker);
  if (options.nightly === false) return;
  await boss.createQueue(SCORING_NIGHTLY_QUEUE, { retryLimit: 1, expireInSeconds: 6 * 3600 });
  await boss.work(SCORING_NIGHTLY_QUEUE, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
    logger.info({ scored: await scoreEveryOrganisationToday(handle) }, "nightly scoring done");
  });
  // 00:30 Shanghai, after the platform's day has closed.
  await boss.schedule(SCORING_NIGHTLY_QUEUE, "30 0 * * *", {}, { tz: "Asia/Shanghai" });
}
