import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { analyzeGrownTables } from "@/db/planner-statistics";
import { withTenant } from "@/server/db/tenant";
import { wakeWorkers } from "@/server/jobs/wake";
import { runDirectoryMatcher } from "@/server/directory/matcher";
import { refreshDirectoryCards } from "@/server/directory/refresh";
import { addDays, daysBetween, todayInShanghai, type Day } from "@/server/lib/time";
import { storeOrganisationForecasts } from "@/server/insight/forecast-store";
import { evaluateAlertsQuietly } from "@/server/alerts/evaluate";
import { recordDueCheckpoints } from "@/server/checklists/effects";
import { backfillCurrentScores, CURRENT_HISTORY_DAYS } from "./current/backfill";
import { backfillScores } from "./backfill";
import { HISTORY_DAYS } from "./queries";
import { allOrganisationIds, clearDirtyMarks, rebuildDirtyRollups, rebuildNeverBuilt } from "./refresh";
import { storeOrganisationDay } from "./service";

/**
 * "Facts changed, so rescore" is decided here and nowhere else. A path that changes facts marks
 * what changed in its own transaction (markShopFactsChanged: which shop, from which day), then
 * calls scheduleRescore once it has committed. Upload, bulk upload, undo, the CLI, the demo seed
 * and weight changes all do; a future sync does the same.
 */

export const RESCORE_QUEUE = "scoring.rescore";

/** The organisation only: what changed is in rollup_dirty, written with the facts, so a lost message loses nothing. */
export type RescoreJob = { orgId: string; today?: Day };

export type RescoreRequest = { orgId: string; /** Scoring day; tests and the demo seed pin it. */ today?: Day };
export type RescoreQueue = { boss: PgBoss | null };
export type RescoreOutcome = { queued: true } | { queued: false; entities: number; days: number };

const queuesReady = new WeakSet<PgBoss>();

/**
 * `stately` with the organisation as key: at most one rescore waiting and one running per
 * organisation. A change made while one runs queues the next, which finds the new marks; a
 * change made while one waits is picked up by that one.
 */
export async function ensureRescoreQueue(boss: PgBoss): Promise<void> {
  if (queuesReady.has(boss)) return;
  await boss.createQueue(RESCORE_QUEUE, { policy: "stately", retryLimit: 2, retryDelay: 10, expireInSeconds: 3600 });
  queuesReady.add(boss);
}

/**
 * Rebuilds the organisation's stale roll-ups and rescores: in the job queue's worker when the
 * queue runs (the caller returns at once; the score read says "recalculating" meanwhile),
 * otherwise here and now (scripts, the CLI, tests without a queue).
 */
export async function scheduleRescore(handle: DbHandle, request: RescoreRequest, queue: RescoreQueue): Promise<RescoreOutcome> {
  if (queue.boss) {
    await ensureRescoreQueue(queue.boss);
    const job: RescoreJob = request.today ? { orgId: request.orgId, today: request.today } : { orgId: request.orgId };
    await queue.boss.send(RESCORE_QUEUE, job, { singletonKey: request.orgId });
    wakeWorkers(queue.boss, RESCORE_QUEUE);
    return { queued: true };
  }
  return { queued: false, ...(await rescoreOrganisation(handle, request.orgId, request.today)) };
}

/**
 * The rescore itself (the worker's body, or scheduleRescore inline): rebuild the organisation's
 * stale roll-ups, score today first (so the new score is readable at once), then the history
 * days whose windows cover the changed facts. The dirty marks are cleared only once today's
 * scores are stored: a rescore that fails before leaves them, and its retry starts over.
 */
export async function rescoreOrganisation(
  handle: DbHandle,
  orgId: string,
  today: Day = todayInShanghai(),
  /** Called once today's new scores are stored (readable), before the history days. */
  onTodayScored?: () => void,
  /** `koubei alert evaluate` catches up owed rescores without alerting, then evaluates and prints. */
  options: { alerts?: boolean } = {},
): Promise<{ entities: number; days: number }> {
  // The facts just written: the roll-up rebuild and scoring read them with plans for their size.
  await analyzeGrownTables(handle);
  const { refreshed, marks } = await withTenant(handle, { orgId }, (tx) => rebuildDirtyRollups(handle, tx, orgId));
  if (marks.length === 0) return { entities: 0, days: 0 };
  const todayScored = async () => {
    // The marks go once the new scores are readable: until then the score read says recalculating.
    await withTenant(handle, { orgId }, (tx) => clearDirtyMarks(tx, orgId, marks));
    onTodayScored?.();
  };
  if (refreshed.length === 0) {
    await todayScored();
    return { entities: 0, days: 0 };
  }
  const oldest = addDays(today, -(HISTORY_DAYS - 1));
  const since = refreshed.map((r) => (r.sinceDay ? addDays(r.sinceDay, 1) : oldest)).sort()[0] ?? oldest;
  const from = since > oldest ? (since < today ? since : today) : oldest;
  const entityIds = refreshed.map((r) => r.id);
  // Shops under the current rules: today first (readable before the marks go), their history after the 5-point days.
  await backfillCurrentScores(handle, { orgId, from: today, to: today, shopIds: entityIds });
  await backfillScores(handle, { orgIds: [orgId], from, to: today, entityIds, onNewestDay: todayScored });
  const currentFrom = [from, addDays(today, -(CURRENT_HISTORY_DAYS - 1))].sort().at(-1) ?? from;
  if (currentFrom < today) await backfillCurrentScores(handle, { orgId, from: currentFrom, to: addDays(today, -1), shopIds: entityIds });
  // Published cards follow the stored scores of every day rescored; then members watching the directory hear of it.
  const cardDays = await withTenant(handle, { orgId }, (tx) => refreshDirectoryCards(tx, orgId, { entityIds, from, to: today }));
  if (cardDays > 0) await runDirectoryMatcher(handle, today);
  // Last: the cohort moved, so every entity's "if nothing changes" forecast is stale; the new score is readable already.
  await storeOrganisationForecasts(handle, orgId, today);
  // Checklists whose 0/7/14/30-day checkpoint waited for this score record it now (one query when none is due).
  await recordDueCheckpoints(handle, orgId, today);
  // Then the alert rules see the new scores and forecasts of the latest day.
  if (options.alerts !== false) await evaluateAlertsQuietly(handle, orgId, today);
  return { entities: refreshed.length, days: daysBetween(from, today) + 1 };
}

/**
 * Runs every rescore still owed (an organisation's marks not yet picked up, e.g. the queue was
 * down) and builds never-built roll-ups, so a score computed next sees every fact.
 */
export async function rescoreEverythingStale(handle: DbHandle, today: Day = todayInShanghai(), options: { alerts?: boolean } = {}): Promise<void> {
  for (const orgId of await allOrganisationIds(handle)) {
    await rescoreOrganisation(handle, orgId, today, undefined, options);
    await withTenant(handle, { orgId }, (tx) => rebuildNeverBuilt(handle, tx, orgId));
  }
}

/** Every night: rescores still owed, then today's score for every entity of every organisation. */
export async function scoreEveryOrganisationToday(handle: DbHandle, today: Day = todayInShanghai()): Promise<number> {
  let scored = 0;
  for (const orgId of await allOrganisationIds(handle)) {
    await rescoreOrganisation(handle, orgId, today);
    for (const kind of ["shop", "creator"] as const) scored += await storeOrganisationDay(handle, { orgId, kind, day: today });
    await storeOrganisationForecasts(handle, orgId, today);
    await recordDueCheckpoints(handle, orgId, today);
    await evaluateAlertsQuietly(handle, orgId, today);
  }
  await runDirectoryMatcher(handle, today);
  return scored;
}
