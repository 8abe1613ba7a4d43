import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db/security";
import type { Tx } from "@/db/client";
import { dailyRollups } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { Day } from "@/server/lib/time";
import { FIELDS_BY_WINDOW, type IndicatorValues } from "../indicator-values";
import { indicatorValuesOfTotals, WINDOW_KINDS } from "../indicator-series";
import { METRIC_COUNT, metricIndexOf } from "../packed-rollups";
import { recencyWeight } from "../recency-weight";
import type { RollupMetricField } from "../rollups";
import type { ValueParams } from "../window";

/** Entities per statement: their ids travel as one array. */
const ID_CHUNK = 2000;

const column = (field: RollupMetricField) => `"${dailyRollups[field].name}"`;
const alias = (part: "w" | "u", window: number, metric: number) => `${part}${window}_${metric}`;

/** The statement's text split at its placeholders ($name): text, name, text, name, …, text. */
type WindowTotalsQuery = { parts: string[]; weights: string };
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

function bind({ parts }: WindowTotalsQuery, values: Bindings): SQL {
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 0) chunks.push(sql.raw(part));
    else {
      const name = part as keyof Bindings;
      chunks.push(PLACEHOLDERS[name](values[name]));
    }
  });
  return sql.join(chunks, sql.raw(""));
}

/**
 * The statement behind indicatorValuesInDatabase for one set of value parameters. Both levels of
 * adding up are window aggregates over a whole, ordered partition, which PostgreSQL computes by
 * adding the rows in the window's order: an anchor day's rows in visible-day order, then the anchor
 * days oldest to newest, each weighted by the weight computeIndicatorValues uses (sent as an array,
 * so no float maths differs between the two). The sums are therefore the same to the last bit.
 */
function windowTotalsQuery(params: ValueParams): WindowTotalsQuery {
  const key = JSON.stringify(params);
  const known = queries.get(key);
  if (known) return known;
  const fields = [...new Set(WINDOW_KINDS.flatMap((kind) => FIELDS_BY_WINDOW[kind]))];
  const specs = WINDOW_KINDS.map((kind) => params.windows[kind]);
  const oldest = Math.max(...specs.map((s) => s.fromDaysBefore));
  const newest = Math.min(...specs.map((s) => s.toDaysBefore));
  const longest = Math.max(...specs.map((s) => s.fromDaysBefore - s.toDaysBefore));
  const weights = `{${Array.from({ length: longest + 1 }, (_, age) => recencyWeight(age, params.halfLifeDays)).join(",")}}`;
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
      select distinct on (entity_id, day) entity_id, day, ${fields.map((f) => `sum(${column(f)}::float8) over anchor as ${column(f)}`).join(", ")}
      from daily_rollups
      where org_id = $org and entity_kind = $kind and entity_id between $firstId and $lastId and entity_id = any($ids)
        and day between $day - ${oldest} and $day - ${newest} and visible_day <= $day
      window anchor as (partition by entity_id, day order by visible_day rows between unbounded preceding and unbounded following)
      order by entity_id, day
    ) g
    window entity as (partition by g.entity_id order by g.day rows between unbounded preceding and unbounded following)
    order by g.entity_id`;
  const query: WindowTotalsQuery = { parts: template.split(/\$(\w+)/), weights };
  queries.set(key, query);
  return query;
}

/**
 * computeIndicatorValues of many entities for one day, added up in the database: a day's score
 * reads ten thousand entities' roll-ups, a million rows, and sending them to be added up here cost
 * more than the whole of the SQL floor (issue 15). Entities without roll-ups in the windows are
 * absent from the map.
 */
export async function indicatorValuesInDatabase(
  tx: Tx,
  target: { orgId: string; kind: EntityKind; entityIds: readonly string[]; day: Day; params: ValueParams },
): Promise<Map<string, IndicatorValues>> {
  const query = windowTotalsQuery(target.params);
  const out = new Map<string, IndicatorValues>();
  const sorted = [...target.entityIds].sort();
  for (let i = 0; i < sorted.length; i += ID_CHUNK) {
    const chunk = sorted.slice(i, i + ID_CHUNK);
    const rows = rowsOf<Record<string, string | number | null>>(
      await tx.execute(bind(query, { org: target.orgId, kind: target.kind, ids: `{${chunk.join(",")}}`, firstId: chunk[0] ?? "", lastId: chunk.at(-1) ?? "", day: target.day, weights: query.weights })),
    );
    for (const row of rows) {
      const totals = {
        weighted: WINDOW_KINDS.map((_, w) => metricsOf(row, "w", w)),
        unweighted: WINDOW_KINDS.map((_, w) => metricsOf(row, "u", w)),
      };
      out.set(String(row.entity_id), indicatorValuesOfTotals(target.day, totals));
    }
  }
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
