import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import type { DigestKind } from "@/lib/contracts/digest";
import { deliverEveryDigest } from "@/server/digest/deliver";
import { logger } from "@/server/lib/logger";
import { todayInShanghai } from "@/server/lib/time";

export const DIGEST_QUEUES: Record<DigestKind, string> = { daily: "digest.daily", weekly: "digest.weekly" };

/** 08:00 Shanghai: the daily brief every day, the weekly digest on Mondays. */
export const DIGEST_SCHEDULES: Record<DigestKind, string> = { daily: "0 8 * * *", weekly: "0 8 * * 1" };

/**
 * The brief and digest workers. The job only names the kind; the day is the Shanghai day the job
 * runs on, and deliverDigest's run table makes a repeated or retried job send nothing twice.
 */
export async function registerDigestWorkers(boss: PgBoss, handle: DbHandle): Promise<void> {
  for (const kind of ["daily", "weekly"] as const) {
    const queue = DIGEST_QUEUES[kind];
    await boss.createQueue(queue, { retryLimit: 2, retryDelay: 300, expireInSeconds: 3600 });
    await boss.work(queue, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
      const day = todayInShanghai();
      logger.info({ kind, day, sent: await deliverEveryDigest(handle, kind, day, { boss }) }, "digest delivered");
    });
    await boss.schedule(queue, DIGEST_SCHEDULES[kind], {}, { tz: "Asia/Shanghai" });
  }
}
