import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rowsOf } from "@/db/security";
import { shanghaiDayOf } from "@/server/lib/time";
import { factToRecord, keyOf, timestampColumns, type FactTable } from "./fact-tables";
import type { AnyFact } from "./rows";

export type BatchCounts = { inserted: number; updated: number; unchanged: number; keptNewer: number; duplicates: number };
export type KeptNewerReasons = { olderExport: number; statusBackwards: number };

export type BatchTarget = {
  orgId: string;
  shopId: string;
  importId: string;
  /** The file's export time; null when the file name does not carry one. */
  exportedAt: Date | null;
};

type Record_ = Record<string, string | number | boolean | null>;

const ident = (name: string): SQL => sql.raw(`"${name.replace(/"/g, '""')}"`);
const recordsetColumns = (table: FactTable, extra: string[] = []): SQL =>
  sql.raw([...table.columns.map((c) => `"${c.name}" ${c.type}`), ...extra].join(", "));

/** e.<key> = r.key->>'<key>' for every key column. */
function keyMatch(table: FactTable, rowAlias: string, keyExpr: string): SQL {
  return sql.raw(
    table.key
      .map((name) => {
        const type = table.columns.find((c) => c.name === name)?.type ?? "text";
        return `${rowAlias}."${name}" = (${keyExpr}->>'${name}')::${type}`;
      })
      .join(" and "),
  );
}

/**
 * Writes one batch of facts in the caller's transaction: classifies each row against what is
 * stored (new, same, changed), keeps newer facts from an older export, logs the before image
 * of what it changes, then upserts in one multi-row statement. Records travel as one jsonb
 * parameter per statement, which works the same on PostgreSQL and PGlite and has no
 * parameter-count limit.
 */
export async function writeBatch(
  tx: Tx,
  table: FactTable,
  target: BatchTarget,
  facts: AnyFact[],
  out: { counts: BatchCounts; keptNewer: KeptNewerReasons; days: Set<string> },
): Promise<void> {
  // Last row wins within the batch (ON CONFLICT cannot touch a row twice in one statement).
  const byKey = new Map<string, { record: Record_; key: Record<string, string> }>();
  for (const fact of facts) {
    const record = factToRecord(table, fact);
    const { key, rowKey } = keyOf(table, record);
    if (byKey.has(rowKey)) out.counts.duplicates += 1;
    byKey.set(rowKey, { record, key });
  }
  const entries = [...byKey.entries()];
  const incoming = entries.map(([, { record }], i) => ({ ...record, _i: i }));
  const tsCols = timestampColumns(table);
  const compared = table.columns.map((c) => `e."${c.name}"`).join(", ");
  const comparedIncoming = table.columns.map((c) => `i."${c.name}"`).join(", ");
  const firstKey = table.key[0] ?? "id";
  const joinOn = sql.raw(table.key.map((k) => `e."${k}" = i."${k}"`).join(" and "));
  const beforeTimes = sql.raw(
    tsCols.length > 0 ? `jsonb_build_array(${tsCols.map((c) => `extract(epoch from e."${c.name}") * 1000`).join(", ")})` : `'[]'::jsonb`,
  );
  const progressCols = sql.raw(
    table.kind === "orders" ? `e."status" as before_status, null::timestamptz as before_completed_at` : table.kind === "after_sales" ? `null::text as before_status, e."completed_at" as before_completed_at` : `null::text as before_status, null::timestamptz as before_completed_at`,
  );

  const classified = rowsOf<{
    i: number;
    state: "new" | "same" | "changed";
    before_exported_at: number | string | null;
    before_import: string | null;
    before_status: string | null;
    before_completed_at: unknown;
    before_times: (number | string | null)[] | string | null;
  }>(
    await tx.execute(sql`
      select i._i as i,
        case when e.${ident(firstKey)} is null then 'new'
             when (${sql.raw(compared)}) is not distinct from (${sql.raw(comparedIncoming)}) then 'same'
             else 'changed' end as state,
        extract(epoch from e.exported_at) * 1000 as before_exported_at,
        e.last_import_id::text as before_import,
        ${progressCols},
        case when e.${ident(firstKey)} is not null then ${beforeTimes} end as before_times
      from jsonb_to_recordset(${JSON.stringify(incoming)}::jsonb) as i(${recordsetColumns(table, ["_i integer"])})
      left join ${ident(table.table)} e
        on e.org_id = ${target.orgId}::uuid and e.shop_id = ${target.shopId}::uuid and ${joinOn}`),
  );

  const fileTime = target.exportedAt?.getTime() ?? null;
  const toWrite: Record_[] = [];
  const changes: { row_key: string; op: "insert" | "update"; key: Record<string, string> }[] = [];
  const addDays = (times: Iterable<number | string | null | undefined>) => {
    for (const t of times) {
      if (t === null || t === undefined) continue;
      const ms = typeof t === "number" ? t : Number.isNaN(Number(t)) ? Date.parse(t) : Number(t);
      if (Number.isFinite(ms)) out.days.add(shanghaiDayOf(new Date(ms)));
    }
  };
  for (const row of classified) {
    const entry = entries[Number(row.i)];
    if (!entry) continue;
    const [rowKey, { record, key }] = entry;
    if (row.state === "same") {
      out.counts.unchanged += 1;
      continue;
    }
    if (row.state === "changed" && row.before_import !== target.importId) {
      const storedTime = row.before_exported_at === null ? null : Number(row.before_exported_at);
      let keep = false;
      if (fileTime !== null && storedTime !== null) {
        if (fileTime < storedTime) {
          keep = true;
          out.keptNewer.olderExport += 1;
        }
      } else if (table.progress) {
        const before = table.progress({ status: row.before_status, completed_at: row.before_completed_at });
        const after = table.progress({ status: record.status, completed_at: record.completed_at });
        if (before !== null && after !== null && after < before) {
          keep = true;
          out.keptNewer.statusBackwards += 1;
        }
      }
      if (keep) {
        out.counts.keptNewer += 1;
        continue;
      }
    }
    if (row.state === "new") out.counts.inserted += 1;
    else out.counts.updated += 1;
    toWrite.push(record);
    changes.push({ row_key: rowKey, op: row.state === "new" ? "insert" : "update", key });
    addDays(tsCols.map((c) => record[c.name] as string | null));
    const beforeTimes = typeof row.before_times === "string" ? (JSON.parse(row.before_times) as (number | null)[]) : row.before_times;
    if (beforeTimes) addDays(beforeTimes);
  }
  if (toWrite.length === 0) return;

  // The change log first: its before images are read from the rows as they still are.
  await tx.execute(sql`
    insert into import_row_changes (org_id, import_id, row_key, shop_id, op, key, before)
    select ${target.orgId}::uuid, ${target.importId}::uuid, r.row_key, ${target.shopId}::uuid, r.op, r.key,
      case when r.op = 'update' then (
        select to_jsonb(e) from ${ident(table.table)} e
        where e.org_id = ${target.orgId}::uuid and e.shop_id = ${target.shopId}::uuid and ${keyMatch(table, "e", "r.key")})
      end
    from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as r(row_key text, op text, key jsonb)
    on conflict do nothing`);

  const names = table.columns.map((c) => `"${c.name}"`).join(", ");
  const selected = table.columns.map((c) => `r."${c.name}"`).join(", ");
  const updates = [...table.columns.filter((c) => !table.key.includes(c.name)).map((c) => c.name), "last_import_id", "exported_at"]
    .map((name) => `"${name}" = excluded."${name}"`)
    .join(", ");
  await tx.execute(sql`
    insert into ${ident(table.table)} (org_id, shop_id, last_import_id, exported_at, ${sql.raw(names)})
    select ${target.orgId}::uuid, ${target.shopId}::uuid, ${target.importId}::uuid, ${target.exportedAt?.toISOString() ?? null}::timestamptz, ${sql.raw(selected)}
    from jsonb_to_recordset(${JSON.stringify(toWrite)}::jsonb) as r(${recordsetColumns(table)})
    on conflict (org_id, shop_id, ${sql.raw(table.key.map((k) => `"${k}"`).join(", "))}) do update set ${sql.raw(updates)}`);
}

export { keyMatch as factKeyMatch, ident as sqlIdent };
