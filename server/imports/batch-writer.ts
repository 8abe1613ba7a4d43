import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rowsOf } from "@/db/security";
import { shanghaiDayOf } from "@/server/lib/time";
import { factToRecord, keyOf, timestampColumns, type FactTable } from "./fact-tables";
import type { AnyFact } from "./rows";
import { ORDER_STATUS_RANKS } from "./values";

export type BatchCounts = { inserted: number; updated: number; unchanged: number; keptNewer: number; duplicates: number };
export type KeptNewerReasons = { olderExport: number; statusBackwards: number };

export type BatchTarget = {
  orgId: string;
  shopId: string;
  importId: string;
  /** The file's export time; null when the file name does not carry one. */
  exportedAt: Date | null;
};

/** Running totals of one import, across its batches. */
export type BatchTotals = { counts: BatchCounts; days: Set<string>; rows: number };

type FactRecord = Record<string, string | number | boolean | null>;

const ident = (name: string): SQL => sql.raw(`"${name.replace(/"/g, '""')}"`);
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The natural key as one text (the change log's row_key) — the same text keyOf() builds in JS. */
function rowKeySql(table: FactTable, alias: string): string {
  return table.key
    .map((name) => {
      const type = table.columns.find((c) => c.name === name)?.type;
      return type === "timestamptz" ? `to_char(${alias}."${name}" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `${alias}."${name}"::text`;
    })
    .join(" || chr(31) || ");
}

function keyJsonSql(table: FactTable, alias: string): string {
  const parts = table.key.map((name) => {
    const type = table.columns.find((c) => c.name === name)?.type;
    const value = type === "timestamptz" ? `to_char(${alias}."${name}" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `${alias}."${name}"::text`;
    return `${literal(name)}, ${value}`;
  });
  return `jsonb_build_object(${parts.join(", ")})`;
}

/** e.<key> = (c.key->>'<key>')::<type> for every key column (undo matches change-log rows this way). */
export function factKeyMatch(table: FactTable, rowAlias: string, keyExpr: string): SQL {
  return sql.raw(
    table.key
      .map((name) => {
        const type = table.columns.find((c) => c.name === name)?.type ?? "text";
        return `${rowAlias}."${name}" = (${keyExpr}->>'${name}')::${type}`;
      })
      .join(" and "),
  );
}

const KEPT_OLDER = "koubei.kept_older";
const KEPT_STATUS = "koubei.kept_status";
const bump = (setting: string) =>
  `(set_config('${setting}', (coalesce(nullif(current_setting('${setting}', true), ''), '0')::int + 1)::text, true) is null)`;

/** SQL that is true when the incoming row (excluded) would move the stored one (t) backwards. */
function backwardsSql(table: FactTable): string | null {
  if (table.kind === "orders") {
    const rank = (col: string) =>
      `(case lower(${col}) ${ORDER_STATUS_RANKS.flatMap(([names, r]) => names.map((n) => `when ${literal(n)} then ${r}`)).join(" ")} end)`;
    return `${rank("excluded.status")} < ${rank("t.status")}`;
  }
  if (table.kind === "after_sales") return `t.completed_at is not null and excluded.completed_at is null`;
  return null;
}

export async function resetKeptCounters(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config(${KEPT_OLDER}, '0', true), set_config(${KEPT_STATUS}, '0', true)`);
}

export async function readKeptCounters(tx: Tx): Promise<KeptNewerReasons> {
  const [row] = rowsOf<{ older: string | null; status: string | null }>(
    await tx.execute(sql`select current_setting(${KEPT_OLDER}, true) as older, current_setting(${KEPT_STATUS}, true) as status`),
  );
  return { olderExport: Number(row?.older || 0), statusBackwards: Number(row?.status || 0) };
}

/**
 * Writes one batch of facts in the caller's transaction with a single statement: a multi-row
 * INSERT … ON CONFLICT on the natural key (the primary key is the arbiter, so the plan never
 * depends on table statistics). A conflicting row is updated only when it differs and the
 * incoming one is not older (older export, or a status moving backwards: counted as kept newer);
 * the update logs the row's before image (koubei_import_log_before), new rows are logged as
 * inserts, so undo is exact. Records travel as one jsonb parameter, the same on PostgreSQL and PGlite.
 */
export async function writeBatch(tx: Tx, table: FactTable, target: BatchTarget, facts: AnyFact[], totals: BatchTotals): Promise<void> {
  // Last row wins within the batch (ON CONFLICT cannot touch a row twice in one statement).
  const byKey = new Map<string, FactRecord>();
  for (const fact of facts) {
    const record = factToRecord(table, fact);
    const { rowKey } = keyOf(table, record);
    if (byKey.has(rowKey)) totals.counts.duplicates += 1;
    byKey.set(rowKey, record);
  }
  if (byKey.size === 0) return;
  totals.rows += byKey.size;

  const names = table.columns.map((c) => `"${c.name}"`).join(", ");
  const selected = table.columns.map((c) => `r."${c.name}"`).join(", ");
  const recordset = table.columns.map((c) => `"${c.name}" ${c.type}`).join(", ");
  const nonKey = table.columns.filter((c) => !table.key.includes(c.name));
  const compareStored = nonKey.map((c) => `t."${c.name}"`).join(", ");
  const compareIncoming = nonKey.map((c) => `excluded."${c.name}"`).join(", ");
  const fileTime = target.exportedAt ? literal(target.exportedAt.toISOString()) : null;
  const olderCond = fileTime ? `t.exported_at is not null and ${fileTime}::timestamptz < t.exported_at` : "false";
  const backwards = backwardsSql(table);
  const statusCond = backwards ? (fileTime ? `t.exported_at is null and ${backwards}` : backwards) : "false";
  const sets = [
    ...nonKey.map((c) => `"${c.name}" = excluded."${c.name}"`),
    `exported_at = excluded.exported_at`,
    `last_import_id = koubei_import_log_before(t.org_id, excluded.last_import_id, t.shop_id, ${rowKeySql(table, "t")}, ${keyJsonSql(table, "t")}, to_jsonb(t))`,
  ].join(", ");
  const when = `case
      when (${compareStored}) is not distinct from (${compareIncoming}) then false
      when t.last_import_id = excluded.last_import_id then true
      when ${olderCond} then ${bump(KEPT_OLDER)}
      when ${statusCond} then ${bump(KEPT_STATUS)}
      else true end`;

  const written = rowsOf<{ row_key: string; inserted: boolean }>(
    await tx.execute(sql`
      with up as (
        insert into ${ident(table.table)} as t (org_id, shop_id, last_import_id, exported_at, ${sql.raw(names)})
        select ${target.orgId}::uuid, ${target.shopId}::uuid, ${target.importId}::uuid, ${target.exportedAt?.toISOString() ?? null}::timestamptz, ${sql.raw(selected)}
        from jsonb_to_recordset(${JSON.stringify([...byKey.values()])}::jsonb) as r(${sql.raw(recordset)})
        on conflict (org_id, shop_id, ${sql.raw(table.key.map((k) => `"${k}"`).join(", "))}) do update set ${sql.raw(sets)}
        where ${sql.raw(when)}
        returning ${sql.raw(rowKeySql(table, "t"))} as row_key, ${sql.raw(keyJsonSql(table, "t"))} as key, (t.xmax = 0) as inserted),
      logged as (
        insert into import_row_changes (org_id, import_id, row_key, shop_id, op, key, before)
        select ${target.orgId}::uuid, ${target.importId}::uuid, up.row_key, ${target.shopId}::uuid, 'insert', up.key, null
        from up where up.inserted
        on conflict do nothing)
      select row_key, inserted from up`),
  );
  const tsCols = timestampColumns(table);
  for (const row of written) {
    if (row.inserted === true || (row.inserted as unknown) === "t") totals.counts.inserted += 1;
    else totals.counts.updated += 1;
    const record = byKey.get(row.row_key);
    if (!record) continue;
    for (const c of tsCols) {
      const value = record[c.name];
      if (typeof value === "string") totals.days.add(shanghaiDayOf(new Date(value)));
    }
  }
}

/** Shanghai days of the before images an import replaced (their facts moved away from those days). */
export async function daysOfReplacedRows(tx: Tx, table: FactTable, orgId: string, importId: string): Promise<string[]> {
  const names = timestampColumns(table).map((c) => literal(c.name));
  if (names.length === 0) return [];
  const rows = rowsOf<{ day: string }>(
    await tx.execute(sql`
      select distinct to_char(((f.value #>> '{}')::timestamptz at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD') as day
      from import_row_changes c, jsonb_each(c.before) f
      where c.org_id = ${orgId}::uuid and c.import_id = ${importId}::uuid and c.op = 'update'
        and f.key in (${sql.raw(names.join(", "))}) and jsonb_typeof(f.value) = 'string'`),
  );
  return rows.map((r) => r.day);
}

export { ident as sqlIdent };
