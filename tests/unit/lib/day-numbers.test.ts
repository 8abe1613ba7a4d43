import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayNumber, dayOfNumber } from "@/server/lib/time";

describe("day numbers", () => {
  it("count days from 1970-01-01", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayOfNumber(0)).toBe("1970-01-01");
    expect(dayOfNumber(dayNumber("2026-06-01"))).toBe("2026-06-01");
  });

  it("dayOfNumber undoes dayNumber, leap days included", () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 40_000 }), (n) => {
        const day = addDays("1970-01-01", n);
        expect(dayNumber(day)).toBe(n);
        expect(dayOfNumber(n)).toBe(day);
      }),
    );
  });
});
