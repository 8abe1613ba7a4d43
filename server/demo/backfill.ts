import type { DbHandle } from "@/db/client";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { backfillScores } from "@/server/scoring/backfill";
import { HISTORY_DAYS } from "@/server/scoring/queries";
import { refreshAllStaleRollups } from "@/server/scoring/refresh";

/** Scores a freshly seeded organisation's last 90 days: today first, so a new user sees scores at once. */
export async function backfillDemoScores(handle: DbHandle, orgId: string, options: { days?: number } = {}): Promise<number> {
  const today = todayInShanghai();
  await refreshAllStaleRollups(handle);
  return backfillScores(handle, { orgIds: [orgId], from: addDays(today, -((options.days ?? HISTORY_DAYS) - 1)), to: today });
}
