import { dayNumber } from "@/server/lib/time";
import { ROLLUP_METRIC_FIELDS, type RollupRow } from "./rollups";

/** Metrics per packed row, in ROLLUP_METRIC_FIELDS order. */
export const METRIC_COUNT = ROLLUP_METRIC_FIELDS.length;

export const metricIndexOf = (field: (typeof ROLLUP_METRIC_FIELDS)[number]): number => ROLLUP_METRIC_FIELDS.indexOf(field);

/**
 * One entity's roll-up rows in columns, ordered by anchor day, then visible day: day numbers
 * (days since 1970-01-01, as dayNumber) and METRIC_COUNT metrics per row. A history backfill holds
 * millions of rows; as objects they cost more to build and collect than to add up.
 */
export type PackedRollups = { count: number; day: Int32Array; visibleDay: Int32Array; metrics: Float64Array };

export function emptyPackedRollups(count: number): PackedRollups {
  return { count, day: new Int32Array(count), visibleDay: new Int32Array(count), metrics: new Float64Array(count * METRIC_COUNT) };
}

/** Packs rows given in any order; rows with the same two days keep their order (the sort is stable). */
export function packRollups(rows: readonly RollupRow[]): PackedRollups {
  const keyed = rows
    .map((row) => ({ row, day: dayNumber(row.day), visible: dayNumber(row.visibleDay) }))
    .sort((a, b) => a.day - b.day || a.visible - b.visible);
  const packed = emptyPackedRollups(keyed.length);
  keyed.forEach(({ row, day, visible }, i) => {
    packed.day[i] = day;
    packed.visibleDay[i] = visible;
    ROLLUP_METRIC_FIELDS.forEach((field, m) => {
      packed.metrics[i * METRIC_COUNT + m] = row[field];
    });
  });
  return packed;
}
