import { describe, expect, it } from "vitest";
import { STANDARD_VALUE_PARAMS, windowBounds, windowSums } from "@/server/scoring/window";
import { row } from "./factories";

const MAIN = STANDARD_VALUE_PARAMS.windows.main;
const QUALITY = STANDARD_VALUE_PARAMS.windows.quality_return;

describe("windowBounds", () => {
  it("main is D−90…D−1 and quality-return D−104…D−15", () => {
    expect(windowBounds("2026-05-20", MAIN)).toEqual({ first: "2026-02-19", last: "2026-05-19" });
    expect(windowBounds("2026-05-20", QUALITY)).toEqual({
      first: "2026-02-05",
      last: "2026-05-05",
    });
  });
});

describe("windowSums", () => {
  it("weights by age from the window's newest day", () => {
    const rows = [
      row("2026-05-31", { productReviews: 10 }),
      row("2026-05-01", { productReviews: 10 }),
    ];
    const sums = windowSums(rows, "2026-06-01", MAIN, 30, ["productReviews"] as const);
    expect(sums.weighted.productReviews).toBe(15);
    expect(sums.unweighted.productReviews).toBe(20);
  });

  it("ages quality-return rows from D−15, not D−1", () => {
    const sums = windowSums([row("2026-05-17", { validOrders: 4 })], "2026-06-01", QUALITY, 30, [
      "validOrders",
    ] as const);
    expect(sums.weighted.validOrders).toBe(4);
  });

  it("drops rows outside the window and rows not yet visible on D", () => {
    const rows = [
      row("2026-03-02", { validOrders: 1 }), // D−91: too old
      row("2026-03-03", { validOrders: 2 }), // D−90: first day in
      row("2026-05-31", { validOrders: 4 }), // D−1
      row("2026-06-01", { validOrders: 8 }), // D itself
      row("2026-05-20", { validOrders: 16 }, "2026-06-02"), // anchored inside, visible only after D
      row("2026-05-20", { validOrders: 32 }, "2026-06-01"), // visible exactly on D
    ];
    const sums = windowSums(rows, "2026-06-01", MAIN, 30, ["validOrders"] as const);
    expect(sums.unweighted.validOrders).toBe(2 + 4 + 32);
  });

  it("gives the same bits whatever the row order", () => {
    const rows = Array.from({ length: 60 }, (_, i) =>
      row(
        `2026-04-${String((i % 30) + 1).padStart(2, "0")}`,
        { deliveryHoursSum: 0.1 * (i + 1) + 1 / 3, deliveredOrders: 1 },
        i % 2 ? "2026-05-01" : undefined,
      ),
    );
    const forward = windowSums(rows, "2026-05-10", MAIN, 30, ["deliveryHoursSum"] as const);
    const reversed = windowSums([...rows].reverse(), "2026-05-10", MAIN, 30, [
      "deliveryHoursSum",
    ] as const);
    const shuffled = windowSums(
      [...rows].sort(
        (a, b) => ((a.deliveryHoursSum * 7919) % 1) - ((b.deliveryHoursSum * 7919) % 1),
      ),
      "2026-05-10",
      MAIN,
      30,
      ["deliveryHoursSum"] as const,
    );
    expect(Object.is(forward.weighted.deliveryHoursSum, reversed.weighted.deliveryHoursSum)).toBe(
      true,
    );
    expect(Object.is(forward.weighted.deliveryHoursSum, shuffled.weighted.deliveryHoursSum)).toBe(
      true,
    );
  });
});
