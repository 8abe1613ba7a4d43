import { and, eq, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { syncConnections, syncRuns, syncTriggers } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/lib/errors";
import { logger } from "@/server/lib/logger";
import type { OrgScope } from "@/server/lib/scope";
import { breakerOpen } from "./breaker";
import type { Authorised, Connector, ImportFields, PlatformApp, ResourcePull } from "./connector";
import { douyinConnector } from "./douyin/connector";
import { PlatformError } from "./errors";
import { importPulledBatch } from "./import-batch";
import { scheduleRescore } from "@/server/scoring/rescore";
import { evaluateAlertsQuietly } from "@/server/alerts/evaluate";
import { todayInShanghai } from "@/server/lib/time";
import { secretKey } from "./secrets";
import { authorisedCalls, DEFAULT_RETRY, type RetryPolicy } from "./session";
import { advanceCursor, loadConnection, readCursor, recordPlatformScore, saveTokens } from "./store";

export type SyncTrigger = (typeof syncTriggers)[number];
export type ResourceCounts = { pulled: number; inserted: number; updated: number; unchanged: number; rejected: number };

export type SyncRunResult = {
  runId: string | null;
  status: "succeeded" | "failed" | "skipped";
  resources: Record<string, ResourceCounts>;
  platformScore: number | null;
  errorKey: string | null;
  /** A failure worth retrying later (network, platform unavailable, rate limit). */
  retryable: boolean;
};

export type RunOptions = {
  trigger: SyncTrigger;
  boss?: PgBoss | null;
  connector?: Connector;
  retry?: RetryPolicy;
  /** Pulled records buffered before they are imported and the cursor moves (a crash loses at most this much work). */
  batchRecords?: number;
  now?: () => Date;
};

/** Records updated in the last seconds may still be changing on the platform: the next run takes them. */
const SETTLE_SECONDS = 5;
const DEFAULT_BATCH_RECORDS = 2000;

const emptyCounts = (): ResourceCounts => ({ pulled: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 });

/**
 * One sync of one shop: every resource from its cursor to now in update-time windows, imported
 * in batches as imports of this run (the run is their bundle), each batch committing its facts
 * and its cursor together, then the platform's own score. A crash resumes from the last committed
 * cursor; re-reading a window is harmless (natural-key upserts), so nothing is lost or doubled.
 */
export async function runShopSync(handle: DbHandle, scope: OrgScope, shopId: string, options: RunOptions): Promise<SyncRunResult> {
  const orgId = scope.orgId;
  const now = options.now ?? (() => new Date());
  const connector = options.connector ?? douyinConnector;
  const key = secretKey(handle);
  const loaded = await withTenant(handle, scope, (tx) => loadConnection(tx, key, orgId, shopId));
  const connectionId = loaded.connection.id;
  const probe = options.trigger === "manual" || options.trigger === "cli";
  const started = await withTenant(handle, scope, async (tx) => {
    // A run still marked running was cut short (a crash, a restart): say so in the history.
    await tx
      .update(syncRuns)
      .set({ status: "failed", errorKey: "errors.sync.interrupted", finishedAt: now() })
      .where(and(eq(syncRuns.orgId, orgId), eq(syncRuns.connectionId, connectionId), eq(syncRuns.status, "running")));
    const skipped = !probe && (await breakerOpen(tx, orgId, now()));
    const [run] = await tx
      .insert(syncRuns)
      .values({ orgId, connectionId, shopId, trigger: options.trigger, status: skipped ? "skipped" : "running", errorKey: skipped ? "errors.sync.circuitOpen" : null, finishedAt: skipped ? now() : null })
      .returning({ id: syncRuns.id });
    return { runId: run?.id ?? null, skipped };
  });
  const runId = started.runId;
  if (!runId) throw new Error("sync run not created");
  if (started.skipped) return { runId, status: "skipped", resources: {}, platformScore: null, errorKey: "errors.sync.circuitOpen", retryable: true };

  const resources: Record<string, ResourceCounts> = {};
  let platformScore: number | null = null;
  try {
    if (loaded.connection.authStatus !== "authorised" || !loaded.tokens) throw new PlatformError("reauthorise", "notAuthorised");
    const call = authorisedCalls(connector, loaded.app, loaded.tokens, (tokens) => withTenant(handle, scope, (tx) => saveTokens(tx, key, orgId, connectionId, tokens)), options.retry ?? DEFAULT_RETRY);
    let changed = false;
    for (const resource of connector.resources) {
      const counts = await pullResource(handle, scope, { shopId, connectionId, runId, resource, app: loaded.app, call, now, batchRecords: options.batchRecords ?? DEFAULT_BATCH_RECORDS });
      resources[resource.resource] = counts;
      changed ||= counts.inserted + counts.updated > 0;
    }
    const score = await connector.platformScore(loaded.app, call);
    platformScore = score.score;
    await withTenant(handle, scope, async (tx) => {
      await recordPlatformScore(tx, orgId, shopId, runId, score, now());
      await tx.update(syncRuns).set({ status: "succeeded", counts: resources, finishedAt: now() }).where(and(eq(syncRuns.orgId, orgId), eq(syncRuns.id, runId)));
      await tx
        .update(syncConnections)
        .set({ lastRunAt: now(), lastSuccessAt: now(), lastErrorKey: null, consecutiveFailures: 0, updatedAt: now() })
        .where(and(eq(syncConnections.orgId, orgId), eq(syncConnections.id, connectionId)));
    });
    if (changed) await rescore(handle, options.boss ?? null, orgId);
    return { runId, status: "succeeded", resources, platformScore, errorKey: null, retryable: false };
  } catch (error) {
    const { errorKey, detail, retryable } = describeFailure(error);
    if (!(error instanceof PlatformError) && !(error instanceof AppError)) logger.error({ err: error, orgId, shopId, runId }, "sync run failed");
    else logger.warn({ orgId, shopId, runId, errorKey, detail }, "sync run failed");
    await withTenant(handle, scope, async (tx) => {
      await tx.update(syncRuns).set({ status: "failed", counts: resources, errorKey, errorDetail: detail, finishedAt: now() }).where(and(eq(syncRuns.orgId, orgId), eq(syncRuns.id, runId)));
      await tx
        .update(syncConnections)
        .set({
          lastRunAt: now(),
          lastErrorKey: errorKey,
          consecutiveFailures: sql`${syncConnections.consecutiveFailures} + 1`,
          ...(error instanceof PlatformError && error.kind === "reauthorise" ? { authStatus: "needs_authorisation" as const } : {}),
          updatedAt: now(),
        })
        .where(and(eq(syncConnections.orgId, orgId), eq(syncConnections.id, connectionId)));
    });
    // Facts of the batches that did commit still change scores.
    if (Object.values(resources).some((c) => c.inserted + c.updated > 0)) await rescore(handle, options.boss ?? null, orgId);
    await evaluateAlertsQuietly(handle, orgId, todayInShanghai(), { only: ["sync_failed"] });
    return { runId, status: "failed", resources, platformScore, errorKey, retryable };
  }
}

/** The facts are committed whatever happens here: a rescoring that fails is logged (the nightly scoring catches up), not the run's failure. */
async function rescore(handle: DbHandle, boss: PgBoss | null, orgId: string): Promise<void> {
  try {
    await scheduleRescore(handle, { orgId }, { boss });
  } catch (error) {
    logger.error({ err: error, orgId }, "rescoring after a sync failed");
  }
}

function describeFailure(error: unknown): { errorKey: string; detail: string; retryable: boolean } {
  if (error instanceof PlatformError) return { errorKey: `errors.sync.${error.reason}`, detail: error.message, retryable: error.kind === "retry" };
  if (error instanceof AppError) return { errorKey: error.messageKey, detail: error.message, retryable: false };
  return { errorKey: "errors.sync.internal", detail: error instanceof Error ? error.message : String(error), retryable: true };
}

type PullInput = {
  shopId: string;
  connectionId: string;
  runId: string;
  resource: ResourcePull;
  app: PlatformApp;
  call: Authorised;
  now: () => Date;
  batchRecords: number;
};

/** One resource from its cursor to now: windows of at most resource.windowSeconds, imported in batches. */
async function pullResource(handle: DbHandle, scope: OrgScope, input: PullInput): Promise<ResourceCounts> {
  const { resource, connectionId } = input;
  const orgId = scope.orgId;
  const counts = emptyCounts();
  const end = Math.floor(input.now().getTime() / 1000) - SETTLE_SECONDS;
  const stored = await withTenant(handle, scope, (tx) => readCursor(tx, orgId, connectionId, resource.resource));
  let from = stored ?? end - resource.firstSyncDays * 24 * 3600;
  let buffer: ImportFields[] = [];

  const flush = async (position: number) => {
    const rows = buffer;
    buffer = [];
    const moveCursor = (tx: Parameters<typeof advanceCursor>[0]) => advanceCursor(tx, orgId, connectionId, resource.resource, position);
    if (rows.length === 0) {
      await withTenant(handle, scope, moveCursor);
      return;
    }
    const summary = await importPulledBatch(handle, scope, { shopId: input.shopId, kind: resource.kind, rows, runId: input.runId, pulledAt: input.now(), beforeCommit: moveCursor });
    if (summary.status !== "succeeded") throw new AppError("BAD_INPUT", summary.errorKey ?? "errors.import.internal");
    counts.inserted += summary.inserted;
    counts.updated += summary.updated;
    counts.unchanged += summary.unchanged;
    counts.rejected += summary.rejected;
  };

  while (from < end) {
    const to = Math.min(from + resource.windowSeconds, end);
    for await (const rows of resource.pull(input.app, input.call, { from, to })) {
      counts.pulled += rows.length;
      buffer.push(...rows);
    }
    if (buffer.length >= input.batchRecords) await flush(to);
    from = to;
  }
  await flush(Math.max(from, stored ?? from));
  return counts;
}
