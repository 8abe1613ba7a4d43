import { setImmediate } from "node:timers/promises";
import { and, eq, inArray, sql } from "drizzle-orm";
import { copyBinaryTuples } from "@/db/copy-writer";
import { rowsOf } from "@/db/security";
import { awaitedLater } from "@/server/lib/awaited-later";
import type { DbHandle, Tx } from "@/db/client";
import { creators, dailyRollups, shops } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { dayNumber, type Day } from "@/server/lib/time";
import { emptyPackedRollups, METRIC_COUNT, type PackedRollups } from "../packed-rollups";
import { buildDailyRollups, ROLLUP_METRIC_FIELDS, type RollupMetricField, type RollupRow } from "../rollups";
import { loadCreatorFacts, loadShopsFacts } from "./load-facts";

export type EntityRef = { kind: EntityKind; id: string; externalId: string };

/**
 * Shops read per round (five statements each): about 20,000 fact rows in all. Two rounds are in
 * memory at once (one built, the next read), and at 250 they held the rebuild's peak near 500 MB
 * for no gain in time (ADR 0035).
 */
const LOAD_BATCH = 125;
/** Entities built between two turns of the event loop while the database works on other statements. */
const YIELD_EVERY = 25;

const INTEGER_FIELDS = new Set<string>(ROLLUP_METRIC_FIELDS.filter((field) => dailyRollups[field].columnType === "PgInteger"));
/** Per metric, whether it travels as four bytes (an integer column) or eight (a float8 one). */
const METRIC_IS_INT = Uint8Array.from(ROLLUP_METRIC_FIELDS, (field) => (INTEGER_FIELDS.has(field) ? 1 : 0));
const METRIC_NAMES = ROLLUP_METRIC_FIELDS.map((field) => `"${dailyRollups[field].name}"`).join(", ");

/** The temporary table a batch's rows are copied into (COPY cannot write into a table with row-level security). */
const ROLLUP_STAGE = "koubei_rollup_stage";
const STAGE_COLUMNS = `entity_id, day, visible_day, ${METRIC_NAMES}`;
/** Fields per staged tuple: entity id, the two days, the metrics. */
const STAGE_FIELDS = 3 + ROLLUP_METRIC_FIELDS.length;
const CREATE_STAGE = sql.raw(
  `create temp table ${ROLLUP_STAGE} (entity_id uuid, day date, visible_day date, ${ROLLUP_METRIC_FIELDS.map((field) => `"${dailyRollups[field].name}" ${INTEGER_FIELDS.has(field) ? "integer" : "float8"}`).join(", ")}) on commit drop`,
);

/**
 * Rebuilds entities' daily roll-ups from their facts and bumps their roll-up versions, which marks
 * every cached indicator value and snapshot of them stale. Shops are read LOAD_BATCH at a time and
 * their rows copied in PostgreSQL's binary COPY format into a temporary table, then inserted from
 * it: a bulk import's first rebuild covers thousands of shops and writes millions of rows, and as
 * statement parameters (one array literal per column) they cost more to print and parse than the
 * insert itself (ADR 0040).
 */
export async function rebuildRollupsOf(handle: DbHandle, tx: Tx, orgId: string, entities: readonly EntityRef[], options: { batchSize?: number } = {}): Promise<void> {
  if (entities.length === 0) return;
  const batchSize = options.batchSize ?? LOAD_BATCH;
  await tx.execute(CREATE_STAGE);
  for (const kind of ["shop", "creator"] as const) {
    const ofKind = entities.filter((e) => e.kind === kind);
    const batches: EntityRef[][] = [];
    for (let i = 0; i < ofKind.length; i += batchSize) batches.push(ofKind.slice(i, i + batchSize));
    const load = (batch: readonly EntityRef[]) => (kind === "shop" ? loadShopsFacts(tx, orgId, batch.map((e) => e.id)) : loadCreatorsFacts(tx, orgId, batch));
    // The next batch's facts are asked for before this batch's roll-ups are built and written: on
    // PostgreSQL the statements queue on the transaction's connection, so the database reads the
    // next facts while Node builds, and writes this batch while Node builds the next. A read is
    // sent only once the write before it has ended: while a COPY is open the connection takes no
    // other statement (and on PGlite the COPY runs as another role).
    let writing: Promise<void> = Promise.resolve();
    const loadAfterWriting = (batch: readonly EntityRef[]) => awaitedLater(writing.then(() => load(batch)));
    let next = batches[0] ? loadAfterWriting(batches[0]) : null;
    for (let b = 0; next; b++) {
      const ids = (batches[b] ?? []).map((e) => e.id);
      const facts = await next;
      const following = batches[b + 1];
      next = following ? loadAfterWriting(following) : null;
      const rows: { entityId: string; row: RollupRow }[] = [];
      for (let e = 0; e < ids.length; e++) {
        const id = ids[e] ?? "";
        const entityFacts = facts.get(id);
        if (entityFacts) for (const row of buildDailyRollups(entityFacts)) rows.push({ entityId: id, row });
        // The driver sends a queued statement and takes in its rows only between turns of the
        // event loop: without these turns the database would wait for the whole batch's build.
        if (e % YIELD_EVERY === 0) await setImmediate();
      }
      await writing;
      writing = awaitedLater(writeRollups(handle, tx, orgId, kind, ids, rows));
    }
    await writing;
  }
  // Gone now, not at commit: a rescore may rebuild again in the same transaction.
  await tx.execute(sql.raw(`drop table ${ROLLUP_STAGE}`));
}

async function loadCreatorsFacts(tx: Tx, orgId: string, creators: readonly { id: string; externalId: string }[]) {
  return new Map(await Promise.all(creators.map(async (e) => [e.id, await loadCreatorFacts(tx, orgId, e)] as const)));
}

/** Replaces a batch's roll-up rows and bumps its entities' roll-up versions. */
async function writeRollups(handle: DbHandle, tx: Tx, orgId: string, kind: EntityKind, ids: string[], rows: readonly { entityId: string; row: RollupRow }[]): Promise<void> {
  await tx.delete(dailyRollups).where(and(eq(dailyRollups.orgId, orgId), eq(dailyRollups.entityKind, kind), inArray(dailyRollups.entityId, ids)));
  if (rows.length > 0) {
    await copyIntoStage(handle, tx, rows);
    await tx.execute(sql`
      insert into daily_rollups (org_id, entity_kind, ${sql.raw(STAGE_COLUMNS)})
      select ${orgId}::uuid, ${kind}, ${sql.raw(STAGE_COLUMNS)} from ${sql.raw(ROLLUP_STAGE)}`);
    await tx.execute(sql.raw(`truncate ${ROLLUP_STAGE}`));
  }
  const table = kind === "shop" ? shops : creators;
  await tx
    .update(table)
    .set({ rollupVersion: sql`${table.rollupVersion} + 1` })
    .where(and(eq(table.orgId, orgId), inArray(table.id, ids)));
}

async function copyIntoStage(handle: DbHandle, tx: Tx, rows: readonly { entityId: string; row: RollupRow }[]): Promise<void> {
  await copyBinaryTuples(handle, tx, ROLLUP_STAGE, rows, STAGE_FIELDS, (tuples, { entityId, row }) => {
    tuples.uuid(entityId).date(dayNumber(row.day)).date(dayNumber(row.visibleDay));
    for (let m = 0; m < ROLLUP_METRIC_FIELDS.length; m++) {
      const value = row[ROLLUP_METRIC_FIELDS[m] as RollupMetricField];
      if (METRIC_IS_INT[m] === 1) tuples.int4(value);
      else tuples.float8(value);
    }
  });
}

/** A packed row's bytes: its two day numbers, then its metrics. */
const PACKED_ROW_BYTES = 8 + METRIC_IS_INT.reduce((sum, isInt) => sum + (isInt ? 4 : 8), 0);
/**
 * One roll-up row in PostgreSQL's binary forms (big-endian int4 and float8, what int4send and
 * float8send return), concatenated. Every column is not null, so no row drops out of the aggregate.
 */
const PACKED_ROW = sql.raw(
  [
    "int4send(day - date '1970-01-01')",
    "int4send(visible_day - date '1970-01-01')",
    ...ROLLUP_METRIC_FIELDS.map((field) => `${INTEGER_FIELDS.has(field) ? "int4send" : "float8send"}("${dailyRollups[field].name}")`),
  ].join(" || "),
);

/** Which roll-ups to load: some entities' rows whose anchor day lies in [from, to]. */
export type RollupRange = { orgId: string; kind: EntityKind; entityIds: readonly string[]; from: Day; to: Day };

/**
 * Roll-up rows of many entities whose anchor day lies in [from, to], packed per entity. Each
 * entity comes back as one row holding all its roll-ups as bytes: a history reads 1.7 million
 * roll-up rows, and as a row object and a parsed number array each they cost the backfill more
 * Node time and garbage than the adding up (ADR 0031). Ids are sent in id order, so the id-range
 * condition (always true for them) lets the planner walk one stretch of the primary key.
 */
export async function loadPackedRollups(tx: Tx, { orgId, kind, entityIds, from, to }: RollupRange): Promise<Map<string, PackedRollups>> {
  const out = new Map<string, PackedRollups>();
  const sorted = [...entityIds].sort();
  for (let i = 0; i < sorted.length; i += 2000) {
    const chunk = sorted.slice(i, i + 2000);
    const rows = rowsOf<{ entity_id: string; packed: Uint8Array }>(
      await tx.execute(sql`
        select entity_id, string_agg(${PACKED_ROW}, ''::bytea order by day, visible_day) as packed
        from daily_rollups
        where org_id = ${orgId}::uuid and entity_kind = ${kind}
          and entity_id between ${chunk[0]}::uuid and ${chunk.at(-1)}::uuid
          and entity_id = any(${`{${chunk.join(",")}}`}::uuid[])
          and day between ${from}::date and ${to}::date
        group by entity_id`),
    );
    for (const row of rows) out.set(row.entity_id, unpackRollupRows(row.packed));
  }
  return out;
}

/** PACKED_ROW's bytes, concatenated over an entity's rows, as packed roll-ups. */
export function unpackRollupRows(bytes: Uint8Array): PackedRollups {
  if (bytes.length % PACKED_ROW_BYTES !== 0) throw new RangeError(`packed roll-ups of ${bytes.length} bytes are not whole rows of ${PACKED_ROW_BYTES}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const packed = emptyPackedRollups(bytes.length / PACKED_ROW_BYTES);
  let offset = 0;
  for (let r = 0; r < packed.count; r++) {
    packed.day[r] = view.getInt32(offset);
    packed.visibleDay[r] = view.getInt32(offset + 4);
    offset += 8;
    for (let m = 0; m < METRIC_COUNT; m++) {
      const isInt = METRIC_IS_INT[m] === 1;
      packed.metrics[r * METRIC_COUNT + m] = isInt ? view.getInt32(offset) : view.getFloat64(offset);
      offset += isInt ? 4 : 8;
    }
  }
  return packed;
}
