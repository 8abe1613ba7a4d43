import { and, asc, desc, eq, gte, isNotNull, lte, sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { openCopyWriter } from "@/db/copy-writer";
import { scoreSnapshots } from "@/db/schema";
import type { EntityKind } from "@/db/schema/scoring";
import type { Day } from "@/server/lib/time";
import { BinaryTupleEncoder } from "@/db/copy-binary";
import { isUniqueViolation } from "@/db/errors";
import type { ScoreExplanation } from "../explain";

export type SnapshotWrite = {
  orgId: string;
  entityKind: EntityKind;
  entityId: string;
  ruleSet: string;
  day: Day;
  rollupVersion: number;
  explanation: ScoreExplanation;
};

/**
 * Upserts snapshots, a few thousand per statement: the rows travel as one json parameter (the
 * same on PostgreSQL and PGlite); json, unlike jsonb, is only checked, not rebuilt, on the way in.
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
      from json_to_recordset(${JSON.stringify(records)}::json) as r(org_id uuid, entity_kind text, entity_id uuid, rule_set text, day date,
        state text, valid_orders integer, overall double precision, beats_percent double precision, result json, rollup_version integer)
      on conflict (org_id, entity_kind, entity_id, rule_set, day) do update set
        state = excluded.state, valid_orders = excluded.valid_orders, overall = excluded.overall, beats_percent = excluded.beats_percent,
        result = excluded.result, dimension_scores = null, indicator_values = null, indicator_percentiles = null,
        rollup_version = excluded.rollup_version, computed_at = now()`);
  }
}

/** One entity's history day in columns (ADR 0007, 0008); see StoredSummary for the array layouts. */
export type SummaryWrite = {
  entityId: string;
  ruleSet: string;
  rollupVersion: number;
  state: "scored" | "insufficient_data";
  validOrders: number;
  overall: number | null;
  beatsPercent: number | null;
  dimensionScores: ArrayLike<number> | null;
  indicatorValues: ArrayLike<number>;
  indicatorPercentiles: ArrayLike<number>;
};

/** The temporary table a day of summaries is copied into (COPY cannot write into a table with row-level security). */
const SUMMARY_STAGE = "koubei_summary_stage";
const COPY_CHUNK_BYTES = 256 * 1024;

/**
 * Writes one day of history summaries for one organisation: copied into a temporary table, then
 * inserted from it. A history backfill writes about a million rows; binary COPY takes them as one
 * stream of bytes, where statement parameters or text cost more to print, send and parse than the
 * insert itself. The number arrays are stored as packed doubles (ADR 0008).
 */
export async function saveSummaries(handle: DbHandle, tx: Tx, target: { orgId: string; entityKind: EntityKind; day: Day }, rows: readonly SummaryWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(
    sql.raw(`create temp table ${SUMMARY_STAGE} (entity_id uuid, rule_set text, state text, valid_orders integer, overall float8, beats_percent float8,
      dimension_scores bytea, indicator_values bytea, indicator_percentiles bytea, rollup_version integer) on commit drop`),
  );
  const copy = openCopyWriter(handle, tx, SUMMARY_STAGE, "binary");
  const tuples = new BinaryTupleEncoder();
  try {
    for (const r of rows) {
      tuples.tuple(10).uuid(r.entityId).text(r.ruleSet).text(r.state).int4(r.validOrders).float8(r.overall).float8(r.beatsPercent);
      tuples.packedFloat8(r.dimensionScores).packedFloat8(r.indicatorValues).packedFloat8(r.indicatorPercentiles).int4(r.rollupVersion);
      if (tuples.length >= COPY_CHUNK_BYTES && !copy.write(tuples.take())) await copy.flush();
    }
    copy.write(tuples.take());
    await copy.pause();
  } catch (error) {
    copy.abort(error);
    throw error;
  }
  const insert = sql`
    insert into score_snapshots (org_id, entity_kind, entity_id, rule_set, day, state, valid_orders, overall, beats_percent, result,
      dimension_scores, indicator_values, indicator_percentiles, rollup_version)
    select ${target.orgId}::uuid, ${target.entityKind}, s.entity_id, s.rule_set, ${target.day}::date, s.state, s.valid_orders, s.overall, s.beats_percent, null,
      s.dimension_scores, s.indicator_values, s.indicator_percentiles, s.rollup_version
    from ${sql.raw(SUMMARY_STAGE)} s`;
  // Most backfills fill days that hold nothing yet, and a plain insert costs a third less than an
  // upsert; when a row is there already, the savepoint undoes the attempt and the upsert runs.
  try {
    await tx.transaction((attempt) => attempt.execute(insert));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.execute(sql`${insert}
      on conflict (org_id, entity_kind, entity_id, rule_set, day) do update set
        state = excluded.state, valid_orders = excluded.valid_orders, overall = excluded.overall, beats_percent = excluded.beats_percent,
        result = null, dimension_scores = excluded.dimension_scores, indicator_values = excluded.indicator_values,
        indicator_percentiles = excluded.indicator_percentiles, rollup_version = excluded.rollup_version, computed_at = now()`);
  }
}

const entityFilter = (orgId: string, kind: EntityKind, entityId: string, ruleSet: string) =>
  and(
    eq(scoreSnapshots.orgId, orgId),
    eq(scoreSnapshots.entityKind, kind),
    eq(scoreSnapshots.entityId, entityId),
    eq(scoreSnapshots.ruleSet, ruleSet),
  );

/** The newest snapshot with its full explanation (history days before it may be summaries). */
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
    .where(and(entityFilter(orgId, kind, entityId, ruleSet), isNotNull(scoreSnapshots.result)))
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
