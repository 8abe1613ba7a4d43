import type { DbHandle } from "@/db/client";
import { logger } from "@/server/lib/logger";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { HISTORY_DAYS } from "@/server/scoring/queries";
import { refreshAllStaleRollups } from "@/server/scoring/refresh";
import { scoreOrganisationDay } from "@/server/scoring/service";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Scores a freshly seeded organisation without starving the app: today first (so a new user sees
 * scores at once), then the history newest to oldest, pausing between days so requests to the
 * single embedded connection get their turn.
 */
export async function backfillDemoScores(handle: DbHandle, orgId: string, options: { days?: number; pauseMs?: number } = {}): Promise<number> {
  const today = todayInShanghai();
  const days = options.days ?? HISTORY_DAYS;
  await refreshAllStaleRollups(handle);
  let snapshots = 0;
  for (let i = 0; i < days; i++) {
    for (const kind of ["shop", "creator"] as const) snapshots += (await scoreOrganisationDay(handle, { orgId, kind, day: addDays(today, -i) })).length;
    if (i === 0) logger.info("demo scores for today ready");
    await pause(options.pauseMs ?? 200);
  }
  return snapshots;
}
