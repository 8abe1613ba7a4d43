import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "@/server/lib/time";
import { computeIndicatorValues } from "@/server/scoring/indicator-values";
import { indicatorSeries, packedIndicatorValues } from "@/server/scoring/indicator-series";
import { INDICATOR_ORDER } from "@/server/scoring/indicators";
import { packRollups } from "@/server/scoring/packed-rollups";
import { emptyMetrics, ROLLUP_METRIC_FIELDS, type RollupRow } from "@/server/scoring/rollups";

const BASE = "2026-01-01";

/** Roll-up rows with anchor days over ~150 days, facts becoming visible 1–20 days later, fractional hour sums. */
const rollupRows = fc.array(
  fc.record({
    anchor: fc.integer({ min: 0, max: 150 }),
    delay: fc.integer({ min: 1, max: 20 }),
    metrics: fc.array(fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 500, noNaN: true })), {
      minLength: ROLLUP_METRIC_FIELDS.length,
      maxLength: ROLLUP_METRIC_FIELDS.length,
    }),
  }),
  { maxLength: 120 },
);

function toRows(generated: { anchor: number; delay: number; metrics: number[] }[]): RollupRow[] {
  return generated.map(({ anchor, delay, metrics }) => {
    const row = { ...emptyMetrics(), day: addDays(BASE, anchor), visibleDay: addDays(BASE, anchor + delay) } as RollupRow;
    ROLLUP_METRIC_FIELDS.forEach((field, i) => {
      row[field] = metrics[i] ?? 0;
    });
    return row;
  });
}

describe("indicatorSeries", () => {
  it("gives every day exactly the bits computeIndicatorValues gives, whatever the row order", () => {
    fc.assert(
      fc.property(rollupRows, fc.integer({ min: 60, max: 170 }), fc.integer({ min: 1, max: 30 }), (generated, firstDay, dayCount) => {
        const rows = toRows(generated);
        const days = Array.from({ length: dayCount }, (_, i) => addDays(BASE, firstDay + i));
        const series = indicatorSeries(packRollups(rows), days);
        days.forEach((day, d) => {
          const expected = computeIndicatorValues(rows, day);
          expect(series.validOrders[d]).toBe(expected.validOrders);
          INDICATOR_ORDER.forEach((code, k) => {
            const value = series.values[d * INDICATOR_ORDER.length + k];
            const want = expected.indicators[code]?.value;
            if (want === undefined) expect(value).toBeNaN();
            else expect(value, `${day} ${code}`).toBe(want);
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it("packedIndicatorValues gives a day's values, numerators and denominators exactly as computeIndicatorValues does", () => {
    fc.assert(
      fc.property(rollupRows, fc.integer({ min: 60, max: 170 }), (generated, dayOffset) => {
        const rows = toRows(generated);
        const day = addDays(BASE, dayOffset);
        expect(packedIndicatorValues(packRollups(rows), day)).toStrictEqual(computeIndicatorValues(rows, day));
      }),
      { numRuns: 200 },
    );
  });
});
