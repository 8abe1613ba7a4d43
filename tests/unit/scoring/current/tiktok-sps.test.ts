import { describe, expect, it } from "vitest";
import type { CurrentIndicatorCode } from "@/server/scoring/current/indicator-codes";
import { afterSale, at, HOUR, indicator, order, orders, review, scoreAlone, scoreShops, shop, SPS, turn, type ShopSpec } from "./factory";

/**
 * Hand-worked cases of scoring-current-rules.md, tiktok-shop-sps (Koubei's reading). D = 2026-06-01:
 * the 90-day window is 2026-03-03 … 2026-05-31, the negative-review window 2026-04-02 … 2026-05-31,
 * the 7-day bars 2026-05-25 … 2026-05-31.
 */

const PAID = at("2026-05-18 10:00");
const DELIVERED = at("2026-05-20 10:00");

const valueOf = (spec: Omit<ShopSpec, "key">, code: CurrentIndicatorCode) => indicator(scoreAlone(SPS, shop({ key: "S", ...spec })), code);

describe("eligibility: at least 30 orders delivered in 90 days (type normal, not abnormal, not cancelled)", () => {
  const uncounted = [
    order("cancelled", { paidAt: PAID, deliveredAt: DELIVERED, status: "cancelled" }),
    order("gift", { paidAt: PAID, deliveredAt: DELIVERED, orderType: "gift" }),
    order("sample", { paidAt: PAID, deliveredAt: DELIVERED, orderType: "sample" }),
    order("abnormal", { paidAt: PAID, deliveredAt: DELIVERED, abnormal: true }),
    order("at-d", { paidAt: PAID, deliveredAt: at("2026-06-01 00:00") }),
    order("too-old", { paidAt: at("2026-02-20 10:00"), deliveredAt: at("2026-03-02 23:59:59") }),
    order("not-delivered", { paidAt: PAID }),
  ];

  it("29 delivered orders (and seven that do not count) → no score", () => {
    const result = scoreAlone(SPS, shop({ key: "S", orders: [...orders(29, "o", { paidAt: PAID, deliveredAt: DELIVERED }), ...uncounted] }));
    expect(result).toMatchObject({ state: "insufficient", deliveredOrders: 29, score5: null, score100: null });
  });

  it("30 delivered orders → scored; alone every present metric has P 0.5 → band 80 → 3 points, so 3.0", () => {
    const result = scoreAlone(SPS, shop({ key: "S", orders: orders(30, "o", { paidAt: PAID, deliveredAt: DELIVERED }) }));
    expect(result).toMatchObject({ state: "formal", deliveredOrders: 30, score5: 3.0 });
    expect(result.score).toBeCloseTo(3, 9);
  });

  it("a low-price order counts on TikTok (that exclusion is Douyin's); delivered on the window's first instant counts", () => {
    const extra = [order("low-price", { paidAt: PAID, deliveredAt: DELIVERED, lowPrice: true }), order("first", { paidAt: at("2026-03-01 10:00"), deliveredAt: at("2026-03-03 00:00") })];
    expect(scoreAlone(SPS, shop({ key: "S", orders: [...orders(28, "o", { paidAt: PAID, deliveredAt: DELIVERED }), ...extra] }))).toMatchObject({ state: "formal", deliveredOrders: 30 });
  });
});

describe("metrics", () => {
  it("negative review rate: orders delivered in the last 60 days whose first product rating is 1–2★ / those orders → 2 / 6", () => {
    // o1 delivered 04-02 00:00 (first day), 1★ → negative.     o2 delivered 04-01 23:59:59 → outside the 60 days.
    // o3 2★ → negative.   o4 3★ → not.   o5 5★ then 1★ → not (the first rating counts).
    // o6 unrated → in the denominator.   o7 rated 1★ at D 00:00 → no rating yet.
    const on = (id: string, deliveredAt: number) => order(id, { paidAt: at("2026-03-20 10:00"), deliveredAt });
    const may = at("2026-05-10 10:00");
    const result = valueOf(
      {
        orders: [on("o1", at("2026-04-02 00:00")), on("o2", at("2026-04-01 23:59:59")), on("o3", may), on("o4", may), on("o5", may), on("o6", may), on("o7", may)],
        reviews: [
          review("o1", 1),
          review("o2", 1),
          review("o3", 2),
          review("o4", 3),
          review("o5", 5, at("2026-05-11 10:00")),
          review("o5", 1, at("2026-05-12 10:00")),
          review("o7", 1, at("2026-06-01 00:00")),
        ],
      },
      "negative_review_rate",
    );
    expect(result).toMatchObject({ numerator: 2, denominator: 6, badEvents: 2 });
  });

  it("product-related return rate: delivered orders whose first after-sale is quality → 1 / 3", () => {
    const result = valueOf(
      {
        orders: orders(3, "o", { paidAt: PAID, deliveredAt: DELIVERED }),
        afterSales: [afterSale("q", "o1", { reason: "质量问题", reasonCategory: "quality" }), afterSale("n", "o2")],
      },
      "product_return_rate",
    );
    expect(result).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it("late dispatch: ship-by in the window; dispatched (shipped_at, else picked_up_at) after it, or not by D 00:00 → 4 / 7", () => {
    const shipBy = at("2026-05-20 18:00");
    const o = (id: string, extra: Parameters<typeof order>[1]) => order(id, { paidAt: PAID, shipBy, ...extra });
    const result = valueOf(
      {
        orders: [
          o("a", { shippedAt: shipBy - HOUR }), // on time
          o("b", { shippedAt: shipBy }), // at the ship-by time: on time
          o("c", { shippedAt: shipBy + 1000 }), // 1 s after: late
          o("d", { pickedUpAt: shipBy - HOUR }), // no shipped_at: picked_up_at decides, on time
          o("e", { shippedAt: shipBy + HOUR, pickedUpAt: shipBy - HOUR }), // shipped_at decides: late
          o("f", {}), // never dispatched: late
          o("g", { shipBy: at("2026-05-31 18:00"), shippedAt: at("2026-06-01 00:00") }), // not dispatched by D 00:00: late
          o("h", { shipBy: null }), // no ship-by: left out
          o("i", { shipBy: at("2026-03-02 18:00") }), // ship-by before the window: left out
          o("j", { abnormal: true }), // not counted (Koubei's "fake")
        ],
      },
      "late_dispatch_rate",
    );
    expect(result).toMatchObject({ numerator: 4, denominator: 7, badEvents: 4 });
  });

  it("seller-fault cancellation: orders paid in the window cancelled by the merchant / those orders; unknown canceller left out → 1 / 4", () => {
    const result = valueOf(
      {
        orders: [
          order("merchant", { paidAt: PAID, status: "cancelled", cancelledBy: "merchant" }),
          order("buyer", { paidAt: PAID, status: "cancelled", cancelledBy: "buyer" }),
          order("system", { paidAt: PAID, status: "cancelled", cancelledBy: "system" }),
          order("unknown", { paidAt: PAID, status: "cancelled", cancelledBy: null }),
          order("kept", { paidAt: PAID }),
          order("old", { paidAt: at("2026-03-02 10:00"), status: "cancelled", cancelledBy: "merchant" }),
        ],
      },
      "seller_fault_cancellation_rate",
    );
    expect(result).toMatchObject({ numerator: 1, denominator: 4 });
  });

  it("12-hour chat response: buyer turns answered by a human within 12 h; bots left out; unanswered left out until their 12 h pass → 1 / 4", () => {
    const asked = at("2026-05-20 10:00");
    const result = valueOf(
      {
        chatTurns: [
          turn("s", asked, "human", asked + 12 * HOUR), // exactly 12 h → within
          turn("s", asked + 1000, "human", asked + 1000 + 12 * HOUR + 1000), // 12 h 1 s → not
          turn("s", asked + 2000, "bot", asked + 3000), // bot: left out
          turn("s", asked + 3000, null, asked + 4000), // replier unknown: left out
          turn("t", at("2026-05-31 11:59:59"), "none"), // 12 h passed at 23:59:59 → not answered
          turn("t", at("2026-05-31 12:00:01"), "none"), // 12 h not passed at D 00:00 → left out
          turn("t", at("2026-05-31 13:00"), "human", at("2026-06-01 00:00")), // reply not yet, 12 h not passed → left out
          turn("t", at("2026-05-31 11:00"), "human", at("2026-06-01 00:00")), // reply not yet, 12 h passed → not answered
        ],
      },
      "chat_response_rate_12h",
    );
    expect(result).toMatchObject({ numerator: 1, denominator: 4 });
  });

  it("seller-fault returns: delivered orders whose first after-sale is judged on the merchant; unknown left out → 1 / 3", () => {
    const result = valueOf(
      {
        orders: orders(4, "o", { paidAt: PAID, deliveredAt: DELIVERED }),
        afterSales: [
          afterSale("a1", "o1", { merchantResponsible: true }),
          afterSale("a2", "o2", { merchantResponsible: false }),
          afterSale("a4", "o4", { reason: "延迟发货", reasonCategory: "other", merchantResponsible: null }),
        ],
      },
      "seller_fault_return_rate",
    );
    expect(result).toMatchObject({ numerator: 1, denominator: 3 });
  });
});

describe("the score: band b → (b − 50) / 10 points, dimensions the mean of present metrics (none: 3), the mean of three", () => {
  // Five peers: 30 orders paid 05-18, delivered 05-20, ship-by 05-19 18:00 and shipped on time;
  // one order rated 1★ → negative review rate 1/30.
  const shipBy = at("2026-05-19 18:00");
  const peer = (key: string) =>
    shop({ key, orders: orders(30, `${key}-o`, { paidAt: PAID, deliveredAt: DELIVERED, shipBy, shippedAt: shipBy - HOUR }), reviews: [review(`${key}-o1`, 1)] });
  const peers = ["p1", "p2", "p3", "p4", "p5"].map(peer);

  it("S best on negative reviews (5 points) and worst on late dispatch (0 points): (4 + 1.5 + 3) / 3 = 2.83 → 2.8", () => {
    // S: 30 orders like the peers', unrated → negative rate 0 → best of 6: P 5.5/6 → 100 → 5 points.
    // One S order never dispatched → late 1/30 → worst of 6: P 0.5/6 → 50 → 0 points.
    // Product returns, cancellations, seller-fault returns 0 for all: P 0.5 → 80 → 3 points; no chat turns.
    // Product (5 + 3) / 2 = 4; fulfilment (0 + 3) / 2 = 1.5; customer service 3 → 8.5 / 3 = 2.8333 → 2.8.
    const s = shop({
      key: "S",
      orders: orders(30, "S-o", (i) => ({ paidAt: PAID, deliveredAt: DELIVERED, shipBy, shippedAt: i === 0 ? null : shipBy - HOUR })),
    });
    const result = scoreShops(SPS, [s, ...peers])("S");
    expect(indicator(result, "negative_review_rate")).toMatchObject({ value: 0, percentile: 5.5 / 6, band: 100, points: 5 });
    expect(indicator(result, "late_dispatch_rate")).toMatchObject({ percentile: 0.5 / 6, band: 50, points: 0 });
    expect(indicator(result, "product_return_rate")).toMatchObject({ band: 80, points: 3 });
    expect(indicator(result, "chat_response_rate_12h").value).toBeNull();
    expect(result.dimensions.product_satisfaction?.score).toBeCloseTo(4, 9);
    expect(result.dimensions.fulfilment?.score).toBeCloseTo(1.5, 9);
    expect(result.dimensions.customer_service?.score).toBeCloseTo(3, 9);
    expect(result.score).toBeCloseTo(8.5 / 3, 9);
    expect(result.score5).toBe(2.8);
    expect(result.score100).toBeNull();
  });

  it("a dimension with no metric present scores 3: (4 + 3 + 3) / 3 = 3.33 → 3.3", () => {
    // S's orders were paid before the window (02-20) and delivered 04-10 with no ship-by: no order paid
    // in the window (cancellation missing) and none with a ship-by (late dispatch missing) → fulfilment 3.
    // Negative reviews 0 → 5 points, product returns 0 → 3: product 4. Customer service 3.
    const s = shop({ key: "S", orders: orders(30, "S-o", { paidAt: at("2026-02-20 10:00"), deliveredAt: at("2026-04-10 10:00") }) });
    const result = scoreShops(SPS, [s, ...peers])("S");
    expect(indicator(result, "seller_fault_cancellation_rate").value).toBeNull();
    expect(indicator(result, "late_dispatch_rate").value).toBeNull();
    expect(result.dimensions.fulfilment?.score).toBe(3);
    expect(result.score).toBeCloseTo(10 / 3, 9);
    expect(result.score5).toBe(3.3);
  });
});

describe("the published 7-day bars: late dispatch < 4%, seller-fault cancellation < 2.5% (D−7 … D−1)", () => {
  const bars = (spec: Omit<ShopSpec, "key">) => scoreAlone(SPS, shop({ key: "S", ...spec })).bars;
  const shipBy = at("2026-05-28 18:00");
  const dispatched = (count: number, late: number) => orders(count, "o", (i) => ({ paidAt: at("2026-05-27 10:00"), shipBy, shippedAt: i < late ? shipBy + HOUR : shipBy - HOUR }));

  it("1 late of 25 = 4% → fails; 1 of 26 = 3.85% → passes", () => {
    expect(bars({ orders: dispatched(25, 1) })?.late_dispatch_7d).toEqual({ value: 0.04, pass: false });
    expect(bars({ orders: dispatched(26, 1) })?.late_dispatch_7d).toEqual({ value: 1 / 26, pass: true });
  });

  it("a late order whose ship-by is before 2026-05-25 counts in the 90 days but not in the bar", () => {
    const old = order("old", { paidAt: at("2026-05-20 10:00"), shipBy: at("2026-05-24 23:59:59") });
    const result = scoreAlone(SPS, shop({ key: "S", orders: [...dispatched(26, 1), old] }));
    expect(result.bars?.late_dispatch_7d).toEqual({ value: 1 / 26, pass: true });
    expect(indicator(result, "late_dispatch_rate")).toMatchObject({ numerator: 2, denominator: 27 });
  });

  it("1 merchant cancellation of 40 orders paid in 7 days = 2.5% → fails; 1 of 41 → passes", () => {
    const paid = (count: number) => orders(count, "o", (i) => ({ paidAt: at("2026-05-26 10:00"), ...(i === 0 ? { status: "cancelled", cancelledBy: "merchant" as const } : {}) }));
    expect(bars({ orders: paid(40) })?.seller_fault_cancellation_7d).toEqual({ value: 0.025, pass: false });
    expect(bars({ orders: paid(41) })?.seller_fault_cancellation_7d).toEqual({ value: 1 / 41, pass: true });
  });

  it("no unit in the 7 days: value null, pass null", () => {
    expect(bars({ orders: [order("o", { paidAt: at("2026-05-10 10:00") })] })).toEqual({
      late_dispatch_7d: { value: null, pass: null },
      seller_fault_cancellation_7d: { value: null, pass: null },
    });
  });
});
