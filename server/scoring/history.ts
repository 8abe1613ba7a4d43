import type { DbHandle } from "@/db/client";
import { addDays, daysBetween, todayInShanghai, type Day } from "@/server/lib/time";
import { allOrganisationIds } from "./refresh";
import { backfillScores } from "./backfill";
import { rescoreEverythingStale } from "./rescore";

export const DEFAULT_HISTORY_DAYS = 90;

export type RecomputeResult = {
  from: Day;
  to: Day;
  days: number;
  organisations: number;
  snapshots: number;
};

/**
 * Runs the rescores still owed (so no organisation's marks are dropped unscored), then scores
 * every day of the range for the organisation (or all): the newest day with full explanations,
 * the older ones as history summaries (backfillScores).
 */
export async function recomputeHistory(
  handle: DbHandle,
  options: {
    orgId?: string;
    from?: Day;
    to?: Day;
    onDay?: (day: Day, done: number, total: number) => void;
  },
): Promise<RecomputeResult> {
  const to = options.to ?? todayInShanghai();
  const from = options.from ?? addDays(to, -(DEFAULT_HISTORY_DAYS - 1));
  if (daysBetween(from, to) < 0) throw new RangeError("from is after to");
  await rescoreEverythingStale(handle);
  const orgIds = options.orgId ? [options.orgId] : await allOrganisationIds(handle);
  const snapshots = await backfillScores(handle, { orgIds, from, to, onDay: options.onDay });
  return { from, to, days: daysBetween(from, to) + 1, organisations: orgIds.length, snapshots };
}
