import { addDays, daysBetween, type Day } from "@/server/lib/time";
import type { WindowKind } from "./indicators";
import { recencyWeight } from "./recency-weight";
import type { RollupMetricField, RollupRow } from "./rollups";

/** A window relative to the scoring day D: D−fromDaysBefore … D−toDaysBefore, both included. */
export type WindowSpec = { fromDaysBefore: number; toDaysBefore: number };

/** What indicator values depend on besides the facts; shared by rule sets that agree on it. */
export type ValueParams = { halfLifeDays: number; windows: Record<WindowKind, WindowSpec> };

/** scoring.md §1–§2: main window D−90…D−1, quality-return window D−104…D−15, H = 30 days. */
export const STANDARD_VALUE_PARAMS: ValueParams = {
  halfLifeDays: 30,
  windows: {
    main: { fromDaysBefore: 90, toDaysBefore: 1 },
    quality_return: { fromDaysBefore: 104, toDaysBefore: 15 },
  },
};

const weightTables = new Map<string, Float64Array>();
/**
 * recencyWeight of every age a window of `params` can hold (index = age), one table per half-life
 * and length. The history looks weights up millions of times (Math.pow is dear there), and the
 * day's SQL is sent the same table, so both weigh with the same bits.
 */
export function windowRecencyWeights(params: ValueParams): Float64Array {
  const spans = Object.values(params.windows).map(
    (spec) => spec.fromDaysBefore - spec.toDaysBefore + 1,
  );
  const ages = Math.max(...spans);
  const key = `${params.halfLifeDays}|${ages}`;
  let table = weightTables.get(key);
  if (!table) {
    table = Float64Array.from({ length: ages }, (_, age) =>
      recencyWeight(age, params.halfLifeDays),
    );
    weightTables.set(key, table);
  }
  return table;
}

export type WindowBounds = { first: Day; last: Day };

export function windowBounds(day: Day, spec: WindowSpec): WindowBounds {
  return { first: addDays(day, -spec.fromDaysBefore), last: addDays(day, -spec.toDaysBefore) };
}

export type WindowSums<F extends RollupMetricField> = {
  weighted: Record<F, number>;
  unweighted: Record<F, number>;
};

/**
 * Σ w(day)·field and Σ field over the rows that exist as of `day` (visibleDay ≤ day) and whose
 * anchor day lies in the window. Rows of one anchor day are added up first and then weighted, and
 * days are summed oldest to newest, so the same rows give the same bits whatever their order.
 * One pass serves every field: scoring a cohort's history calls this millions of times.
 */
export function windowSums<F extends RollupMetricField>(
  rows: readonly RollupRow[],
  day: Day,
  spec: WindowSpec,
  halfLifeDays: number,
  fields: readonly F[],
): WindowSums<F> {
  const { first, last } = windowBounds(day, spec);
  const inWindow = rows.filter((r) => r.day >= first && r.day <= last && r.visibleDay <= day);
  const ordered = isOrdered(inWindow) ? inWindow : [...inWindow].sort(byDayThenVisibleDay);

  const weighted = {} as Record<F, number>;
  const unweighted = {} as Record<F, number>;
  for (const field of fields) {
    weighted[field] = 0;
    unweighted[field] = 0;
  }
  let group: RollupRow[] = [];
  const addGroup = () => {
    const anchorDay = group[0]?.day;
    if (anchorDay === undefined) return;
    const weight = recencyWeight(daysBetween(anchorDay, last), halfLifeDays);
    for (const field of fields) {
      let total = 0;
      for (const row of group) total += row[field];
      weighted[field] += weight * total;
      unweighted[field] += total;
    }
    group = [];
  };
  for (const row of ordered) {
    if (group.length > 0 && group[0]?.day !== row.day) addGroup();
    group.push(row);
  }
  addGroup();
  return { weighted, unweighted };
}

function byDayThenVisibleDay(a: RollupRow, b: RollupRow): number {
  if (a.day !== b.day) return a.day < b.day ? -1 : 1;
  return a.visibleDay < b.visibleDay ? -1 : a.visibleDay > b.visibleDay ? 1 : 0;
}

function isOrdered(rows: readonly RollupRow[]): boolean {
  let previous: RollupRow | undefined;
  for (const row of rows) {
    if (previous && byDayThenVisibleDay(previous, row) > 0) return false;
    previous = row;
  }
  return true;
}
