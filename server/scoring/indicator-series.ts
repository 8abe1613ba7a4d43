import { dayNumber, type Day } from "@/server/lib/time";
import { INDICATOR_ORDER, INDICATORS, type IndicatorCode, type WindowKind } from "./indicators";
import { FIELDS_BY_WINDOW, type IndicatorValue, type IndicatorValues } from "./indicator-values";
import { METRIC_COUNT, metricIndexOf, type PackedRollups } from "./packed-rollups";
import { STANDARD_VALUE_PARAMS, windowRecencyWeights, type ValueParams } from "./window";

/** One entity's values for many days: validOrders[d], and values[d·width + k] for INDICATOR_ORDER[k] (NaN = missing). */
export type IndicatorSeries = { validOrders: Float64Array; values: Float64Array };

export const WINDOW_KINDS = Object.keys(FIELDS_BY_WINDOW) as WindowKind[];
/** Per window, the metric indices its indicators add up. */
const WINDOW_METRICS = WINDOW_KINDS.map((kind) => Int32Array.from(FIELDS_BY_WINDOW[kind].map(metricIndexOf)));
const VALID_ORDERS = metricIndexOf("validOrders");
const MAIN_WINDOW = WINDOW_KINDS.indexOf("main");
const INDICATOR_WINDOW = Int32Array.from(INDICATOR_ORDER.map((code) => WINDOW_KINDS.indexOf(INDICATORS[code].window)));
const NUMERATOR = Int32Array.from(INDICATOR_ORDER.map((code) => metricIndexOf(INDICATORS[code].numerator)));
const DENOMINATOR = Int32Array.from(INDICATOR_ORDER.map((code) => metricIndexOf(INDICATORS[code].denominator)));

/** Per window (WINDOW_KINDS order), one day's weighted and plain totals of every metric (METRIC_COUNT each; unused metrics stay 0). */
export type DayTotals = { weighted: readonly Float64Array[]; unweighted: readonly Float64Array[] };

/**
 * Per window, the metrics it adds up, laid side by side: window w's fields sit at
 * [WINDOW_OFFSET[w], WINDOW_OFFSET[w + 1]) of a row of LAID_WIDTH running totals. The day loop then
 * reads neighbouring slots instead of going through a metric index for every addition (a history
 * does about two billion of them at ten thousand shops). A metric two windows use is laid twice.
 */
const WINDOW_OFFSET = Int32Array.from({ length: WINDOW_METRICS.length + 1 }, (_, w) => WINDOW_METRICS.slice(0, w).reduce((sum, fields) => sum + fields.length, 0));
const LAID_WIDTH = WINDOW_OFFSET[WINDOW_METRICS.length] as number;
const LAID_METRIC = Int32Array.from(WINDOW_METRICS.flatMap((fields) => [...fields]));
if (LAID_METRIC[WINDOW_OFFSET[MAIN_WINDOW] as number] !== VALID_ORDERS) throw new Error("the main window must lay valid orders first");

/**
 * Walks the days, handing each one its window totals (computeIndicatorValues's sums). The rows
 * visible on a day D are a prefix of each anchor day's rows (they are ordered by visible day), so
 * the per-anchor totals are running sums computed once; each day then weighs them oldest to newest.
 * The additions happen in the same order as computeIndicatorValues, so every sum is the same to the
 * last bit. The totals handed over are overwritten by the next day.
 */
function walkDayTotals(
  rollups: PackedRollups,
  days: readonly Day[],
  params: ValueParams,
  /** Which plain totals to add up: every metric, or the main window's valid orders alone (a values series needs no more). */
  plain: "all" | "validOrders",
  visit: (d: number, totals: DayTotals) => void,
): void {
  const { count, day: rowDay, visibleDay, metrics } = rollups;

  // running[i·L + s]: laid slot s's metric added up over the rows of row i's anchor day, from its first row to i.
  const running = scratch(count * LAID_WIDTH);
  const anchorDays: number[] = [];
  /** anchorEnd[a]: one past the last row of anchor day a. */
  const anchorEnd: number[] = [];
  for (let i = 0; i < count; i++) {
    const first = i === 0 || rowDay[i] !== rowDay[i - 1];
    if (first) {
      if (i > 0) anchorEnd.push(i);
      anchorDays.push(rowDay[i] as number);
    }
    const at = i * LAID_WIDTH;
    const row = i * METRIC_COUNT;
    for (let s = 0; s < LAID_WIDTH; s++) running[at + s] = (first ? 0 : (running[at - LAID_WIDTH + s] as number)) + (metrics[row + (LAID_METRIC[s] as number)] as number);
  }
  if (count > 0) anchorEnd.push(count);

  const weightOf = windowRecencyWeights(params);
  // Per window and day, the anchors that count: where their running totals sit and their weight.
  const anchorAt = new Int32Array(anchorDays.length);
  const anchorWeight = new Float64Array(anchorDays.length);
  const totals: DayTotals = {
    weighted: WINDOW_KINDS.map(() => new Float64Array(METRIC_COUNT)),
    unweighted: WINDOW_KINDS.map(() => new Float64Array(METRIC_COUNT)),
  };
  for (let d = 0; d < days.length; d++) {
    const asOf = dayNumber(days[d] as Day);
    for (let w = 0; w < WINDOW_KINDS.length; w++) {
      const spec = params.windows[WINDOW_KINDS[w] as WindowKind];
      const first = asOf - spec.fromDaysBefore;
      const last = asOf - spec.toDaysBefore;
      const from = WINDOW_OFFSET[w] as number;
      const to = WINDOW_OFFSET[w + 1] as number;
      // The plain totals a values series needs are the main window's valid orders, laid first.
      const plainTo = plain === "all" ? to : w === MAIN_WINDOW ? from + 1 : from;
      let counted = 0;
      for (let a = firstAtOrAfter(anchorDays, first); a < anchorDays.length; a++) {
        const anchor = anchorDays[a] as number;
        if (anchor > last) break;
        const start = a === 0 ? 0 : (anchorEnd[a - 1] as number);
        let end = anchorEnd[a] as number;
        while (end > start && (visibleDay[end - 1] as number) > asOf) end -= 1;
        if (end === start) continue;
        const age = last - anchor;
        anchorAt[counted] = (end - 1) * LAID_WIDTH;
        anchorWeight[counted] = weightOf[age] as number;
        counted += 1;
      }
      // One slot at a time, its anchors oldest to newest: the same additions in the same order as
      // anchor by anchor, with the total held in a local instead of stored back after every one.
      const weighted = totals.weighted[w] as Float64Array;
      const unweighted = totals.unweighted[w] as Float64Array;
      for (let s = from; s < to; s++) {
        let sum = 0;
        for (let j = 0; j < counted; j++) sum += (anchorWeight[j] as number) * (running[(anchorAt[j] as number) + s] as number);
        weighted[LAID_METRIC[s] as number] = sum;
        let plainSum = 0;
        if (s < plainTo) for (let j = 0; j < counted; j++) plainSum += running[(anchorAt[j] as number) + s] as number;
        unweighted[LAID_METRIC[s] as number] = plainSum;
      }
    }
    visit(d, totals);
  }
}

/** computeIndicatorValues for many days of one entity at once (history backfill): values only. */
export function indicatorSeries(rollups: PackedRollups, days: readonly Day[], params: ValueParams = STANDARD_VALUE_PARAMS): IndicatorSeries {
  const width = INDICATOR_ORDER.length;
  const series: IndicatorSeries = { validOrders: new Float64Array(days.length), values: new Float64Array(days.length * width).fill(Number.NaN) };
  walkDayTotals(rollups, days, params, "validOrders", (d, { weighted, unweighted }) => {
    series.validOrders[d] = (unweighted[MAIN_WINDOW] as Float64Array)[VALID_ORDERS] as number;
    for (let k = 0; k < width; k++) {
      const window = weighted[INDICATOR_WINDOW[k] as number] as Float64Array;
      const denominator = window[DENOMINATOR[k] as number] as number;
      if (denominator > 0) series.values[d * width + k] = (window[NUMERATOR[k] as number] as number) / denominator;
    }
  });
  return series;
}

/**
 * computeIndicatorValues from packed roll-ups: the same values, numerators and denominators to the
 * last bit, without building a row object per roll-up row.
 */
export function packedIndicatorValues(rollups: PackedRollups, day: Day, params: ValueParams = STANDARD_VALUE_PARAMS): IndicatorValues {
  const out: IndicatorValues[] = [];
  walkDayTotals(rollups, [day], params, "all", (_, totals) => out.push(indicatorValuesOfTotals(day, totals)));
  const [values] = out;
  if (!values) throw new Error("no day walked");
  return values;
}

/** A day's indicator values from its window totals (WINDOW_KINDS order, METRIC_COUNT metrics each). */
export function indicatorValuesOfTotals(day: Day, { weighted, unweighted }: DayTotals): IndicatorValues {
  const indicators = {} as Record<IndicatorCode, IndicatorValue | null>;
  INDICATOR_ORDER.forEach((code, k) => {
    const w = INDICATOR_WINDOW[k] as number;
    const numerator = NUMERATOR[k] as number;
    const denominator = DENOMINATOR[k] as number;
    const sums = weighted[w] as Float64Array;
    const plain = unweighted[w] as Float64Array;
    const weightedDenominator = sums[denominator] as number;
    indicators[code] =
      weightedDenominator > 0
        ? {
            value: (sums[numerator] as number) / weightedDenominator,
            numerator: sums[numerator] as number,
            denominator: weightedDenominator,
            unweightedNumerator: plain[numerator] as number,
            unweightedDenominator: plain[denominator] as number,
          }
        : null;
  });
  return { day, validOrders: (unweighted[MAIN_WINDOW] as Float64Array)[VALID_ORDERS] as number, indicators };
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
