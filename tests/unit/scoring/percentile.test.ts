import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohortPercentiles, percentileRank, roundForComparison } from "@/server/scoring/percentile";

describe("percentileRank", () => {
  it("reproduces scoring.md §9: 25 below, 2 others equal, 40 shops → 0.6625", () => {
    const cohort = [...Array<number>(25).fill(0.6), 0.7, 0.7, 0.7, ...Array<number>(12).fill(0.9)];
    expect(cohort).toHaveLength(40);
    expect(percentileRank(0.7, cohort, "higher")).toBe(0.6625);
  });

  it("counts higher values as worse when lower is better", () => {
    expect(percentileRank(10, [5, 10, 20, 30], "lower")).toBe((2 + 0.5) / 4);
    expect(percentileRank(10, [5, 10, 20, 30], "higher")).toBe((1 + 0.5) / 4);
  });

  it("gives 0.5 to a cohort of one", () => {
    expect(percentileRank(42, [42], "higher")).toBe(0.5);
    expect(percentileRank(42, [42], "lower")).toBe(0.5);
  });

  it("treats values equal to 6 decimals as ties", () => {
    expect(percentileRank(0.1234564, [0.1234564, 0.1234561, 0.1234549], "higher")).toBe(
      (1 + 0.5 * 2) / 3,
    );
    expect(roundForComparison(0.1 + 0.2)).toBe(0.3);
  });

  it("insists the entity is in its own cohort", () => {
    expect(() => percentileRank(1, [2, 3], "higher")).toThrow(RangeError);
  });
});

describe("roundForComparison", () => {
  const viaToFixed = (value: number, decimals: number) => Number(value.toFixed(decimals));

  it("gives exactly what toFixed's digits read back as, for any double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e15, max: 1e15 }), fc.integer({ min: 0, max: 8 }), (value, decimals) => {
        expect(Object.is(roundForComparison(value, decimals), viaToFixed(value, decimals))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it("agrees with toFixed next to half-way points, where the two roundings could part", () => {
    fc.assert(
      fc.property(fc.integer({ min: -5_000_000, max: 5_000_000 }), fc.integer({ min: -4, max: 4 }), (k, nudge) => {
        const near = (k + 0.5) / 1e6;
        // The half-way decimal itself and the doubles a few steps either side of it.
        let value = near;
        for (let i = 0; i < Math.abs(nudge); i++) value = nudge > 0 ? nextUp(value) : nextDown(value);
        expect(Object.is(roundForComparison(value), viaToFixed(value, 6))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it("keeps what cannot be rounded", () => {
    expect(roundForComparison(Number.NaN)).toBeNaN();
    expect(roundForComparison(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(Object.is(roundForComparison(-1e-9), -0)).toBe(true);
  });
});

function nextUp(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, x >= 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

const nextDown = (x: number) => -nextUp(-x);

describe("cohortPercentiles", () => {
  it("agrees with percentileRank for every member", () => {
    const values = [0.5, 0.25, 0.5, 0.9, 0.1, 0.5000001, 0.75, 0.25];
    for (const better of ["higher", "lower"] as const) {
      const all = cohortPercentiles(values, better);
      values.forEach((v, i) => expect(all[i]).toBe(percentileRank(v, values, better)));
    }
  });
});
