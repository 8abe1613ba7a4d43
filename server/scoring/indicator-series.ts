import { dayNumber, type Day } from "@/server/lib/time";
import { INDICATOR_ORDER, INDICATORS, type WindowKind } from "./indicators";
import { FIELDS_BY_WINDOW } from "./indicator-values";
import { recencyWeight } from "./recency-weight";
import type { RollupMetricField, RollupRow } from "./rollups";
import { byDayThenVisibleDay, isOrdered, STANDARD_VALUE_PARAMS, type ValueParams } from "./window";

/** One entity's values for many days: validOrders[d], and values[d·width + k] for INDICATOR_ORDER[k] (NaN = missing). */
export type IndicatorSeries = { validOrders: Float64Array; values: Float64Array };

type AnchorDay = {
  day: number;
  /** visibleDay of each row, ascending. */
  visible: number[];
  /** running totals: sums[j·fields + f] = Σ of the first j+1 rows' field f, added in visibleDay order. */
  sums: Float64Array;
};

/**
 * computeIndicatorValues for many days of one entity at once (history backfill). The rows visible
 * on a day D are a prefix of each anchor day's rows sorted by visibleDay, so the per-day totals are
 * running sums computed once; each day then weighs them oldest to newest. The additions happen in
 * the same order as computeIndicatorValues, so every value is the same to the last bit.
 */
export function indicatorSeries(rows: readonly RollupRow[], days: readonly Day[], params: ValueParams = STANDARD_VALUE_PARAMS): IndicatorSeries {
  const fields: RollupMetricField[] = [...new Set([...FIELDS_BY_WINDOW.main, ...FIELDS_BY_WINDOW.quality_return])];
  const fieldIndex = new Map(fields.map((f, i) => [f, i]));
  const anchors = groupByAnchorDay(rows, fields);
  const width = INDICATOR_ORDER.length;
  const series: IndicatorSeries = { validOrders: new Float64Array(days.length), values: new Float64Array(days.length * width).fill(Number.NaN) };
  const weights: number[] = [];
  const weightOf = (age: number) => (weights[age] ??= recencyWeight(age, params.halfLifeDays));
  const windowKinds = Object.keys(FIELDS_BY_WINDOW) as WindowKind[];
  const windowFields: Record<WindowKind, number[]> = {
    main: FIELDS_BY_WINDOW.main.map((f) => fieldIndex.get(f) ?? 0),
    quality_return: FIELDS_BY_WINDOW.quality_return.map((f) => fieldIndex.get(f) ?? 0),
  };
  const weighted = new Float64Array(fields.length);
  const sums: Record<WindowKind, Float64Array> = { main: new Float64Array(fields.length), quality_return: new Float64Array(fields.length) };
  // Of the unweighted sums only the main window's valid-order count is read (eligibility, §4).
  const validOrdersField = fieldIndex.get("validOrders") ?? 0;

  days.forEach((day, d) => {
    const asOf = dayNumber(day);
    for (const kind of windowKinds) {
      const spec = params.windows[kind];
      const first = asOf - spec.fromDaysBefore;
      const last = asOf - spec.toDaysBefore;
      const indices = windowFields[kind];
      weighted.fill(0);
      let validOrders = 0;
      for (let a = firstAnchorFrom(anchors, first); a < anchors.length; a++) {
        const anchor = anchors[a];
        if (!anchor || anchor.day > last) break;
        let visible = anchor.visible.length;
        while (visible > 0 && (anchor.visible[visible - 1] ?? 0) > asOf) visible -= 1;
        if (visible === 0) continue;
        const weight = weightOf(last - anchor.day);
        const base = (visible - 1) * fields.length;
        for (const f of indices) weighted[f] = (weighted[f] ?? 0) + weight * (anchor.sums[base + f] ?? 0);
        validOrders += anchor.sums[base + validOrdersField] ?? 0;
      }
      sums[kind].set(weighted);
      if (kind === "main") series.validOrders[d] = validOrders;
    }
    INDICATOR_ORDER.forEach((code, k) => {
      const definition = INDICATORS[code];
      const window = sums[definition.window];
      const denominator = window[fieldIndex.get(definition.denominator) ?? 0] ?? 0;
      if (denominator > 0) series.values[d * width + k] = (window[fieldIndex.get(definition.numerator) ?? 0] ?? 0) / denominator;
    });
  });
  return series;
}

/** The index of the first anchor day on or after `day` (anchors ascend). */
function firstAnchorFrom(anchors: readonly AnchorDay[], day: number): number {
  let lo = 0;
  let hi = anchors.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((anchors[mid]?.day ?? Infinity) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function groupByAnchorDay(rows: readonly RollupRow[], fields: readonly RollupMetricField[]): AnchorDay[] {
  const ordered = isOrdered(rows) ? rows : [...rows].sort(byDayThenVisibleDay);
  const anchors: AnchorDay[] = [];
  let start = 0;
  while (start < ordered.length) {
    const day = ordered[start]?.day;
    let end = start;
    while (end < ordered.length && ordered[end]?.day === day) end += 1;
    const group = ordered.slice(start, end);
    const sums = new Float64Array(group.length * fields.length);
    fields.forEach((field, f) => {
      let total = 0;
      group.forEach((row, j) => {
        total += row[field];
        sums[j * fields.length + f] = total;
      });
    });
    anchors.push({ day: dayNumber(day ?? "1970-01-01"), visible: group.map((r) => dayNumber(r.visibleDay)), sums });
    start = end;
  }
  return anchors;
}
