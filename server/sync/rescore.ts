import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { queueScoringRefresh, refreshOrganisationScores } from "@/server/jobs/scoring-refresh";

/**
 * "Facts changed, so rescore" for a sync: the one place this module asks for it, so that it
 * follows whatever the rest of the app does (queued when the job queue runs, else here and now).
 */
export async function rescoreAfterSync(handle: DbHandle, boss: PgBoss | null, orgId: string): Promise<void> {
  if (boss) await queueScoringRefresh(boss, orgId);
  else await refreshOrganisationScores(handle, orgId);
}
