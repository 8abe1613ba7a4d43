import { describe, expect, it } from "vitest";
import { computeIndicatorValues, valueMapOf } from "@/server/scoring/indicator-values";
import { fromValueArray, INDICATOR_ORDER, toValueArray } from "@/server/scoring/indicators";
import { buildDailyRollups } from "@/server/scoring/rollups";
import { at, facts, order, review, row } from "./factories";

describe("computeIndicatorValues", () => {
  it("reproduces scoring.md §9: good_review_rate = 10.5 / 15 = 0.70 from raw reviews", () => {
    const orders = Array.from({ length: 20 }, (_, i) =>
      order({ orderId: `o${i}`, paidAt: at("2026-04-20 10:00") }),
    );
    const reviews = [
      ...Array.from({ length: 10 }, (_, i) =>
        review({
          orderId: `o${i}`,
          reviewedAt: at("2026-05-31 12:00"),
          productStars: i < 8 ? 5 : 2,
        }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        review({
          orderId: `o${10 + i}`,
          reviewedAt: at("2026-05-01 12:00"),
          productStars: i < 5 ? 4 : 3,
        }),
      ),
    ];
    const values = computeIndicatorValues(
      buildDailyRollups(facts({ orders, reviews })),
      "2026-06-01",
    );
    expect(values.indicators.good_review_rate).toEqual({
      value: 0.7,
      numerator: 10.5,
      denominator: 15,
      unweightedNumerator: 13,
      unweightedDenominator: 20,
    });
    expect(values.validOrders).toBe(20);
  });

  it("marks an indicator missing when its weighted denominator is 0", () => {
    const values = computeIndicatorValues([row("2026-05-10", { validOrders: 3 })], "2026-06-01");
    expect(values.indicators.good_review_rate).toBeNull();
    expect(values.indicators.avg_delivery_hours).toBeNull();
    expect(values.indicators.complaint_rate?.value).toBe(0);
    expect(values.validOrders).toBe(3);
  });

  it("computes a mean duration as weighted hours over weighted count", () => {
    const rows = [
      row("2026-05-31", { deliveredOrders: 2, deliveryHoursSum: 100 }),
      row("2026-05-01", { deliveredOrders: 2, deliveryHoursSum: 200 }),
    ];
    const delivery = computeIndicatorValues(rows, "2026-06-01").indicators.avg_delivery_hours;
    expect(delivery?.value).toBeCloseTo((100 + 0.5 * 200) / (2 + 0.5 * 2), 12);
    expect(delivery?.unweightedDenominator).toBe(4);
  });

  it("counts only valid orders paid in the main window for eligibility", () => {
    const rows = [
      row("2026-03-02", { validOrders: 100 }),
      row("2026-03-03", { validOrders: 5 }),
      row("2026-05-31", { validOrders: 7 }),
    ];
    expect(computeIndicatorValues(rows, "2026-06-01").validOrders).toBe(12);
  });
});

describe("value arrays", () => {
  it("round-trips values through the cached array layout, NaN for missing", () => {
    const map = { good_review_rate: 0.7, delivery_hours: 48 };
    const array = toValueArray(map);
    expect(array).toHaveLength(INDICATOR_ORDER.length);
    expect(array[INDICATOR_ORDER.indexOf("good_review_rate")]).toBe(0.7);
    expect(Number.isNaN(array[INDICATOR_ORDER.indexOf("complaint_rate")])).toBe(true);
    expect(fromValueArray(array)).toEqual(map);
    expect(fromValueArray([null, 0.5])).toEqual({ quality_return_rate: 0.5 });
  });

  it("valueMapOf keeps exactly the present indicators", () => {
    const values = computeIndicatorValues(
      [row("2026-05-10", { validOrders: 3, complaints: 1 })],
      "2026-06-01",
    );
    expect(Object.keys(valueMapOf(values)).sort()).toEqual([
      "complaint_rate",
      "dispute_merchant_rate",
      "quality_return_rate",
    ]);
  });
});
