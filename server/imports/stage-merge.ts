import { rowsOf } from "@/db/security";
import { DAY_MS, SHANGHAI_OFFSET_MS } from "@/server/lib/time";
import { backwardsSql, keyJsonSql, rowKeySql, sqlLiteral } from "./fact-sql";
import { timestampColumns, type FactColumn, type FactTable } from "./fact-tables";
import { stagedValueSql, type StageTally } from "./stage-rows";
import { STAGE_TABLE } from "./stage-table";

export type MergeCounts = { inserted: number; updated: number; unchanged: number; keptNewer: number; duplicates: number };
export type KeptNewerReasons = { olderExport: number; statusBackwards: number };

export type MergeTarget = {
  orgId: string;
  /** The shop (or, for a creator table, the creator account) whose rows these are: table.owner names the column. */
  ownerId: string;
  importId: string;
  /** The file's export time; null when the file name does not carry one. */
  exportedAt: Date | null;
};

export type MergeResult = { counts: MergeCounts; keptNewer: KeptNewerReasons; days: string[] };

/** What the merge decided for each staged row whose key is already stored (seq → action). */
const EXISTING = "koubei_import_existing";
const ACTIONS = ["unchanged", "update", "older_export", "status_backwards"] as const;
type Action = (typeof ACTIONS)[number];


/** Runs a statement in the import's transaction, planned for this execution (db/raw-transaction.ts unpreparedRunner). */
export type RunStatement = (text: string) => Promise<unknown[]>;

/**
 * Merges the staged rows of one import into its fact table, set-based, in the import's
 * transaction:
 *  1. duplicates within the file: the last row of a key wins (the others are counted; skipped
 *     when the staging proved the keys distinct);
 *  2. each staged row whose key is stored is classified: unchanged, kept newer (an older export,
 *     or a status that would move backwards) or to update; the actions are counted, and kept
 *     only when something is to be written;
 *  3. rows to update have their before image logged (import_row_changes, for undo) and are
 *     updated; new rows are inserted with created_import_id (undo deletes them by that);
 *  4. the Shanghai days of every written row and of every replaced before image are returned
 *     (touched days, for incremental rescoring).
 * Each statement runs only when it has rows to write, so a re-import of an unchanged file only
 * reads. Statements are planned each time (never from a cached plan): the fact table's size
 * changes a lot from one import to the next, and with it the right join.
 */
export async function mergeStage(run: RunStatement, table: FactTable, target: MergeTarget, staged: StageTally): Promise<MergeResult> {
  const shape = mergeShape(table, target);
  // The duplicate count and the classification join sort or hash the whole staged file: with the
  // default work_mem (4 MB) a large file spills to disk. Only for this transaction.
  await run("set local work_mem = '64MB'");
  // The stored rows of a million-row file are hashed in about 150 MB: at the default limit (twice
  // work_mem) the join splits in two batches and writes both sides to disk, a quarter slower.
  await run("set local hash_mem_multiplier = 3");
  // Temporary tables are never analysed automatically; the plans below join on the stage.
  await run(`analyze ${STAGE_TABLE}`);
  const { duplicates, keys } = staged.keysDistinct ? { duplicates: 0, keys: staged.rows } : await dropEarlierDuplicates(run, table);
  const matched = `select s.seq, ${shape.classify} as action from ${STAGE_TABLE} s join ${shape.fact} t on ${shape.keyMatch}`;

  // Counted with filters: grouping by the computed action would sort or hash every matched row.
  const [counted] = rowsOf<Record<Action, number>>(
    await run(`select ${ACTIONS.map((a) => `count(*) filter (where action = '${a}')::int as ${a}`).join(", ")} from (${matched}) m`),
  );
  const byAction = Object.fromEntries(ACTIONS.map((a) => [a, Number(counted?.[a] ?? 0)])) as Record<Action, number>;
  const existing = ACTIONS.reduce((sum, a) => sum + byAction[a], 0);
  const updated = byAction.update;
  const inserted = keys - existing;
  const keptNewer = { olderExport: byAction.older_export, statusBackwards: byAction.status_backwards };

  // The statements that write read each matched row's action back. A file whose rows are all
  // stored and unchanged (a re-upload) writes nothing, and its million actions are never kept.
  if (updated > 0 || inserted > 0) {
    await run(`create temp table ${EXISTING} on commit drop as ${existing > 0 ? matched : "select 0 as seq, ''::text as action where false"}`);
  }
  const days = new Set<string>();
  if (updated > 0) {
    for (const day of await daysOfRowsToReplace(run, table, shape)) days.add(day);
    await logBeforeImagesAndUpdate(run, table, target, shape);
  }
  if (inserted > 0) await insertNewRows(run, table, target, shape);
  // A file of new keys only (a first import) writes every staged row: its days are the staging's.
  const writtenDays = existing === 0 && duplicates === 0 ? staged.days : inserted + updated > 0 ? await daysOfWrittenRows(run, table) : [];
  for (const day of writtenDays) days.add(day);

  return {
    counts: { inserted, updated, unchanged: byAction.unchanged, keptNewer: keptNewer.olderExport + keptNewer.statusBackwards, duplicates },
    keptNewer,
    days: [...days].sort(),
  };
}

type MergeShape = {
  fact: string;
  /** Joins a staged row (s) to its stored row (t) of this import's owner. */
  keyMatch: string;
  /** The action for a staged row (s) whose key is stored (t). */
  classify: string;
  nonKey: FactColumn[];
};

function mergeShape(table: FactTable, target: MergeTarget): MergeShape {
  const incoming = (name: string) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new Error(`no column ${name} in ${table.table}`);
    return stagedValueSql(column, "s");
  };
  const keyMatch = `t.org_id = ${uuid(target.orgId)} and t."${table.owner}" = ${uuid(target.ownerId)} and ${table.key.map((k) => `t."${k}" = ${incoming(k)}`).join(" and ")}`;
  const nonKey = table.columns.filter((c) => !table.key.includes(c.name));
  const fileTime = target.exportedAt ? instant(target.exportedAt) : null;
  const olderCond = fileTime ? `t.exported_at is not null and ${fileTime} < t.exported_at` : "false";
  const backwards = backwardsSql(table, incoming);
  const statusCond = backwards ? (fileTime ? `t.exported_at is null and ${backwards}` : backwards) : "false";
  const classify = `case
      when (${nonKey.map((c) => `t."${c.name}"`).join(", ")}) is not distinct from (${nonKey.map((c) => incoming(c.name)).join(", ")}) then 'unchanged'
      when ${olderCond} then 'older_export'
      when ${statusCond} then 'status_backwards'
      else 'update' end`;
  return { fact: `"${table.table}"`, keyMatch, classify, nonKey };
}

/** Ids reach the SQL text as literals (they are UUIDs the service has checked or created). */
const uuid = (id: string) => `${sqlLiteral(id)}::uuid`;
const instant = (at: Date | null) => (at ? `${sqlLiteral(at.toISOString())}::timestamptz` : "null::timestamptz");

/** Keeps the last staged row of each key; returns how many earlier rows were dropped and how many keys remain. */
async function dropEarlierDuplicates(run: RunStatement, table: FactTable): Promise<{ duplicates: number; keys: number }> {
  const keyColumns = table.key.map((k) => `"${k}"`).join(", ");
  const [count] = rowsOf<{ rows: number; keys: number }>(
    await run(`select count(*)::int as rows, (select count(*)::int from (select distinct ${keyColumns} from ${STAGE_TABLE}) k) as keys from ${STAGE_TABLE}`),
  );
  const keys = Number(count?.keys ?? 0);
  const duplicates = Number(count?.rows ?? 0) - keys;
  if (duplicates > 0) {
    const same = table.key.map((k) => `later."${k}" = s."${k}"`).join(" and ");
    await run(`delete from ${STAGE_TABLE} s using ${STAGE_TABLE} later where ${same} and later.seq > s.seq`);
  }
  return { duplicates, keys };
}

const shanghaiDaySql = (dayNumber: string) => `to_char(date '1970-01-01' + ${dayNumber}, 'YYYY-MM-DD')`;

/** Shanghai days of the rows this import writes: every time column of new rows and of updated ones. */
async function daysOfWrittenRows(run: RunStatement, table: FactTable): Promise<string[]> {
  const times = timestampColumns(table).map((c) => `s."${c.name}"`);
  if (times.length === 0) return [];
  const rows = rowsOf<{ day: string }>(
    await run(`
      select ${shanghaiDaySql("d")} as day from (
        select distinct ((ms + ${SHANGHAI_OFFSET_MS}) / ${DAY_MS})::int as d
        from ${STAGE_TABLE} s, unnest(array[${times.join(", ")}]) as ms
        where ms is not null and not exists (select 1 from ${EXISTING} e where e.seq = s.seq and e.action <> 'update')) written`),
  );
  return rows.map((r) => r.day);
}

/** Shanghai days of the stored rows about to be replaced: their facts move away from those days. */
async function daysOfRowsToReplace(run: RunStatement, table: FactTable, shape: MergeShape): Promise<string[]> {
  const times = timestampColumns(table).map((c) => `t."${c.name}"`);
  if (times.length === 0) return [];
  const rows = rowsOf<{ day: string }>(
    await run(`
      select distinct to_char((ts at time zone 'UTC') + interval '${SHANGHAI_OFFSET_MS} milliseconds', 'YYYY-MM-DD') as day
      from ${EXISTING} e
      join ${STAGE_TABLE} s on s.seq = e.seq
      join ${shape.fact} t on ${shape.keyMatch}
      cross join unnest(array[${times.join(", ")}]) as ts
      where e.action = 'update' and ts is not null`),
  );
  return rows.map((r) => r.day);
}

async function logBeforeImagesAndUpdate(run: RunStatement, table: FactTable, target: MergeTarget, shape: MergeShape): Promise<void> {
  await run(`
    insert into import_row_changes (org_id, import_id, row_key, "${table.owner}", op, key, before)
    select ${uuid(target.orgId)}, ${uuid(target.importId)}, ${rowKeySql(table, "t")}, ${uuid(target.ownerId)}, 'update', ${keyJsonSql(table, "t")}, to_jsonb(t)
    from ${EXISTING} e
    join ${STAGE_TABLE} s on s.seq = e.seq
    join ${shape.fact} t on ${shape.keyMatch}
    where e.action = 'update'`);
  const sets = shape.nonKey.map((c) => `"${c.name}" = ${stagedValueSql(c, "s")}`).join(", ");
  await run(`
    update ${shape.fact} t
    set ${sets}, exported_at = ${instant(target.exportedAt)}, last_import_id = ${uuid(target.importId)}
    from ${EXISTING} e
    join ${STAGE_TABLE} s on s.seq = e.seq
    where e.action = 'update' and ${shape.keyMatch}`);
}

async function insertNewRows(run: RunStatement, table: FactTable, target: MergeTarget, shape: MergeShape): Promise<void> {
  const names = table.columns.map((c) => `"${c.name}"`).join(", ");
  const values = table.columns.map((c) => stagedValueSql(c, "s")).join(", ");
  await run(`
    insert into ${shape.fact} (org_id, "${table.owner}", last_import_id, created_import_id, exported_at, ${names})
    select ${uuid(target.orgId)}, ${uuid(target.ownerId)}, ${uuid(target.importId)}, ${uuid(target.importId)}, ${instant(target.exportedAt)}, ${values}
    from ${STAGE_TABLE} s
    where not exists (select 1 from ${EXISTING} e where e.seq = s.seq)`);
}
