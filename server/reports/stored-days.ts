import { and, asc, desc, eq, gte, inArray, isNotNull, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scoreSnapshots } from "@/db/schema";
import type { Threshold } from "@/lib/contracts/explanation";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { dayScoreFromExplanation, dayScoreFromSummary, type DayScore } from "@/server/directory/card-values";
import { findRuleSet, type RuleSetView } from "@/server/scoring/rule-sets";
import { shownScoreOf } from "@/server/scoring/score-display";
import type { ScoreExplanation } from "@/server/scoring/explain";
import { readStoredExplanation } from "@/server/scoring/stored-explanation";
import { STORED_DAY_COLUMNS } from "@/server/scoring/store/snapshots";

/**
 * A stored day of an entity's score as a file row: the shown overall and dimensions, each
 * indicator's value and peer percentile, exactly as stored. Full days read their explanation;
 * history days stored as summaries (ADR 0005) read their packed columns through the same display
 * rounding the history chart uses. Nothing is recomputed.
 */
export type StoredDay = DayScore & {
  state: "scored" | "insufficient_data";
  validOrders: number;
  band: Threshold | null;
  /** The full explanation when the day keeps one (the newest day, days asked for as of). */
  explanation: ScoreExplanation | null;
};

const SNAPSHOT_COLUMNS = { entityId: scoreSnapshots.entityId, ...STORED_DAY_COLUMNS };

type SnapshotRow = {
  entityId: string;
  day: string;
  state: "scored" | "insufficient_data";
  validOrders: number;
  overall: number | null;
  beatsPercent: number | null;
  result: Record<string, unknown> | null;
  dimensionScores: readonly number[] | null;
  indicatorValues: readonly number[] | null;
  indicatorPercentiles: readonly number[] | null;
};

function storedDay(orgId: string, ruleSet: RuleSetView, row: SnapshotRow): StoredDay {
  if (row.result !== null) {
    const explanation = readStoredExplanation({ orgId, entityId: row.entityId, ruleSet: ruleSet.name, day: row.day, result: row.result });
    return { ...dayScoreFromExplanation(explanation), state: explanation.state, validOrders: explanation.validOrders, band: explanation.band, explanation };
  }
  // History summaries (no explanation) are written for the 5-point rule sets only.
  const fivePoint = findRuleSet(ruleSet.name);
  if (!fivePoint) throw new RangeError(`a summary day under ${ruleSet.name}`);
  const day = dayScoreFromSummary(fivePoint, row);
  const band = row.state === "scored" && row.overall !== null ? shownScoreOf(ruleSet, row.overall).band : null;
  return { ...day, state: row.state, validOrders: row.validOrders, band, explanation: null };
}

const ofEntities = (orgId: string, kind: EntityKind, ruleSet: string, extra: SQL | undefined) =>
  and(eq(scoreSnapshots.orgId, orgId), eq(scoreSnapshots.entityKind, kind), eq(scoreSnapshots.ruleSet, ruleSet), extra);

/** One entity's stored days from `from` on, oldest first. */
export async function storedDays(tx: Tx, target: { orgId: string; kind: EntityKind; entityId: string; ruleSet: RuleSetView; from: string }): Promise<StoredDay[]> {
  const rows = await tx
    .select(SNAPSHOT_COLUMNS)
    .from(scoreSnapshots)
    .where(ofEntities(target.orgId, target.kind, target.ruleSet.name, and(eq(scoreSnapshots.entityId, target.entityId), gte(scoreSnapshots.day, target.from))))
    .orderBy(asc(scoreSnapshots.day));
  return rows.map((row) => storedDay(target.orgId, target.ruleSet, row));
}

/** The newest day with a full explanation of each entity (of one kind and rule set), keyed by entity id. */
export async function latestExplainedDays(tx: Tx, target: { orgId: string; kind: EntityKind; ruleSet: RuleSetView; entityIds: readonly string[] }): Promise<Map<string, StoredDay>> {
  const latest = new Map<string, StoredDay>();
  // Chunked: an organisation may hold ten thousand shops, and a statement's parameters are limited.
  for (let i = 0; i < target.entityIds.length; i += 2000) {
    const ids = target.entityIds.slice(i, i + 2000);
    const rows = await tx
      .selectDistinctOn([scoreSnapshots.entityId], SNAPSHOT_COLUMNS)
      .from(scoreSnapshots)
      .where(ofEntities(target.orgId, target.kind, target.ruleSet.name, and(inArray(scoreSnapshots.entityId, ids), isNotNull(scoreSnapshots.result))))
      .orderBy(scoreSnapshots.entityId, desc(scoreSnapshots.day));
    for (const row of rows) latest.set(row.entityId, storedDay(target.orgId, target.ruleSet, row));
  }
  return latest;
}
