import type { Tx } from "@/db/client";
import type { DbHandle } from "@/db/client";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import { PUBLIC_HISTORY_MAX_DAYS, type PublicScore } from "@/lib/contracts/public-api";
import { withTenant } from "@/server/db/tenant";
import { getEntity } from "@/server/entities/queries";
import { badInput } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, daysBetween } from "@/server/lib/time";
import { entityScoreAsOf } from "@/server/scoring/as-of";
import { getRuleSetView } from "@/server/scoring/rule-sets";
import { historySeries } from "@/server/scoring/store/history-series";
import { latestSnapshot } from "@/server/scoring/store/snapshots";
import { toPublicEntity } from "./entities";

/** The stored score (latest, or as of a day — computed first when missing) with its explanation, as the app shows it. */
export async function publicScore(handle: DbHandle, scope: OrgScope, kind: ScoredEntityKind, id: string, day?: string): Promise<PublicScore> {
  const score = await entityScoreAsOf(handle, scope, kind, id, { day });
  const entity = await withTenant(handle, scope, (tx) => getEntity(tx, scope, kind, id));
  return {
    entity: toPublicEntity(kind, entity),
    day: score.latest?.day ?? null,
    computedAt: score.latest?.computedAt.toISOString() ?? null,
    recalculating: score.recalculating,
    explanation: score.latest?.explanation ?? null,
  };
}

/** The daily history between two days (default: the 90 days up to the latest score), at most a year. */
export async function publicHistory(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, id: string, range: { from?: string; to?: string }) {
  const entity = await getEntity(tx, scope, kind, id);
  const ruleSet = getRuleSetView(entity.ruleSet);
  const to = range.to ?? (await latestSnapshot(tx, scope.orgId, kind, entity.id, entity.ruleSet))?.day ?? null;
  if (!to) return { entity: toPublicEntity(kind, entity), from: null, to: null, points: [] };
  const from = range.from ?? addDays(to, -89);
  if (from > to) throw badInput("publicApi.rangeReversed", "from");
  if (daysBetween(from, to) >= PUBLIC_HISTORY_MAX_DAYS) throw badInput("publicApi.rangeTooLong", "from", { days: PUBLIC_HISTORY_MAX_DAYS });
  const points = await historySeries(tx, { orgId: scope.orgId, kind, entityId: entity.id, ruleSet }, from, to);
  return { entity: toPublicEntity(kind, entity), from, to, points };
}
