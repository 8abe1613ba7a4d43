import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { logger } from "@/server/lib/logger";
import { addDays, daysBetween, todayInShanghai, type Day } from "@/server/lib/time";
import { backfillScores } from "@/server/scoring/backfill";
import { HISTORY_DAYS } from "@/server/scoring/queries";
import { allOrganisationIds, refreshDirtyRollups } from "@/server/scoring/refresh";
import { scoreOrganisationDay } from "@/server/scoring/service";

export const SCORING_REFRESH_QUEUE = "scoring.refresh";
export const SCORING_NIGHTLY_QUEUE = "scoring.nightly";

export type ScoringRefreshJob = { orgId: string };

/**
 * After facts change: rebuild the organisation's stale roll-ups, score today first (so the new
 * score is readable at once), then the history days whose windows cover the changed facts.
 */
export async function refreshOrganisationScores(
  handle: DbHandle,
  orgId: string,
  today: Day = todayInShanghai(),
  /** Called once today's new scores are stored (readable), before the history days. */
  onTodayScored?: () => void,
): Promise<{ entities: number; days: number }> {
  const refreshed = await withTenant(handle, { orgId }, (tx) => refreshDirtyRollups(tx, orgId));
  if (refreshed.length === 0) return { entities: 0, days: 0 };
  const oldest = addDays(today, -(HISTORY_DAYS - 1));
  const since = refreshed.map((r) => (r.sinceDay ? addDays(r.sinceDay, 1) : oldest)).sort()[0] ?? oldest;
  const from = since > oldest ? (since < today ? since : today) : oldest;
  await backfillScores(handle, { orgIds: [orgId], from, to: today, entityIds: refreshed.map((r) => r.id), onNewestDay: onTodayScored });
  return { entities: refreshed.length, days: daysBetween(from, today) + 1 };
}

/** Every night: today's score for every entity of every organisation. */
export async function scoreEveryOrganisationToday(
  handle: DbHandle,
  today: Day = todayInShanghai(),
): Promise<number> {
  let scored = 0;
  for (const orgId of await allOrganisationIds(handle)) {
    await withTenant(handle, { orgId }, (tx) => refreshDirtyRollups(tx, orgId));
    for (const kind of ["shop", "creator"] as const)
      scored += (await scoreOrganisationDay(handle, { orgId, kind, day: today })).length;
  }
  return scored;
}

export async function registerScoringWorkers(boss: PgBoss, handle: DbHandle): Promise<void> {
  await boss.createQueue(SCORING_REFRESH_QUEUE, {
    retryLimit: 2,
    retryDelay: 10,
    expireInSeconds: 3600,
  });
  await boss.createQueue(SCORING_NIGHTLY_QUEUE, { retryLimit: 1, expireInSeconds: 6 * 3600 });
  await boss.work<ScoringRefreshJob>(
    SCORING_REFRESH_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 2 },
    async (jobs) => {
      for (const job of jobs) {
        const result = await refreshOrganisationScores(handle, job.data.orgId);
        logger.info({ orgId: job.data.orgId, ...result }, "scores refreshed");
      }
    },
  );
  await boss.work(SCORING_NIGHTLY_QUEUE, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
    logger.info({ scored: await scoreEveryOrganisationToday(handle) }, "nightly scoring done");
  });
  // 00:30 Shanghai, after the platform's day has closed.
  await boss.schedule(SCORING_NIGHTLY_QUEUE, "30 0 * * *", {}, { tz: "Asia/Shanghai" });
}

/** One refresh per organisation at a time is enough: later imports are picked up by it. */
export async function queueScoringRefresh(boss: PgBoss, orgId: string): Promise<void> {
  await boss.send(SCORING_REFRESH_QUEUE, { orgId } satisfies ScoringRefreshJob, {
    singletonKey: orgId,
    singletonSeconds: 5,
  });
}
