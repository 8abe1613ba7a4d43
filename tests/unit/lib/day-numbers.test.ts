import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daySchema } from "@/lib/contracts/common";
import { addDays, dayNumber, dayOfNumber, isDay } from "@/server/lib/time";

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

  it("a day is a real calendar day: no 31 February, no 29 February outside leap years", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2026-02-31")).toBe(false);
    expect(isDay("2026-04-31")).toBe(false);
    expect(isDay("2026-13-01")).toBe(false);
    expect(isDay("2026-1-01")).toBe(false);
    expect(daySchema.safeParse("2026-02-31").success).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 40_000 }), (n) =>
        isDay(addDays("1970-01-01", n)),
      ),
    );
  });
});
