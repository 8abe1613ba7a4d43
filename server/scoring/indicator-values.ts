import type { Day } from "@/server/lib/time";
import {
  INDICATOR_ORDER,
  INDICATORS,
  type IndicatorCode,
  type IndicatorValueMap,
  type WindowKind,
} from "./indicators";
import type { RollupMetricField, RollupRow } from "./rollups";
import { STANDARD_VALUE_PARAMS, windowSums, type ValueParams, type WindowSums } from "./window";

export type IndicatorValue = {
  value: number;
  /** Recency-weighted; for a mean, the weighted hours sum and weighted count. */
  numerator: number;
  denominator: number;
  unweightedNumerator: number;
  unweightedDenominator: number;
};

export type IndicatorValues = {
  day: Day;
  /** Plain count of valid orders paid in the main window (eligibility, §4). */
  validOrders: number;
  /** null = missing: the weighted denominator (or count) is 0. */
  indicators: Record<IndicatorCode, IndicatorValue | null>;
};

/** The roll-up fields each window needs: every indicator's numerator and denominator, plus the eligibility count. */
export const FIELDS_BY_WINDOW: Record<WindowKind, RollupMetricField[]> = (() => {
  const byWindow: Record<WindowKind, Set<RollupMetricField>> = {
    main: new Set(["validOrders"]),
    quality_return: new Set(),
  };
  for (const code of INDICATOR_ORDER) {
    const { window, numerator, denominator } = INDICATORS[code];
    byWindow[window].add(numerator).add(denominator);
  }
  return { main: [...byWindow.main], quality_return: [...byWindow.quality_return] };
})();

/** Every catalogue indicator of one entity as of `day`, from its roll-up rows. */
export function computeIndicatorValues(
  rows: readonly RollupRow[],
  day: Day,
  params: ValueParams = STANDARD_VALUE_PARAMS,
): IndicatorValues {
  const sumsOf = (window: WindowKind) =>
    windowSums(rows, day, params.windows[window], params.halfLifeDays, FIELDS_BY_WINDOW[window]);
  const sums: Record<WindowKind, WindowSums<RollupMetricField>> = {
    main: sumsOf("main"),
    quality_return: sumsOf("quality_return"),
  };
  const indicators = {} as Record<IndicatorCode, IndicatorValue | null>;
  for (const code of INDICATOR_ORDER) {
    const definition = INDICATORS[code];
    const window = sums[definition.window];
    const denominator = window.weighted[definition.denominator];
    indicators[code] =
      denominator > 0
        ? {
            value: window.weighted[definition.numerator] / denominator,
            numerator: window.weighted[definition.numerator],
            denominator,
            unweightedNumerator: window.unweighted[definition.numerator],
            unweightedDenominator: window.unweighted[definition.denominator],
          }
        : null;
  }
  return { day, validOrders: sums.main.unweighted.validOrders, indicators };
}

/** Just the values, as scoreDay and the cache want them. */
export function valueMapOf(values: IndicatorValues): IndicatorValueMap {
  const map: IndicatorValueMap = {};
  for (const code of INDICATOR_ORDER) {
    const indicator = values.indicators[code];
    if (indicator) map[code] = indicator.value;
  }
  return map;
}
