import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scoreSnapshots } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { OrgScope } from "@/server/lib/scope";
import { addDays } from "@/server/lib/time";
import { getEntity, listEntities } from "@/server/entities/queries";
import { getRuleSet } from "./rule-sets";
import { scoreScaleOf, shownScoreOf } from "./score-display";
import { rescorePending } from "./rescore-pending";
import { latestSnapshot, snapshotHistory } from "./store/snapshots";

export const HISTORY_DAYS = 90;

/**
 * The latest stored score of a shop or creator account with its explanation and 90-day history,
 * and whether a rescore is on its way (`recalculating`: the UI says so and looks again).
 */
export async function entityScore(tx: Tx, scope: OrgScope, kind: EntityKind, id: string) {
  const entity = await getEntity(tx, scope, kind, id);
  const latest = await latestSnapshot(tx, scope.orgId, kind, entity.id, entity.ruleSet);
  const history = latest ? await snapshotHistory(tx, scope.orgId, kind, entity.id, entity.ruleSet, addDays(latest.day, -(HISTORY_DAYS - 1)), latest.day) : [];
  const ruleSet = getRuleSet(entity.ruleSet);
  return {
    entity: { kind, id: entity.id, name: entity.name, externalId: entity.externalId, categoryCode: entity.categoryCode, ruleSet: entity.ruleSet },
    latest,
    history: history.map((point) => ({ ...point, overallShown: point.overall === null ? null : shownScoreOf(ruleSet, point.overall).shown })),
    recalculating: await rescorePending(tx, scope.orgId, kind, entity, latest),
  };
}
