import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scoreSnapshots } from "@/db/schema";
import type { EntityKind } from "@/db/schema/scoring";
import type { Day } from "@/server/lib/time";
import type { ScoreExplanation, ScoreSummary } from "../explain";

export type SnapshotWrite = {
  orgId: string;
  entityKind: EntityKind;
  entityId: string;
  ruleSet: string;
  day: Day;
  rollupVersion: number;
  /** The full explanation, or a history day's summary (backfill). */
  explanation: ScoreExplanation | ScoreSummary;
};

/**
 * Upserts snapshots, a few thousand per statement: the rows travel as one jsonb parameter (the
 * same on PostgreSQL and PGlite), which a history backfill of many thousand entities needs.
 */
export async function saveSnapshots(tx: Tx, rows: readonly SnapshotWrite[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const records = rows.slice(i, i + 2000).map((r) => ({
      org_id: r.orgId,
      entity_kind: r.entityKind,
      entity_id: r.entityId,
      rule_set: r.ruleSet,
      day: r.day,
      state: r.explanation.state,
      valid_orders: r.explanation.validOrders,
      overall: r.explanation.overall,
      beats_percent: r.explanation.beatsPercent,
      result: r.explanation,
      rollup_version: r.rollupVersion,
    }));
    await tx.execute(sql`
      insert into score_snapshots (org_id, entity_kind, entity_id, rule_set, day, state, valid_orders, overall, beats_percent, result, rollup_version)
      select org_id, entity_kind, entity_id, rule_set, day, state, valid_orders, overall, beats_percent, result, rollup_version
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(org_id uuid, entity_kind text, entity_id uuid, rule_set text, day date,
        state text, valid_orders integer, overall double precision, beats_percent double precision, result jsonb, rollup_version integer)
      on conflict (org_id, entity_kind, entity_id, rule_set, day) do update set
        state = excluded.state, valid_orders = excluded.valid_orders, overall = excluded.overall, beats_percent = excluded.beats_percent,
        result = excluded.result, rollup_version = excluded.rollup_version, computed_at = now()`);
  }
}

const entityFilter = (orgId: string, kind: EntityKind, entityId: string, ruleSet: string) =>
  and(
    eq(scoreSnapshots.orgId, orgId),
    eq(scoreSnapshots.entityKind, kind),
    eq(scoreSnapshots.entityId, entityId),
    eq(scoreSnapshots.ruleSet, ruleSet),
  );

export async function latestSnapshot(
  tx: Tx,
  orgId: string,
  kind: EntityKind,
  entityId: string,
  ruleSet: string,
) {
  const [row] = await tx
    .select()
    .from(scoreSnapshots)
    .where(entityFilter(orgId, kind, entityId, ruleSet))
    .orderBy(desc(scoreSnapshots.day))
    .limit(1);
  return row ?? null;
}

export async function snapshotHistory(
  tx: Tx,
  orgId: string,
  kind: EntityKind,
  entityId: string,
  ruleSet: string,
  from: Day,
  to: Day,
) {
  return tx
    .select({
      day: scoreSnapshots.day,
      state: scoreSnapshots.state,
      overall: scoreSnapshots.overall,
      beatsPercent: scoreSnapshots.beatsPercent,
    })
    .from(scoreSnapshots)
    .where(
      and(
        entityFilter(orgId, kind, entityId, ruleSet),
        gte(scoreSnapshots.day, from),
        lte(scoreSnapshots.day, to),
      ),
    )
    .orderBy(asc(scoreSnapshots.day));
}
