import { describe, expect, it } from "vitest";
import type { CurrentAfterSale } from "@/server/scoring/current/facts";
import { scoreCurrentDay } from "@/server/scoring/current/score-current";
import { afterSale, at, helpRequest, indicator, JULY, order, orders, plainShop, review, scoreAlone, SEPTEMBER, shop } from "./factory";

/**
 * Hand-worked cases of data-formats-current.md "Missing facts" and scoring.md's as-of rule under
 * the current rule sets: an empty cell leaves its unit out of numerator and denominator, an
 * indicator with no unit is missing (null), never 0, and nothing at or after D 00:00 exists.
 * D = 2026-06-01, window 2026-05-02 … 2026-05-31. Each shop is scored alone; the assertions read values.
 */

const PAID = at("2026-05-20 10:00");
const SIGNED = at("2026-05-22 10:00");

describe("an empty cell leaves the unit out of numerator and denominator", () => {
  const fault = (orderId: string, reason: string, merchantResponsible: boolean | null): CurrentAfterSale => afterSale(`a-${orderId}`, orderId, { reason, reasonCategory: "other", merchantResponsible });

  it("fulfilment return rate: a fault of unknown responsibility is left out → 1 / 2, not 1 / 3", () => {
    // o1 延迟发货 on the merchant (counted, bad), o2 发错货 responsibility empty (left out), o3 no after-sale (0).
    const result = scoreAlone(JULY, shop({ key: "S", orders: orders(3, "o", { paidAt: PAID }), afterSales: [fault("o1", "延迟发货", true), fault("o2", "发错货", null)] }));
    expect(indicator(result, "fulfilment_return_rate")).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, badEvents: 1 });
  });

  it("fulfilment return rate: a fault judged not on the merchant counts in the denominator only → 1 / 3", () => {
    const result = scoreAlone(JULY, shop({ key: "S", orders: orders(3, "o", { paidAt: PAID }), afterSales: [fault("o1", "缺货", true), fault("o2", "物流轨迹超时", false)] }));
    expect(indicator(result, "fulfilment_return_rate")).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it("escalation rate: per order, escalated if any request reached the platform; unknown outcomes left out → 3 / 5", () => {
    // a: 是, no time → escalated.             b: both empty → unknown, left out.
    // c: 否 → not escalated.                  d: flag empty, a time on 05-30 → the time decides: escalated.
    // e: 是 at D 00:00 → not yet escalated.    f: two requests, the second escalated → escalated, once.
    // g: sought at D 00:00 → does not exist.  h: first sought before the window (its anchor) → left out.
    // Escalated a, d, f of a, c, d, e, f → 3 / 5 = 0.6.
    const sought = at("2026-05-25 10:00");
    const result = scoreAlone(
      JULY,
      shop({
        key: "S",
        orders: ["a", "b", "c", "d", "e", "f", "g", "h"].map((id) => order(id, { paidAt: at("2026-04-20 10:00") })),
        helpRequests: [
          helpRequest("ra", "a", sought, true),
          helpRequest("rb", "b", sought, null),
          helpRequest("rc", "c", sought, false),
          helpRequest("rd", "d", sought, null, at("2026-05-30 10:00")),
          helpRequest("re", "e", sought, true, at("2026-06-01 00:00")),
          helpRequest("rf1", "f", sought, false),
          helpRequest("rf2", "f", sought + 3_600_000, true),
          helpRequest("rg", "g", at("2026-06-01 00:00"), true),
          helpRequest("rh1", "h", at("2026-05-01 10:00"), false),
          helpRequest("rh2", "h", sought, true),
        ],
      }),
    );
    expect(indicator(result, "platform_escalation_rate")).toMatchObject({ numerator: 3, denominator: 5, value: 0.6, badEvents: 3 });
  });

  it("a review with empty product stars is no rating: the order's rating is its first review with stars", () => {
    // o1: an empty-star review on 05-23, then 4★ on 05-24 → 4. o2: 1★ on 05-23, then 5★ on 05-24 → 1 (the first).
    // Mean (4 + 1) / 2 = 2.5, one bad event.
    const result = scoreAlone(
      JULY,
      shop({
        key: "S",
        orders: orders(2, "o", { paidAt: PAID, deliveredAt: SIGNED }),
        reviews: [review("o1", null, at("2026-05-23 10:00")), review("o1", 4, at("2026-05-24 10:00")), review("o2", 1, at("2026-05-23 10:00")), review("o2", 5, at("2026-05-24 10:00"))],
      }),
    );
    expect(indicator(result, "product_rating")).toMatchObject({ numerator: 5, denominator: 2, value: 2.5, badEvents: 1 });
  });

  it("an indicator with no unit is missing: value, numerator and denominator null — and it is dropped, not scored 0", () => {
    // A plain formal shop never imported chats, waybills, help requests or ratings.
    const result = scoreAlone(JULY, plainShop({ key: "S" }));
    for (const code of ["product_rating", "quality_return_rate", "pickup_time_score", "delivery_ontime_rate", "aftersale_review_hours", "chat_response_seconds", "chat_dissatisfaction_rate", "platform_escalation_rate"] as const) {
      expect(indicator(result, code)).toMatchObject({ value: null, numerator: null, denominator: null });
    }
    // Logistics = the fulfilment return rate alone (weight 1): 80, not (80 + 0 + 0) / 3.
    expect(indicator(result, "fulfilment_return_rate")).toMatchObject({ value: 0, weight: 1 });
    expect(result.dimensions.logistics?.score).toBe(80);
  });
});

describe("the as-of rule: nothing at or after D 00:00 exists for day D", () => {
  const quality = (appliedAt: number): CurrentAfterSale => afterSale("a", "o1", { reason: "质量问题", reasonCategory: "quality", appliedAt });

  it("an after-sale applied at D 00:00 does not count: quality return rate 0 / 1 (at 23:59:59 the day before: 1 / 1)", () => {
    const at00 = scoreAlone(JULY, shop({ key: "S", orders: [order("o1", { paidAt: PAID, deliveredAt: SIGNED })], afterSales: [quality(at("2026-06-01 00:00"))] }));
    expect(indicator(at00, "quality_return_rate")).toMatchObject({ numerator: 0, denominator: 1 });
    const before = scoreAlone(JULY, shop({ key: "S", orders: [order("o1", { paidAt: PAID, deliveredAt: SIGNED })], afterSales: [quality(at("2026-05-31 23:59:59"))] }));
    expect(indicator(before, "quality_return_rate")).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it("a review at D 00:00 does not exist: product rating missing", () => {
    const result = scoreAlone(JULY, shop({ key: "S", orders: [order("o1", { paidAt: PAID, deliveredAt: SIGNED })], reviews: [review("o1", 1, at("2026-06-01 00:00"))] }));
    expect(indicator(result, "product_rating").value).toBeNull();
  });

  it("an order signed at D 00:00 is not signed yet: no signed order, quality return rate missing", () => {
    const result = scoreAlone(JULY, shop({ key: "S", orders: [order("o1", { paidAt: PAID, deliveredAt: at("2026-06-01 00:00") })] }));
    expect(indicator(result, "quality_return_rate").value).toBeNull();
  });

  it("rescoring a past day sees only that day's facts: as of 2026-05-22 the signing of 05-22 10:00 and the after-sale of 05-22 12:00 do not exist", () => {
    // As of D = 2026-06-01: signed 05-22 10:00, quality after-sale 05-22 12:00 → 1 / 1.
    // As of 2026-05-22: the order is paid (05-20) but not yet signed → quality return rate missing;
    // as of 2026-05-23 it is signed and the after-sale exists → 1 / 1.
    const s = shop({ key: "S", orders: [order("o1", { paidAt: PAID, deliveredAt: SIGNED })], afterSales: [quality(at("2026-05-22 12:00"))] });
    const on = (day: string) => {
      const result = scoreCurrentDay({ ruleSet: JULY, day, shops: [s] })[0];
      if (!result) throw new Error(day);
      return indicator(result, "quality_return_rate");
    };
    expect(on("2026-05-22").value).toBeNull();
    expect(on("2026-05-23")).toMatchObject({ numerator: 1, denominator: 1 });
    expect(on("2026-06-01")).toMatchObject({ numerator: 1, denominator: 1 });
  });
});

describe("reason lists per rule set: a reason on the rule set's logistics list is not a quality return", () => {
  // One signed order whose first after-sale is the reason (scoring.md §3 puts both in category quality).
  const qualityRate = (ruleSet: typeof JULY, reason: string) =>
    indicator(
      scoreAlone(ruleSet, shop({ key: "S", orders: [order("o1", { paidAt: PAID, deliveredAt: SIGNED })], afterSales: [afterSale("a", "o1", { reason, reasonCategory: "quality", merchantResponsible: true })] })),
      "quality_return_rate",
    ).value;

  it.each([
    ["2026-07", "少件/漏发", 0], // a 2026-07 fulfilment fault
    ["2026-09", "少件/漏发", 1],
    ["2026-07", "商品破损", 1],
    ["2026-09", "商品破损", 0], // a 2026-09 damage return
    ["2026-07", "质量问题", 1],
  ] as const)("%s: first after-sale %s → quality return rate %i", (version, reason, expected) => {
    expect(qualityRate(version === "2026-07" ? JULY : SEPTEMBER, reason)).toBe(expected);
  });
});
