import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daySchema } from "@/lib/contracts/common";
import { addDays, dayNumber, dayOfNumber, isDay, parseShanghaiWallClock, shanghaiDayOf } from "@/server/lib/time";

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

  it("days of instants and day offsets agree with the calendar as Date reads it (the cached numbers change nothing)", () => {
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }), fc.integer({ min: -800, max: 800 }), (ms, n) => {
        const day = shanghaiDayOf(new Date(ms));
        expect(day).toBe(iso(ms + 8 * 3600 * 1000));
        expect(addDays(day, n)).toBe(iso(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));
      }),
    );
    expect(shanghaiDayOf(new Date(Date.UTC(2026, 4, 31, 15, 59, 59, 999)))).toBe("2026-05-31");
    expect(shanghaiDayOf(new Date(Date.UTC(2026, 4, 31, 16, 0, 0, 0)))).toBe("2026-06-01");
    expect(() => shanghaiDayOf(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => addDays("not a day", 1)).toThrow(RangeError);
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

  it("a Shanghai wall-clock time is read as it is written, and an impossible one is refused, not carried over", () => {
    expect(parseShanghaiWallClock("2026-05-01 08:30:15")?.toISOString()).toBe("2026-05-01T00:30:15.000Z");
    expect(parseShanghaiWallClock("2026-05-01")?.toISOString()).toBe("2026-04-30T16:00:00.000Z");
    expect(parseShanghaiWallClock("2026-05-01 23:59:59")?.toISOString()).toBe("2026-05-01T15:59:59.000Z");
    for (const text of ["2026-05-01 10:75", "2026-05-01 24:00", "2026-05-01 10:00:60", "2026-02-30 10:00"]) expect(parseShanghaiWallClock(text)).toBeNull();
  });
});
