import { dayNumber, type Day } from "@/server/lib/time";
import { INDICATOR_ORDER, INDICATORS, type WindowKind } from "./indicators";
import { FIELDS_BY_WINDOW } from "./indicator-values";
import { METRIC_COUNT, metricIndexOf, type PackedRollups } from "./packed-rollups";
import { recencyWeight } from "./recency-weight";
import { STANDARD_VALUE_PARAMS, type ValueParams } from "./window";

/** One entity's values for many days: validOrders[d], and values[d·width + k] for INDICATOR_ORDER[k] (NaN = missing). */
export type IndicatorSeries = { validOrders: Float64Array; values: Float64Array };

const WINDOW_KINDS = Object.keys(FIELDS_BY_WINDOW) as WindowKind[];
/** Per window, the metric indices its indicators add up. */
const WINDOW_METRICS = WINDOW_KINDS.map((kind) => Int32Array.from(FIELDS_BY_WINDOW[kind].map(metricIndexOf)));
const VALID_ORDERS = metricIndexOf("validOrders");
const INDICATOR_WINDOW = Int32Array.from(INDICATOR_ORDER.map((code) => WINDOW_KINDS.indexOf(INDICATORS[code].window)));
const NUMERATOR = Int32Array.from(INDICATOR_ORDER.map((code) => metricIndexOf(INDICATORS[code].numerator)));
const DENOMINATOR = Int32Array.from(INDICATOR_ORDER.map((code) => metricIndexOf(INDICATORS[code].denominator)));

/**
 * computeIndicatorValues for many days of one entity at once (history backfill). The rows visible
 * on a day D are a prefix of each anchor day's rows (they are ordered by visible day), so the
 * per-anchor totals are running sums computed once; each day then weighs them oldest to newest.
 * The additions happen in the same order as computeIndicatorValues, so every value is the same
 * to the last bit.
 */
export function indicatorSeries(rollups: PackedRollups, days: readonly Day[], params: ValueParams = STANDARD_VALUE_PARAMS): IndicatorSeries {
  const width = INDICATOR_ORDER.length;
  const series: IndicatorSeries = { validOrders: new Float64Array(days.length), values: new Float64Array(days.length * width).fill(Number.NaN) };
  const { count, day: rowDay, visibleDay, metrics } = rollups;

  // running[i·M + m]: metric m added up over the rows of row i's anchor day, from its first row to i.
  const running = scratch(count * METRIC_COUNT);
  const anchorDays: number[] = [];
  /** anchorEnd[a]: one past the last row of anchor day a. */
  const anchorEnd: number[] = [];
  for (let i = 0; i < count; i++) {
    const first = i === 0 || rowDay[i] !== rowDay[i - 1];
    if (first) {
      if (i > 0) anchorEnd.push(i);
      anchorDays.push(rowDay[i] as number);
    }
    const at = i * METRIC_COUNT;
    for (let m = 0; m < METRIC_COUNT; m++) running[at + m] = (first ? 0 : (running[at - METRIC_COUNT + m] as number)) + (metrics[at + m] as number);
  }
  if (count > 0) anchorEnd.push(count);

  const weights: number[] = [];
  const sums = WINDOW_KINDS.map(() => new Float64Array(METRIC_COUNT));
  days.forEach((day, d) => {
    const asOf = dayNumber(day);
    WINDOW_KINDS.forEach((kind, w) => {
      const spec = params.windows[kind];
      const first = asOf - spec.fromDaysBefore;
      const last = asOf - spec.toDaysBefore;
      const fields = WINDOW_METRICS[w] as Int32Array;
      const weighted = (sums[w] as Float64Array).fill(0);
      let validOrders = 0;
      for (let a = firstAtOrAfter(anchorDays, first); a < anchorDays.length; a++) {
        const anchor = anchorDays[a] as number;
        if (anchor > last) break;
        const start = a === 0 ? 0 : (anchorEnd[a - 1] as number);
        let end = anchorEnd[a] as number;
        while (end > start && (visibleDay[end - 1] as number) > asOf) end -= 1;
        if (end === start) continue;
        const age = last - anchor;
        const weight = (weights[age] ??= recencyWeight(age, params.halfLifeDays));
        const base = (end - 1) * METRIC_COUNT;
        for (let f = 0; f < fields.length; f++) {
          const m = fields[f] as number;
          weighted[m] = (weighted[m] as number) + weight * (running[base + m] as number);
        }
        validOrders += running[base + VALID_ORDERS] as number;
      }
      if (kind === "main") series.validOrders[d] = validOrders;
    });
    for (let k = 0; k < width; k++) {
      const window = sums[INDICATOR_WINDOW[k] as number] as Float64Array;
      const denominator = window[DENOMINATOR[k] as number] as number;
      if (denominator > 0) series.values[d * width + k] = (window[NUMERATOR[k] as number] as number) / denominator;
    }
  });
  return series;
}

/** A buffer for the running totals, reused from entity to entity (a backfill computes ten thousand series in a row). */
let scratchBuffer = new Float64Array(0);
function scratch(length: number): Float64Array {
  if (scratchBuffer.length < length) scratchBuffer = new Float64Array(Math.max(length, 2 * scratchBuffer.length));
  return scratchBuffer;
}

/** The index of the first value on or after `day` (values ascend). */
function firstAtOrAfter(values: readonly number[], day: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
