/**
 * Times the history floor (bench/history-floor.sql.ts) on the benchmark's database, then checks it
 * day by day against the summaries the engine stored for (c): a floor that computes something else
 * is not a floor. Runs as the database owner (the floor writes a table of its own), naming the
 * tenant, since row-level security binds the owner too.
 */
import postgres from "postgres";
import type { DbHandle } from "@/db/client";
import { unpackFloat8 } from "@/db/float8-bytes";
import { addDays, daysBetween } from "@/server/lib/time";
import { INDICATOR_ORDER } from "@/server/scoring/indicators";
import { getRuleSet, type RuleSet } from "@/server/scoring/rule-sets";
import { FLOOR_INDICATORS } from "../floor-indicators";
import { CREATE_HISTORY_FLOOR_TABLE, HISTORY_FLOOR_TABLE, historyFloorSql } from "../history-floor.sql";

type Run = (text: string, params?: string[]) => Promise<Record<string, unknown>[]>;

/**
 * What a good engineer gives one large statement: no JIT (compiling this plan took 12 s of its
 * 119 s) and room to sort and hash in memory (at 4 MB every sort and the aggregate spilled).
 */
const FLOOR_SETTINGS = ["set local jit = off", "set local work_mem = '1GB'"];

type Target = { orgId: string; ownerUrl?: string; from: string; to: string };
type Timed = { seconds: number; checkedRows: number };

/**
 * PostgreSQL runs the statement on two connections, each for half of the days: one statement uses
 * one core (an INSERT … SELECT gets no parallel workers), and the engine's history keeps both cores
 * busy, so a floor on one connection (52 s against 32 s on two) would flatter it. PGlite has one.
 */
export async function historyFloorSeconds(handle: DbHandle, target: Target): Promise<Timed> {
  if (handle.pglite) {
    const pglite = handle.pglite;
    return pglite.transaction(async (tx) => {
      const run: Run = async (text, params) => (await tx.query<Record<string, unknown>>(text, params)).rows;
      await run(`select set_config('app.org_id', '${target.orgId}', true)`);
      const ruleSet = await prepare(run, target);
      const start = process.hrtime.bigint();
      await inTenant(run, target.orgId, historyFloorSql(target.from, target.to, ruleSet));
      return finish(run, start);
    });
  }
  if (!target.ownerUrl) throw new Error("no owner url");
  // One connection to prepare and check on, two for the halves.
  const owner = postgres(target.ownerUrl, { max: 3, onnotice: () => undefined });
  const main = await owner.reserve();
  const run: Run = (text, params) => main.unsafe(text, params) as Promise<Record<string, unknown>[]>;
  try {
    await run(`select set_config('app.org_id', '${target.orgId}', false)`);
    const ruleSet = await prepare(run, target);
    const half = addDays(target.from, Math.floor(daysBetween(target.from, target.to) / 2));
    const halves = half === target.to ? [[target.from, target.to]] : [[target.from, half], [addDays(half, 1), target.to]];
    const start = process.hrtime.bigint();
    await Promise.all(
      halves.map(([from = "", to = ""]) =>
        owner.begin((tx) => inTenant((text) => tx.unsafe(text) as Promise<Record<string, unknown>[]>, target.orgId, historyFloorSql(from, to, ruleSet))),
      ),
    );
    return await finish(run, start);
  } finally {
    main.release();
    await owner.end();
  }
}

/** The rule set (D's) and an empty floor table. */
async function prepare(run: Run, target: Target): Promise<RuleSet> {
  const [row] = await run(`select distinct rule_set from score_snapshots where entity_kind = 'shop' and day = $1::date`, [target.to]);
  if (!row) throw new Error("the history floor needs the engine's history to compare with");
  await run(CREATE_HISTORY_FLOOR_TABLE);
  return getRuleSet(String(row.rule_set));
}

/** One statement in its own transaction, as the tenant, with the floor's settings. */
async function inTenant(run: Run, orgId: string, statement: string): Promise<void> {
  await run(`select set_config('app.org_id', '${orgId}', true)`);
  for (const setting of FLOOR_SETTINGS) await run(setting);
  await run(statement);
}

async function finish(run: Run, start: bigint): Promise<Timed> {
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const checkedRows = await compareWithEngine(run);
  await run(`drop table ${HISTORY_FLOOR_TABLE}`);
  return { seconds, checkedRows };
}

const same = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** Every summary day of the engine's history, one day at a time (ten thousand rows a side). */
async function compareWithEngine(run: Run): Promise<number> {
  const days = await run(`select distinct day::text as day from score_snapshots where entity_kind = 'shop' and result is null order by 1`);
  const columns = "entity_id, state, valid_orders, indicator_values, indicator_percentiles";
  const mismatches: string[] = [];
  let checked = 0;
  for (const { day } of days) {
    const floor = new Map((await run(`select ${columns} from ${HISTORY_FLOOR_TABLE} where day = $1::date`, [String(day)])).map((row) => [row.entity_id, row]));
    for (const engine of await run(`select ${columns} from score_snapshots where entity_kind = 'shop' and result is null and day = $1::date`, [String(day)])) {
      checked++;
      const row = floor.get(engine.entity_id);
      const where = `${String(day)} ${String(engine.entity_id)}`;
      if (!row) {
        mismatches.push(`${where} only in the engine`);
        continue;
      }
      if (row.state !== engine.state || row.valid_orders !== engine.valid_orders) mismatches.push(`${where} state ${String(row.state)}/${String(engine.state)}`);
      const values = unpackFloat8(engine.indicator_values as Uint8Array);
      const percentiles = unpackFloat8(engine.indicator_percentiles as Uint8Array);
      FLOOR_INDICATORS.forEach((indicator, k) => {
        const value = (row.indicator_values as (number | null)[])[k] ?? Number.NaN;
        const percentile = (row.indicator_percentiles as (number | null)[])[k] ?? Number.NaN;
        const position = (INDICATOR_ORDER as readonly string[]).indexOf(indicator.code);
        const engineValue = values[position] ?? Number.NaN;
        const enginePercentile = percentiles[position] ?? Number.NaN;
        if (!same(value, engineValue) || !same(percentile, enginePercentile)) mismatches.push(`${where} ${indicator.code} floor ${value}/${percentile} engine ${engineValue}/${enginePercentile}`);
      });
    }
  }
  if (checked === 0) throw new Error("the engine stored no history summaries to check the floor against");
  if (mismatches.length > 0) throw new Error(`the history floor computes something else (${mismatches.length}): ${mismatches.slice(0, 5).join("; ")}`);
  return checked;
}
