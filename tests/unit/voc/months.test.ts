import { describe, expect, it } from "vitest";
import { addMonths, monthStart, monthsEndingWith, shanghaiMonthOf } from "@/server/voc/months";

describe("Shanghai months", () => {
  it("places an instant in its Shanghai month, not its UTC one", () => {
    expect(shanghaiMonthOf(new Date("2026-05-31T15:59:59Z"))).toBe("2026-05");
    expect(shanghaiMonthOf(new Date("2026-05-31T16:00:00Z"))).toBe("2026-06");
  });

  it("starts a month at 00:00 Shanghai", () => {
    expect(monthStart("2026-06").toISOString()).toBe("2026-05-31T16:00:00.000Z");
  });

  it("steps across year ends both ways", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(monthsEndingWith("2026-02", 4)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });
});
