import { sql, type SQL } from "drizzle-orm";
import type { FactTable } from "./fact-tables";
import { ORDER_STATUS_RANKS } from "./values";

/** SQL text for the generic fact statements (table and column names come from FACT_TABLES, never from input). */
export const sqlIdent = (name: string): SQL => sql.raw(`"${name.replace(/"/g, '""')}"`);
export const sqlLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

const columnType = (table: FactTable, name: string) => table.columns.find((c) => c.name === name)?.type ?? "text";

/** A key column as text, times as the ISO instant JS writes (the change log's row_key and key). */
function keyTextSql(table: FactTable, alias: string, name: string): string {
  return columnType(table, name) === "timestamptz"
    ? `to_char(${alias}."${name}" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : `${alias}."${name}"::text`;
}

/** The natural key as one text: the change log's row_key. */
export function rowKeySql(table: FactTable, alias: string): string {
  return table.key.map((name) => keyTextSql(table, alias, name)).join(" || chr(31) || ");
}

/** The natural key's columns as a jsonb object: the change log's key. */
export function keyJsonSql(table: FactTable, alias: string): string {
  return `jsonb_build_object(${table.key.map((name) => `${sqlLiteral(name)}, ${keyTextSql(table, alias, name)}`).join(", ")})`;
}

/** e.<key> = (c.key->>'<key>')::<type> for every key column (undo matches change-log rows this way). */
export function factKeyMatch(table: FactTable, rowAlias: string, keyExpr: string): SQL {
  return sql.raw(table.key.map((name) => `${rowAlias}."${name}" = (${keyExpr}->>'${name}')::${columnType(table, name)}`).join(" and "));
}

/**
 * SQL that is true when the incoming row would move the stored one (alias t) backwards: an order's
 * status rank going down (已完成 → 已发货), a completed after-sale losing its completion.
 * `incoming` gives the SQL of an incoming column's value.
 */
export function backwardsSql(table: FactTable, incoming: (column: string) => string): string | null {
  if (table.kind === "orders" || table.kind === "creator_orders") {
    const rank = (value: string) =>
      `(case lower(${value}) ${ORDER_STATUS_RANKS.flatMap(([names, r]) => names.map((n) => `when ${sqlLiteral(n)} then ${r}`)).join(" ")} end)`;
    return `${rank(incoming("status"))} < ${rank("t.status")}`;
  }
  if (table.kind === "after_sales") return `t.completed_at is not null and ${incoming("completed_at")} is null`;
  return null;
}
