import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { directoryCardDays, directoryCards, scoreSnapshots } from "@/db/schema";
import type { CardField } from "@/lib/contracts/directory";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { ENTITY_KINDS } from "@/lib/contracts/entity-kinds";
import { tableOf } from "@/server/entities/tables";
import { addDays, type Day } from "@/server/lib/time";
import { findRuleSet, findRuleSetView, type RuleSetView } from "@/server/scoring/rule-sets";
import { readStoredExplanation } from "@/server/scoring/stored-explanation";
import { STORED_DAY_COLUMNS } from "@/server/scoring/store/snapshots";
import { cardValuesOf, dayScoreFromExplanation, dayScoreFromSummary, type CardValues, type DayScore } from "./card-values";

/** The trend looks this far back, so a refresh of day D reads stored scores from D − 90 on. */
const LONGEST_TREND_DAYS = 90;
const WRITE_CHUNK = 500;

export type CardRefresh = {
  /** Only these entities' cards (all of the organisation's listed ones when absent). */
  entityIds?: readonly string[];
  kind?: EntityKind;
  from: Day;
  to: Day;
};

type ListedCard = { id: string; entityKind: EntityKind; entityId: string; fields: CardField[]; day: string | null };

/**
 * Brings the organisation's listed cards up to date with its stored scores for days from..to:
 * each day's published values into directory_card_days, the newest into the card itself, the
 * entity's name, category and rule set as the owner chose to show them. Runs in the owner's tenant
 * transaction after scores are stored (server/scoring/rescore.ts, scoreOrganisationDay) and when a
 * card is listed. Reads only listed entities; only published fields leave this function.
 */
export async function refreshDirectoryCards(tx: Tx, orgId: string, request: CardRefresh): Promise<number> {
  let written = 0;
  for (const kind of ENTITY_KINDS) {
    if (request.kind && request.kind !== kind) continue;
    const filters = [eq(directoryCards.orgId, orgId), eq(directoryCards.entityKind, kind)];
    if (request.entityIds) {
      if (request.entityIds.length === 0) continue;
      filters.push(inArray(directoryCards.entityId, [...request.entityIds]));
    }
    const cards: ListedCard[] = await tx
      .select({ id: directoryCards.id, entityKind: directoryCards.entityKind, entityId: directoryCards.entityId, fields: directoryCards.fields, day: directoryCards.day })
      .from(directoryCards)
      .where(and(...filters));
    if (cards.length > 0) written += await refreshKind(tx, orgId, kind, cards, request);
  }
  return written;
}

async function refreshKind(tx: Tx, orgId: string, kind: EntityKind, cards: ListedCard[], request: CardRefresh): Promise<number> {
  const table = tableOf(kind);
  const entityIds = cards.map((c) => c.entityId);
  const entities = await tx
    .select({ id: table.id, name: table.name, externalId: table.externalId, categoryCode: table.categoryCode, ruleSet: table.ruleSet })
    .from(table)
    .where(and(eq(table.orgId, orgId), inArray(table.id, entityIds)));
  const entityById = new Map(entities.map((e) => [e.id, e]));
  const snapshots = await tx
    .select({
      entityId: scoreSnapshots.entityId,
      ruleSet: scoreSnapshots.ruleSet,
      ...STORED_DAY_COLUMNS,
    })
    .from(scoreSnapshots)
    .where(
      and(
        eq(scoreSnapshots.orgId, orgId),
        eq(scoreSnapshots.entityKind, kind),
        inArray(scoreSnapshots.entityId, entityIds),
        gte(scoreSnapshots.day, addDays(request.from, -LONGEST_TREND_DAYS)),
        lte(scoreSnapshots.day, request.to),
      ),
    );
  const daysByEntity = new Map<string, Map<string, DayScore>>();
  for (const row of snapshots) {
    const entity = entityById.get(row.entityId);
    if (!entity || entity.ruleSet !== row.ruleSet) continue;
    const day = dayScoreOf(orgId, row);
    if (!day) continue;
    let days = daysByEntity.get(row.entityId);
    if (!days) daysByEntity.set(row.entityId, (days = new Map()));
    days.set(row.day, day);
  }

  const dayRows: (CardValues & { orgId: string; cardId: string })[] = [];
  for (const card of cards) {
    const entity = entityById.get(card.entityId);
    if (!entity) continue;
    // Any rule set the app scores (5-point, 100-point, SPS): the card is published on its own scale.
    const ruleSet = findRuleSetView(entity.ruleSet);
    if (!ruleSet) continue;
    const days = daysByEntity.get(card.entityId) ?? new Map<string, DayScore>();
    let newest: CardValues | null = null;
    for (const [day, score] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
      if (day < request.from) continue;
      const values = cardValuesOf(card.fields, score, { d30: days.get(addDays(day, -30)), d90: days.get(addDays(day, -90)) }, ruleSet);
      dayRows.push({ orgId, cardId: card.id, ...values });
      newest = values;
    }
    await updateCard(tx, orgId, card, entity, ruleSet, newest);
  }
  for (let i = 0; i < dayRows.length; i += WRITE_CHUNK) {
    await tx
      .insert(directoryCardDays)
      .values(dayRows.slice(i, i + WRITE_CHUNK))
      .onConflictDoUpdate({
        target: [directoryCardDays.orgId, directoryCardDays.cardId, directoryCardDays.day],
        set: excludedValues,
      });
  }
  return dayRows.length;
}

type SnapshotRow = {
  entityId: string;
  ruleSet: string;
  day: string;
  state: "scored" | "insufficient_data";
  validOrders: number;
  overall: number | null;
  beatsPercent: number | null;
  result: unknown;
  dimensionScores: readonly number[] | null;
  indicatorValues: readonly number[] | null;
  indicatorPercentiles: readonly number[] | null;
};

/**
 * A stored day's card numbers: from its explanation (every day of the 100-point and SPS rule sets,
 * and the 5-point rule sets' full days), else from the 5-point history summary. Null for a summary
 * of a rule set that writes none.
 */
function dayScoreOf(orgId: string, row: SnapshotRow): DayScore | null {
  if (row.result) return dayScoreFromExplanation(readStoredExplanation({ orgId, entityId: row.entityId, ruleSet: row.ruleSet, day: row.day, result: row.result }));
  const fivePoint = findRuleSet(row.ruleSet);
  if (!fivePoint) return null;
  return dayScoreFromSummary(fivePoint, { ...row, dimensionScores: row.dimensionScores ? [...row.dimensionScores] : null, indicatorValues: row.indicatorValues ? [...row.indicatorValues] : null, indicatorPercentiles: row.indicatorPercentiles ? [...row.indicatorPercentiles] : null });
}

const excluded = (column: string) => sql.raw(`excluded.${column}`);
const excludedValues = {
  overall: excluded("overall"),
  product: excluded("dim_product"),
  logistics: excluded("dim_logistics"),
  service: excluded("dim_service"),
  goodReviewRate: excluded("good_review_rate"),
  trend30: excluded("trend_30"),
  trend90: excluded("trend_90"),
  trend: excluded("trend"),
  indicators: excluded("indicators"),
};

/** The card follows its entity (name, category, rule set as published) and takes the newest day's values. */
async function updateCard(
  tx: Tx,
  orgId: string,
  card: ListedCard,
  entity: { name: string; externalId: string; categoryCode: string; ruleSet: string },
  ruleSet: RuleSetView,
  newest: CardValues | null,
): Promise<void> {
  const shows = new Set(card.fields);
  const takesValues = newest !== null && (card.day === null || newest.day >= card.day);
  await tx
    .update(directoryCards)
    .set({
      name: entity.name,
      platformId: entity.externalId,
      categoryCode: shows.has("category") ? entity.categoryCode : null,
      ruleSet: shows.has("ruleSet") ? entity.ruleSet : null,
      scoreDecimals: ruleSet.displayDecimals,
      scoreMin: ruleSet.scoreBounds.min,
      scoreMax: ruleSet.scoreBounds.max,
      ...(takesValues ? newest : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(directoryCards.orgId, orgId), eq(directoryCards.id, card.id)));
}
