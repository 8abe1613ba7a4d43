import type { Day } from "@/server/lib/time";
import {
  INDICATOR_ORDER,
  INDICATORS,
  type IndicatorCode,
  type IndicatorValueMap,
} from "./indicators";
import type { RollupRow } from "./rollups";
import { STANDARD_VALUE_PARAMS, windowSums, type ValueParams } from "./window";

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

/** Every catalogue indicator of one entity as of `day`, from its roll-up rows. */
export function computeIndicatorValues(
  rows: readonly RollupRow[],
  day: Day,
  params: ValueParams = STANDARD_VALUE_PARAMS,
): IndicatorValues {
  const indicators = {} as Record<IndicatorCode, IndicatorValue | null>;
  for (const code of INDICATOR_ORDER) {
    const definition = INDICATORS[code];
    const spec = params.windows[definition.window];
    const fields = [definition.numerator, definition.denominator] as const;
    const sums = windowSums(rows, day, spec, params.halfLifeDays, fields);
    const denominator = sums.weighted[definition.denominator];
    indicators[code] =
      denominator > 0
        ? {
            value: sums.weighted[definition.numerator] / denominator,
            numerator: sums.weighted[definition.numerator],
            denominator,
            unweightedNumerator: sums.unweighted[definition.numerator],
            unweightedDenominator: sums.unweighted[definition.denominator],
          }
        : null;
  }
  const eligibility = windowSums(rows, day, params.windows.main, params.halfLifeDays, [
    "validOrders",
  ] as const);
  return { day, validOrders: eligibility.unweighted.validOrders, indicators };
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
