import { and, desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { syncRuns } from "@/db/schema";

/** Failed runs in a row, across the organisation's shops, that open the breaker. */
export const BREAKER_FAILURES = 5;
/** How long an open breaker keeps scheduled and pushed runs away from the platform. */
export const BREAKER_COOL_DOWN_MS = 15 * 60 * 1000;

/**
 * A circuit breaker per organisation: when its last runs all failed (the platform is down, or
 * the app was blocked), scheduled and pushed runs are skipped for a while instead of hammering
 * the platform and the rate limit it shares across the organisation's shops. A run someone asks
 * for still goes through (it is the probe that closes the breaker again).
 */
export async function breakerOpen(tx: Tx, orgId: string, now: Date): Promise<boolean> {
  const recent = await tx
    .select({ status: syncRuns.status, finishedAt: syncRuns.finishedAt })
    .from(syncRuns)
    .where(and(eq(syncRuns.orgId, orgId), inArray(syncRuns.status, ["succeeded", "failed"])))
    .orderBy(desc(syncRuns.startedAt))
    .limit(BREAKER_FAILURES);
  if (recent.length < BREAKER_FAILURES || recent.some((r) => r.status !== "failed")) return false;
  const last = recent[0]?.finishedAt;
  return last !== null && last !== undefined && now.getTime() - last.getTime() < BREAKER_COOL_DOWN_MS;
}
