import type { DbHandle } from "@/db/client";
import { addDays, daysBetween, todayInShanghai, type Day } from "@/server/lib/time";
import { allOrganisationIds, refreshAllStaleRollups } from "./refresh";
import { scoreOrganisationDay } from "./service";

export const DEFAULT_HISTORY_DAYS = 90;

export type RecomputeResult = {
  from: Day;
  to: Day;
  days: number;
  organisations: number;
  snapshots: number;
};

/**
 * Rebuilds stale roll-ups, then scores every day of the range for the organisation (or all).
 * Peers are refreshed day by day, so each day's cohort is complete before anyone is ranked.
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
  await refreshAllStaleRollups(handle);
  const orgIds = options.orgId ? [options.orgId] : await allOrganisationIds(handle);
  const total = daysBetween(from, to) + 1;
  let snapshots = 0;
  for (let i = 0; i < total; i++) {
    const day = addDays(from, i);
    for (const orgId of orgIds) {
      for (const kind of ["shop", "creator"] as const)
        snapshots += (await scoreOrganisationDay(handle, { orgId, kind, day })).length;
    }
    options.onDay?.(day, i + 1, total);
  }
  return { from, to, days: total, organisations: orgIds.length, snapshots };
}
