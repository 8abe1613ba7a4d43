import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { syncConnections } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { logger } from "@/server/lib/logger";
import { systemScope } from "@/server/lib/scope";
import { allOrganisationIds } from "@/server/scoring/refresh";
import { runShopSync, type RunOptions, type SyncTrigger } from "./run";

export const SYNC_SHOP_QUEUE = "sync.shop";
export const SYNC_TICK_QUEUE = "sync.tick";

/** The tenant travels in the job (never from anywhere else), with the shop and what asked for the run. */
export type SyncShopJob = { orgId: string; shopId: string; trigger: SyncTrigger };

/**
 * Queues a run of one shop. The queue is "stately" per shop: at most one run active and one
 * waiting, so a burst of push messages becomes a single follow-up run, never two at once.
 */
export async function queueShopSync(boss: PgBoss, job: SyncShopJob): Promise<string | null> {
  return boss.send(SYNC_SHOP_QUEUE, job, { singletonKey: `${job.orgId}:${job.shopId}` });
}

/** Queues every connected, unpaused shop whose interval has passed since its last run. */
export async function queueDueShops(handle: DbHandle, boss: PgBoss, now: Date = new Date()): Promise<number> {
  let queued = 0;
  for (const orgId of await allOrganisationIds(handle)) {
    const due = await withTenant(handle, { orgId }, (tx) =>
      tx
        .select({ shopId: syncConnections.shopId })
        .from(syncConnections)
        .where(
          and(
            eq(syncConnections.orgId, orgId),
            eq(syncConnections.paused, false),
            eq(syncConnections.authStatus, "authorised"),
            or(isNull(syncConnections.lastRunAt), sql`${syncConnections.lastRunAt} + make_interval(mins => ${syncConnections.intervalMinutes}) <= ${now.toISOString()}::timestamptz`),
          ),
        ),
    );
    for (const { shopId } of due) if (await queueShopSync(boss, { orgId, shopId, trigger: "schedule" })) queued++;
  }
  return queued;
}

/**
 * The sync workers. A run that failed for a reason worth retrying (network, timeouts, 5xx, the
 * platform's 20000/20001/60000) fails its job, so pg-boss retries it with exponential back-off;
 * the retry resumes from the cursor the failed run had committed.
 */
export type SyncWorkerOptions = {
  pollingIntervalSeconds?: number;
  /** Register the per-minute tick (the app does; tests queue runs themselves). */
  schedule?: boolean;
  /** First retry delay of a failed run, doubled each retry up to 15 minutes. */
  retryDelaySeconds?: number;
  run?: Omit<RunOptions, "trigger" | "boss">;
};

export async function registerSyncWorkers(boss: PgBoss, handle: DbHandle, options: SyncWorkerOptions = {}): Promise<void> {
  await boss.createQueue(SYNC_SHOP_QUEUE, { policy: "stately", retryLimit: 5, retryDelay: options.retryDelaySeconds ?? 30, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 1800 });
  await boss.createQueue(SYNC_TICK_QUEUE, { policy: "stately", retryLimit: 0, expireInSeconds: 300 });
  await boss.work<SyncShopJob>(SYNC_SHOP_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
    for (const job of jobs) {
      const { orgId, shopId, trigger } = job.data;
      const result = await runShopSync(handle, systemScope(orgId), shopId, { ...options.run, trigger, boss });
      logger.info({ jobId: job.id, orgId, shopId, status: result.status, errorKey: result.errorKey }, "sync job done");
      if (result.status === "failed" && result.retryable) throw new Error(`sync failed: ${result.errorKey ?? "unknown"}`);
    }
  });
  await boss.work(SYNC_TICK_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30 }, async () => {
    const queued = await queueDueShops(handle, boss);
    if (queued > 0) logger.info({ queued }, "sync runs queued");
  });
  if (options.schedule ?? true) await boss.schedule(SYNC_TICK_QUEUE, "* * * * *", {});
}
