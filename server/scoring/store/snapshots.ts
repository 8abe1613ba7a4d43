import { and, desc, eq, isNotNull, lte, sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import type { BinaryTupleEncoder } from "@/db/copy-binary";
import { copyBinaryTuples } from "@/db/copy-writer";
import { isUniqueViolation } from "@/db/errors";
import { scoreSnapshots } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { dayNumber, type Day } from "@/server/lib/time";
import type { ScoreExplanation } from "../explain";
import { readStoredExplanation } from "../stored-explanation";

/**
 * The columns a stored day is read back from, whether it keeps its full explanation (`result`) or
 * only the summary columns of a history day: one list for every reader of stored days.
 */
export const STORED_DAY_COLUMNS = {
  day: scoreSnapshots.day,
  state: scoreSnapshots.state,
  validOrders: scoreSnapshots.validOrders,
  overall: scoreSnapshots.overall,
  beatsPercent: scoreSnapshots.beatsPercent,
  result: scoreSnapshots.result,
  dimensionScores: scoreSnapshots.dimensionScores,
  indicatorValues: scoreSnapshots.indicatorValues,
  indicatorPercentiles: scoreSnapshots.indicatorPercentiles,
};

export type SnapshotWrite = {
  orgId: string;
  entityKind: EntityKind;
  entityId: string;
  ruleSet: string;
  day: Day;
  rollupVersion: number;
  explanation: ScoreExplanation;
};

/** The temporary table rows are copied into (COPY cannot write into a table with row-level security). */
const SNAPSHOT_STAGE = "koubei_snapshot_stage";
/** The staged columns, in the order every encoder below writes them. */
const COLUMNS = "org_id, entity_kind, entity_id, rule_set, day, state, valid_orders, overall, beats_percent, result, dimension_scores, indicator_values, indicator_percentiles, rollup_version";
const COLUMN_COUNT = 14;

/**
 * Upserts snapshot rows: each row encoded as one tuple of COLUMNS in PostgreSQL's binary COPY
 * format, copied into a temporary table, then inserted from it. A history backfill writes about a
 * million rows, and a day of ten thousand explanations is 30 MB of JSON; as COPY bytes nothing is
 * printed or parsed twice, where statement parameters cost more to send and decode than the
 * insert itself.
 */
async function writeSnapshotRows<T>(handle: DbHandle, tx: Tx, rows: readonly T[], encode: (tuples: BinaryTupleEncoder, row: T) => void): Promise<void> {
  if (rows.length === 0) return;
  // A day of explanations is tens of megabytes of JSON; lz4 compresses it several times faster than
  // PostgreSQL's default, where the server has it (PGlite does not). For this transaction only.
  await tx.execute(sql`select set_config('default_toast_compression', 'lz4', true)
    where exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals))`);
  await tx.execute(
    sql.raw(`create temp table ${SNAPSHOT_STAGE} (org_id uuid, entity_kind text, entity_id uuid, rule_set text, day date, state text,
      valid_orders integer, overall float8, beats_percent float8, result json, dimension_scores bytea, indicator_values bytea,
      indicator_percentiles bytea, rollup_version integer) on commit drop`),
  );
  await copyBinaryTuples(handle, tx, SNAPSHOT_STAGE, rows, COLUMN_COUNT, encode);
  const insert = sql.raw(`insert into score_snapshots (${COLUMNS}) select ${COLUMNS} from ${SNAPSHOT_STAGE}`);
  // A backfill mostly fills days that hold nothing yet, and a plain insert costs a third less than
  // an upsert; when a row is there already, the savepoint undoes the attempt and the upsert runs.
  try {
    await tx.transaction((attempt) => attempt.execute(insert));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.execute(sql`${insert}
      on conflict (org_id, entity_kind, entity_id, rule_set, day) do update set
        state = excluded.state, valid_orders = excluded.valid_orders, overall = excluded.overall, beats_percent = excluded.beats_percent,
        result = excluded.result, dimension_scores = excluded.dimension_scores, indicator_values = excluded.indicator_values,
        indicator_percentiles = excluded.indicator_percentiles, rollup_version = excluded.rollup_version, computed_at = now()`);
  }
  // Gone now, not at commit: a history run writes one day after another in one transaction.
  await tx.execute(sql.raw(`drop table ${SNAPSHOT_STAGE}`));
}

/** Upserts full snapshots (explanations); a summary stored for the same day is replaced. */
export async function saveSnapshots(handle: DbHandle, tx: Tx, rows: readonly SnapshotWrite[]): Promise<void> {
  await writeSnapshotRows(handle, tx, rows, (tuples, r) => {
    const e = r.explanation;
    tuples.uuid(r.orgId).text(r.entityKind).uuid(r.entityId).text(r.ruleSet).date(dayNumber(r.day)).text(e.state).int4(e.validOrders);
    tuples.float8(e.overall).float8(e.beatsPercent).text(JSON.stringify(e)).null().null().null().int4(r.rollupVersion);
  });
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

/** Upserts one day of history summaries for one organisation; a full snapshot stored for the day is replaced. */
export async function saveSummaries(handle: DbHandle, tx: Tx, target: { orgId: string; entityKind: EntityKind; day: Day }, rows: readonly SummaryWrite[]): Promise<void> {
  const day = dayNumber(target.day);
  await writeSnapshotRows(handle, tx, rows, (tuples, r) => {
    tuples.uuid(target.orgId).text(target.entityKind).uuid(r.entityId).text(r.ruleSet).date(day).text(r.state).int4(r.validOrders);
    tuples.float8(r.overall).float8(r.beatsPercent).null().packedFloat8(r.dimensionScores).packedFloat8(r.indicatorValues).packedFloat8(r.indicatorPercentiles);
    tuples.int4(r.rollupVersion);
  });
}

const entityFilter = (orgId: string, kind: EntityKind, entityId: string, ruleSet: string) =>
  and(
    eq(scoreSnapshots.orgId, orgId),
    eq(scoreSnapshots.entityKind, kind),
    eq(scoreSnapshots.entityId, entityId),
    eq(scoreSnapshots.ruleSet, ruleSet),
  );

/**
 * The newest snapshot with its full explanation, checked against the contract (history days
 * before it may be summaries).
 */
export async function latestSnapshot(
  tx: Tx,
  orgId: string,
  kind: EntityKind,
  entityId: string,
  ruleSet: string,
  /** The newest on or before this day (an as-of read); the newest of all when absent. */
  onOrBefore?: Day,
) {
  const [row] = await tx
    .select({ day: scoreSnapshots.day, computedAt: scoreSnapshots.computedAt, rollupVersion: scoreSnapshots.rollupVersion, result: scoreSnapshots.result })
    .from(scoreSnapshots)
    .where(and(entityFilter(orgId, kind, entityId, ruleSet), isNotNull(scoreSnapshots.result), onOrBefore ? lte(scoreSnapshots.day, onOrBefore) : undefined))
    .orderBy(desc(scoreSnapshots.day))
    .limit(1);
  if (!row) return null;
  const explanation = readStoredExplanation({ orgId, entityId, ruleSet, day: row.day, result: row.result });
  return { day: row.day, computedAt: row.computedAt, rollupVersion: row.rollupVersion, explanation };
}
