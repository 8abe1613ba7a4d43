import { and, asc, desc, eq, gte, isNotNull, lte, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scoreSnapshots } from "@/db/schema";
import type { EntityKind } from "@/db/schema/scoring";
import type { Day } from "@/server/lib/time";
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

/** One entity's history day in columns (ADR 0005); see StoredSummary for the array layouts. */
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

const SUMMARIES_PER_STATEMENT = 5000;

/** A float8[] literal. JS prints the shortest text that reads back as the same double, so no bit is lost. */
function float8Array(values: ArrayLike<number | null>): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    parts.push(value === null || value === undefined ? "NULL" : Number.isNaN(value) ? "NaN" : String(value));
  }
  return `{${parts.join(",")}}`;
}

/** A text[] literal of float8[] literals (quoted: they hold commas and braces), NULL for none. */
function nestedFloat8Arrays(rows: readonly (ArrayLike<number> | null)[]): string {
  return `{${rows.map((row) => (row ? `"${float8Array(row)}"` : "NULL")).join(",")}}`;
}

const textArray = (values: readonly string[]) => `{${values.map((v) => `"${v}"`).join(",")}}`;

/**
 * Upserts one day of history summaries for one organisation. The rows travel as a handful of
 * array parameters, unnested in SQL: a history backfill writes about a million of them, and
 * numbers parse far faster as float8[] than as JSON.
 */
export async function saveSummaries(tx: Tx, target: { orgId: string; entityKind: EntityKind; day: Day }, rows: readonly SummaryWrite[]): Promise<void> {
  for (let i = 0; i < rows.length; i += SUMMARIES_PER_STATEMENT) {
    const chunk = rows.slice(i, i + SUMMARIES_PER_STATEMENT);
    await tx.execute(sql`
      insert into score_snapshots (org_id, entity_kind, entity_id, rule_set, day, state, valid_orders, overall, beats_percent, result,
        dimension_scores, indicator_values, indicator_percentiles, rollup_version)
      select ${target.orgId}::uuid, ${target.entityKind}, u.entity_id, u.rule_set, ${target.day}::date, u.state, u.valid_orders, u.overall, u.beats_percent, null,
        u.dimension_scores::float8[], u.indicator_values::float8[], u.indicator_percentiles::float8[], u.rollup_version
      from unnest(${textArray(chunk.map((r) => r.entityId))}::uuid[], ${textArray(chunk.map((r) => r.ruleSet))}::text[],
        ${textArray(chunk.map((r) => r.state))}::text[], ${`{${chunk.map((r) => r.validOrders).join(",")}}`}::int[],
        ${float8Array(chunk.map((r) => r.overall))}::float8[], ${float8Array(chunk.map((r) => r.beatsPercent))}::float8[],
        ${nestedFloat8Arrays(chunk.map((r) => r.dimensionScores))}::text[], ${nestedFloat8Arrays(chunk.map((r) => r.indicatorValues))}::text[],
        ${nestedFloat8Arrays(chunk.map((r) => r.indicatorPercentiles))}::text[], ${`{${chunk.map((r) => r.rollupVersion).join(",")}}`}::int[])
        as u(entity_id, rule_set, state, valid_orders, overall, beats_percent, dimension_scores, indicator_values, indicator_percentiles, rollup_version)
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
