import type { ScoreHistoryPoint } from "./types";

/**
 * The history chart's data: one row per calendar day, keyed by day, each series a column (overall
 * and every dimension, as shown). Days without a stored score are rows of nulls, so the time axis
 * is continuous, annotations can sit on any day, and another series (a forecast) can be merged in
 * by day without changing the shape.
 */
export type HistoryRow = { day: string } & Record<string, number | null | string>;

export const OVERALL_SERIES = "overall";

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Every day from the first stored point to the last, with the series of the stored days filled in. */
export function historyRows(history: readonly ScoreHistoryPoint[], dimensionCodes: readonly string[]): HistoryRow[] {
  const first = history[0];
  const last = history.at(-1);
  if (!first || !last) return [];
  const byDay = new Map(history.map((h) => [h.day, h]));
  const rows: HistoryRow[] = [];
  for (let n = dayNumber(first.day); n <= dayNumber(last.day); n++) {
    const day = dayOf(n);
    const point = byDay.get(day);
    const row: HistoryRow = { day, [OVERALL_SERIES]: point?.overallShown ?? null };
    for (const code of dimensionCodes) row[code] = point?.dimensions[code] ?? null;
    rows.push(row);
  }
  return rows;
}

/** A series' value on a row (null when absent or not a number). */
export function seriesValue(row: HistoryRow | undefined, key: string): number | null {
  const value = row?.[key];
  return typeof value === "number" ? value : null;
}

/**
 * Another series merged into the rows by day (a comparison under another rule set): its days
 * without a row become rows of their own, in day order, so the axis stays one time line.
 */
export function withSeries(rows: readonly HistoryRow[], key: string, points: readonly { day: string; value: number | null }[]): HistoryRow[] {
  const byDay = new Map(points.map((p) => [p.day, p.value]));
  const merged: HistoryRow[] = rows.map((row) => (byDay.has(row.day) ? { ...row, [key]: byDay.get(row.day) ?? null } : row));
  const known = new Set(rows.map((row) => row.day));
  for (const p of points) if (!known.has(p.day)) merged.push({ day: p.day, [key]: p.value });
  return merged.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
