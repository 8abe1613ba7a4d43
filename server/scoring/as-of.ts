import type { DbHandle } from "@/db/client";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { withTenant } from "@/server/db/tenant";
import { getEntity } from "@/server/entities/queries";
import { badInput } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { backfillScores } from "./backfill";
import { entityScore, HISTORY_DAYS, type EntityScoreOptions } from "./queries";
import { factDayRange } from "./store/fact-days";
import { latestSnapshot } from "./store/snapshots";

/**
 * The score of a shop or creator account as of any day. A full snapshot stored for the day under
 * the entity's current roll-ups is read as is; otherwise the day is scored now, on the path
 * `koubei score --date` takes (scoreOrganisationDay, as the newest day of backfillScores), and
 * stored like it, together with the history days before it that the chart needs (from the first
 * day with facts, at most 90 days). Runs its own transactions: the caller must hold none.
 */
export async function entityScoreAsOf(handle: DbHandle, scope: OrgScope, kind: EntityKind, id: string, options: EntityScoreOptions = {}) {
  const tenant = { orgId: scope.orgId, userId: scope.userId };
  const { day } = options;
  if (day) {
    if (day > (options.today ?? todayInShanghai())) throw badInput("scoreDayInFuture", "day", { day });
    const missing = await withTenant(handle, tenant, async (tx) => {
      // The visibility check comes first: nothing is computed for an entity the caller cannot see.
      const entity = await getEntity(tx, scope, kind, id);
      const stored = await latestSnapshot(tx, scope.orgId, kind, entity.id, entity.ruleSet, day);
      if (stored?.day === day && stored.rollupVersion === entity.rollupVersion) return null;
      return { entityId: entity.id, facts: await factDayRange(tx, scope.orgId, kind, entity.id) };
    });
    if (missing) {
      const oldest = addDays(day, -(HISTORY_DAYS - 1));
      // A day before the first fact scores nothing but "insufficient": its history is not worth computing.
      const firstUseful = missing.facts ? addDays(missing.facts.first, 1) : day;
      const from = firstUseful > oldest ? (firstUseful < day ? firstUseful : day) : oldest;
      await backfillScores(handle, { orgIds: [scope.orgId], from, to: day, entityIds: [missing.entityId], kinds: [kind] });
    }
  }
  return withTenant(handle, tenant, (tx) => entityScore(tx, scope, kind, id, options));
}
