import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db/security";
import type { Tx } from "@/db/client";
import { dailyRollups } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { Day } from "@/server/lib/time";
import { FIELDS_BY_WINDOW, type IndicatorValues } from "../indicator-values";
import { indicatorValuesOfTotals, WINDOW_KINDS } from "../indicator-series";
import { METRIC_COUNT, metricIndexOf } from "../packed-rollups";
import type { RollupMetricField } from "../rollups";
import { windowRecencyWeights, type ValueParams } from "../window";

/** Entities per statement when some are named: their ids travel as one array. */
const ID_CHUNK = 500;

const column = (field: RollupMetricField) => `"${dailyRollups[field].name}"`;
/**
 * An anchor day's total of one metric over its rows visible on the day. Whole counts add up to the
 * same number in any order; fractional hours are added in visible-day order, as the running totals
 * of computeIndicatorValues are.
 */
const anchorTotal = (field: RollupMetricField) =>
  dailyRollups[field].columnType === "PgInteger" ? `sum(${column(field)})::float8 as ${column(field)}` : `sum(${column(field)} order by visible_day) as ${column(field)}`;
const alias = (part: "w" | "u", window: number, metric: number) => `${part}${window}_${metric}`;

/** The statement's text split at its placeholders ($name): text, name, text, name, …, text. */
type WindowTotalsQuery = { parts: string[]; rangeParts: string[]; weights: string };
const queries = new Map<string, WindowTotalsQuery>();

type Bindings = { org: string; kind: EntityKind; ids: string; firstId: string; lastId: string; day: Day; weights: string };
const PLACEHOLDERS: { [K in keyof Bindings]: (value: string) => SQL } = {
  org: (v) => sql`${v}::uuid`,
  kind: (v) => sql`${v}::text`,
  ids: (v) => sql`${v}::uuid[]`,
  firstId: (v) => sql`${v}::uuid`,
  lastId: (v) => sql`${v}::uuid`,
  day: (v) => sql`${v}::date`,
  weights: (v) => sql`${v}::float8[]`,
};

function bind(parts: readonly string[], values: Partial<Bindings>): SQL {
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 0) chunks.push(sql.raw(part));
    else {
      const name = part as keyof Bindings;
      const value = values[name];
      if (value === undefined) throw new Error(`no value for $${name}`);
      chunks.push(PLACEHOLDERS[name](value));
    }
  });
  return sql.join(chunks, sql.raw(""));
}

/**
 * The statement behind indicatorValuesInDatabase for one set of value parameters. An anchor day's
 * rows are added up first (anchorTotal), then the anchor days in a window aggregate over the whole,
 * ordered partition, which PostgreSQL computes by adding the rows in the window's order: oldest to
 * newest, each weighted by the weight computeIndicatorValues uses (sent as an array, so no float
 * maths differs between the two). The sums are therefore the same to the last bit.
 */
function windowTotalsQuery(params: ValueParams): WindowTotalsQuery {
  const key = JSON.stringify(params);
  const known = queries.get(key);
  if (known) return known;
  const fields = [...new Set(WINDOW_KINDS.flatMap((kind) => FIELDS_BY_WINDOW[kind]))];
  const specs = WINDOW_KINDS.map((kind) => params.windows[kind]);
  const oldest = Math.max(...specs.map((s) => s.fromDaysBefore));
  const newest = Math.min(...specs.map((s) => s.toDaysBefore));
  const weights = `{${windowRecencyWeights(params).join(",")}}`;
  const sums = WINDOW_KINDS.flatMap((kind, w) => {
    const spec = params.windows[kind];
    const inWindow = `filter (where g.day between $day - ${spec.fromDaysBefore} and $day - ${spec.toDaysBefore})`;
    return FIELDS_BY_WINDOW[kind].flatMap((field) => [
      `sum(($weights)[$day - ${spec.toDaysBefore} - g.day + 1] * g.${column(field)}) ${inWindow} over entity as ${alias("w", w, metricIndexOf(field))}`,
      `sum(g.${column(field)}) ${inWindow} over entity as ${alias("u", w, metricIndexOf(field))}`,
    ]);
  });
  const template = `
    select distinct on (g.entity_id) g.entity_id, ${sums.join(",\n      ")}
    from (
      select entity_id, day, ${fields.map(anchorTotal).join(", ")}
      from daily_rollups
      where org_id = $org and entity_kind = $kind /*entities*/
        and day between $day - ${oldest} and $day - ${newest} and visible_day <= $day
      group by entity_id, day
    ) g
    window entity as (partition by g.entity_id order by g.day rows between unbounded preceding and unbounded following)
    order by g.entity_id`;
  const query: WindowTotalsQuery = {
    parts: template.replace("/*entities*/", "and entity_id between $firstId and $lastId and entity_id = any($ids)").split(/\$(\w+)/),
    // Every entity of the kind in an id range: the primary key's order is the windows' order, so nothing is sorted.
    rangeParts: template.replace("/*entities*/", "and entity_id between $firstId and $lastId").split(/\$(\w+)/),
    weights,
  };
  queries.set(key, query);
  return query;
}

/** Which entities: some named ones, or every entity of the kind whose id lies in [first, last]. */
export type EntitySelection = { ids: readonly string[] } | { first: string; last: string };

/**
 * computeIndicatorValues of many entities for one day, added up in the database: a day's score
 * reads ten thousand entities' roll-ups, a million rows, and sending them to be added up here cost
 * more than the whole of the SQL floor (issue 15). Entities without roll-ups in the windows are
 * absent from the map.
 */
export async function indicatorValuesInDatabase(
  tx: Tx,
  target: { orgId: string; kind: EntityKind; entities: EntitySelection; day: Day; params: ValueParams },
): Promise<Map<string, IndicatorValues>> {
  const query = windowTotalsQuery(target.params);
  const common = { org: target.orgId, kind: target.kind, day: target.day, weights: query.weights };
  const out = new Map<string, IndicatorValues>();
  const read = async (statement: SQL) => {
    for (const row of rowsOf<Record<string, string | number | null>>(await tx.execute(statement))) {
      const totals = {
        weighted: WINDOW_KINDS.map((_, w) => metricsOf(row, "w", w)),
        unweighted: WINDOW_KINDS.map((_, w) => metricsOf(row, "u", w)),
      };
      out.set(String(row.entity_id), indicatorValuesOfTotals(target.day, totals));
    }
  };
  // Compiling this statement's eighty aggregates took PostgreSQL's JIT 4.5 s of a 14 s run at
  // 10,000 shops; the caller's setting is restored for the rest of its transaction.
  const [jit] = rowsOf<{ previous: string }>(await tx.execute(sql`select current_setting('jit') as previous, set_config('jit', 'off', true)`));
  const { entities } = target;
  if ("first" in entities) await read(bind(query.rangeParts, { ...common, firstId: entities.first, lastId: entities.last }));
  else {
    // Ids in id order, so the range condition (always true for them) keeps the planner on one
    // stretch of the primary key.
    const sorted = [...entities.ids].sort();
    for (let i = 0; i < sorted.length; i += ID_CHUNK) {
      const chunk = sorted.slice(i, i + ID_CHUNK);
      await read(bind(query.parts, { ...common, ids: `{${chunk.join(",")}}`, firstId: chunk[0] ?? "", lastId: chunk.at(-1) ?? "" }));
    }
  }
  await tx.execute(sql`select set_config('jit', ${jit?.previous ?? "on"}, true)`);
  return out;
}

function metricsOf(row: Record<string, string | number | null>, part: "w" | "u", window: number): Float64Array {
  const metrics = new Float64Array(METRIC_COUNT);
  for (let m = 0; m < METRIC_COUNT; m++) {
    const value = row[alias(part, window, m)];
    // A window without rows sums to NULL; computeIndicatorValues starts every sum at 0.
    if (value !== undefined && value !== null) metrics[m] = Number(value);
  }
  return metrics;
}
