import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scoreSnapshots } from "@/db/schema";
import type { EntityKind } from "@/db/schema/scoring";
import type { OrgScope } from "@/server/lib/scope";
import { addDays } from "@/server/lib/time";
import { getCreator } from "@/server/creators/service";
import { getShop, listShops } from "@/server/shops/service";
import type { ScoreExplanation } from "./explain";
import { rescorePending } from "./rescore-pending";
import { latestSnapshot, snapshotHistory } from "./store/snapshots";

export const HISTORY_DAYS = 90;

/**
 * The latest stored score of a shop or creator account with its explanation and 90-day history,
 * and whether a rescore is on its way (`recalculating`: the UI says so and looks again).
 */
export async function entityScore(tx: Tx, scope: OrgScope, kind: EntityKind, id: string) {
  const entity = kind === "shop" ? await getShop(tx, scope, id) : await getCreator(tx, scope, id);
  const latest = await latestSnapshot(tx, scope.orgId, kind, entity.id, entity.ruleSet);
  const history = latest ? await snapshotHistory(tx, scope.orgId, kind, entity.id, entity.ruleSet, addDays(latest.day, -(HISTORY_DAYS - 1)), latest.day) : [];
  return {
    entity: { kind, id: entity.id, name: entity.name, externalId: entity.externalId, categoryCode: entity.categoryCode, ruleSet: entity.ruleSet },
    latest: latest ? { day: latest.day, computedAt: latest.computedAt, explanation: latest.result as unknown as ScoreExplanation } : null,
    history,
    recalculating: await rescorePending(tx, scope.orgId, kind, entity.id, latest),
  };
}

/** Every visible shop with its latest score, for the portfolio view (who is at risk of 4.4/4.6/4.8). */
export async function portfolio(tx: Tx, scope: OrgScope) {
  const shopRows = await listShops(tx, scope, { includeArchived: false });
  if (shopRows.length === 0) return [];
  const ids = shopRows.map((s) => s.id);
  const latest = await tx
    .selectDistinctOn([scoreSnapshots.entityId], {
      entityId: scoreSnapshots.entityId,
      ruleSet: scoreSnapshots.ruleSet,
      day: scoreSnapshots.day,
      state: scoreSnapshots.state,
      overall: scoreSnapshots.overall,
      beatsPercent: scoreSnapshots.beatsPercent,
      goodReviewRate: sql<number | null>`(select (i->>'value')::float8 from json_array_elements(${scoreSnapshots.result}->'dimensions') d, json_array_elements(d->'indicators') i where i->>'code' = 'good_review_rate')`,
    })
    .from(scoreSnapshots)
    .where(and(eq(scoreSnapshots.orgId, scope.orgId), eq(scoreSnapshots.entityKind, "shop"), inArray(scoreSnapshots.entityId, ids), isNotNull(scoreSnapshots.result)))
    .orderBy(scoreSnapshots.entityId, desc(scoreSnapshots.day));
  const byShop = new Map(latest.filter((l) => shopRows.find((s) => s.id === l.entityId)?.ruleSet === l.ruleSet).map((l) => [l.entityId, l]));
  return shopRows.map((shop) => ({ shop, score: byShop.get(shop.id) ?? null }));
}
