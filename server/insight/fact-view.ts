import type { FactTotals, IndicatorFactRow, IndicatorFactsView } from "@/lib/contracts/insight";

export function totalsOf(rows: readonly IndicatorFactRow[]): FactTotals {
  let numerator = 0;
  let denominator = 0;
  for (const row of rows) {
    numerator += row.numerator;
    denominator += row.denominator;
  }
  return { count: rows.length, numerator, denominator };
}

function matches(row: IndicatorFactRow, view: IndicatorFactsView): boolean {
  if (view.show === "numerator" && !row.countsInNumerator) return false;
  if (view.show === "hurting" && !row.hurting) return false;
  if (view.from && row.day < view.from) return false;
  if (view.to && row.day > view.to) return false;
  if (view.search) {
    const needle = view.search.toLowerCase();
    const haystack = [row.ref, row.orderId, row.productName, row.shopName].filter((text): text is string => text !== null);
    if (!haystack.some((text) => text.toLowerCase().includes(needle))) return false;
  }
  return true;
}

function compare(a: IndicatorFactRow, b: IndicatorFactRow, key: IndicatorFactsView["sort"]): number {
  const x = a[key];
  const y = b[key];
  // Facts without the value (no hours) sort after those with it, whichever the direction.
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The rows a view keeps, in its order (ties by day, then reference, so pages are stable). */
export function viewRows(rows: readonly IndicatorFactRow[], view: IndicatorFactsView): IndicatorFactRow[] {
  const sign = view.direction === "asc" ? 1 : -1;
  return rows
    .filter((row) => matches(row, view))
    .sort((a, b) => {
      const primary = compare(a, b, view.sort);
      const nullOrder = (a[view.sort] === null) !== (b[view.sort] === null);
      if (primary !== 0) return nullOrder ? primary : sign * primary;
      return compare(a, b, "day") || compare(a, b, "ref");
    });
}
