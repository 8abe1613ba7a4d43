import { describe, expect, it } from "vitest";
import {
  at,
  indicator,
  JULY,
  order,
  orders,
  penalties,
  penalty,
  plainShop,
  review,
  reviewedAfterSale,
  scoreAlone,
  scoreShops,
  SEPTEMBER,
  shop,
} from "./factory";

/**
 * Hand-worked cases of scoring-current-rules.md, douyin-shop-2026-07: the growth stage, the
 * percentile bands at and just below each cut-off, and the cohort (scoring.md §5).
 * D = 2026-06-01, window 2026-05-02 … 2026-05-31.
 */

describe("growth stage (成长阶段): fewer than 30 valid orders paid in the window", () => {
  /** Orders that are not valid under the 100-point rules: none of them counts towards 30. */
  const invalid = [
    order("gift", { orderType: "gift" }),
    order("lucky-bag", { orderType: "lucky_bag" }),
    order("cancelled", { status: "cancelled" }),
    order("low-price", { lowPrice: true }),
    order("instant-refund", { instantRefund: true }),
    order("abnormal", { abnormal: true }),
  ];

  it("29 valid orders (and six invalid ones) → growth, a flat 70, shown 4.3", () => {
    // 29 + 0 valid = 29 < 30 → growth; no penalty → 70; 70 is in 69–72 → 4.3.
    const result = scoreAlone(JULY, shop({ key: "g", orders: [...orders(29, "v"), ...invalid] }));
    expect(result).toMatchObject({ state: "growth", validOrders: 29, penaltyEvents: 0, score100: 70, score5: 4.3, bonuses: [], deductions: [] });
  });

  it("29 valid orders and a penalty of any type in the window → 60, shown 4.0", () => {
    // One non-revoked penalty record (type other: no deduction, still a penalty event) → 60.
    const result = scoreAlone(JULY, shop({ key: "g", orders: orders(29, "v"), penalties: [penalty("p", "other")] }));
    expect(result).toMatchObject({ state: "growth", penaltyEvents: 1, score100: 60, score5: 4.0 });
  });

  it.each([
    ["revoked (申诉成功)", penalty("p", "fake_orders", at("2026-05-20 10:00"), true), 70],
    ["the day before the window (2026-05-01 23:59:59)", penalty("p", "other", at("2026-05-01 23:59:59")), 70],
    ["at D 00:00 (not yet happened)", penalty("p", "other", at("2026-06-01 00:00")), 70],
    ["at the window's first instant (2026-05-02 00:00)", penalty("p", "other", at("2026-05-02 00:00")), 60],
    ["not revoked (revoked empty)", penalty("p", "other", at("2026-05-31 23:59:59"), null), 60],
    ["not revoked (revoked 否)", penalty("p", "other", at("2026-05-31 23:59:59"), false), 60],
  ])("a penalty %s → %i", (_what, record, expected) => {
    const result = scoreAlone(JULY, shop({ key: "g", orders: orders(29, "v"), penalties: [record] }));
    expect(result.score100).toBe(expected);
  });

  it("no deduction and no bonus applies in the growth stage: 6 bad-service events and faked orders still give 60", () => {
    // A formal shop would lose 15 + 15; a growth shop only drops to the flat 60.
    const result = scoreAlone(JULY, shop({ key: "g", orders: orders(29, "v"), penalties: [...penalties(6, "addr", "abnormal_aftersale_address"), penalty("fake", "fake_orders")] }));
    expect(result).toMatchObject({ state: "growth", penaltyEvents: 7, score100: 60, deductions: [], bonuses: [] });
  });

  it("2026-09 keeps the stages: 29 valid orders → 70, with a penalty → 60", () => {
    expect(scoreAlone(SEPTEMBER, shop({ key: "g", orders: orders(29, "v") }))).toMatchObject({ state: "growth", score100: 70, score5: 4.3 });
    expect(scoreAlone(SEPTEMBER, shop({ key: "g", orders: orders(29, "v"), penalties: [penalty("p", "other")] }))).toMatchObject({ state: "growth", score100: 60, score5: 4.0 });
  });

  it("the stage counts valid orders paid in the window only: before 2026-05-02 00:00 or at D 00:00 they do not count", () => {
    const outside = [order("early", { paidAt: at("2026-05-01 23:59:59") }), order("as-of", { paidAt: at("2026-06-01 00:00") })];
    expect(scoreAlone(JULY, shop({ key: "g", orders: [...orders(29, "v"), ...outside] }))).toMatchObject({ state: "growth", validOrders: 29, score100: 70 });
    const first = order("first", { paidAt: at("2026-05-02 00:00") });
    expect(scoreAlone(JULY, shop({ key: "f", orders: [...orders(29, "v"), first] }))).toMatchObject({ state: "formal", validOrders: 30 });
  });

  it("30 valid orders → formal stage, scored on its indicators (a plain shop alone: 80)", () => {
    // Fulfilment return rate 0/30 alone: P = 0.5 → 80; product and service empty → 80.
    // 0.4·80 + 0.3·80 + 0.3·80 = 80.
    const result = scoreAlone(JULY, plainShop({ key: "f" }));
    expect(result).toMatchObject({ state: "formal", validOrders: 30, score5: 4.5 });
    expect(result.score100).toBeCloseTo(80, 9);
  });

  it("a formal shop's penalty of type other is an event but deducts nothing", () => {
    const result = scoreAlone(JULY, plainShop({ key: "f", penalties: [penalty("p", "other")] }));
    expect(result).toMatchObject({ state: "formal", penaltyEvents: 1, deductions: [] });
    expect(result.score100).toBeCloseTo(80, 9);
  });

  it("only facts of valid orders count: ratings of gift, cancelled, low-price, 秒退 and abnormal orders are ignored", () => {
    // 30 valid orders signed on 2026-05-31, one rated 4★; five invalid orders signed and rated 1★.
    // product_rating = 4 / 1 rated valid order = 4, no bad event.
    const signed = at("2026-05-31 10:00");
    const invalid = [
      order("gift", { orderType: "gift", deliveredAt: signed }),
      order("cancelled", { status: "cancelled", deliveredAt: signed }),
      order("low-price", { lowPrice: true, deliveredAt: signed }),
      order("instant-refund", { instantRefund: true, deliveredAt: signed }),
      order("abnormal", { abnormal: true, deliveredAt: signed }),
    ];
    const result = scoreAlone(
      JULY,
      shop({ key: "f", orders: [...orders(30, "v", { deliveredAt: signed }), ...invalid], reviews: [review("v1", 4), ...invalid.map((o) => review(o.orderId, 1))] }),
    );
    expect(indicator(result, "product_rating")).toMatchObject({ value: 4, numerator: 4, denominator: 1, badEvents: 0 });
    expect(result.validOrders).toBe(30);
  });
});

/**
 * Bands by cohort percentile, P = (B + 0.5·T) / N (scoring.md §5). The indicator moved is the
 * after-sale review time (lower is better, never protected): each shop has 30 valid orders and one
 * after-sale refunded in the window and reviewed `hours` after it was raised. Nothing else of the
 * shops differs (review times stay under 36 h, so every review happened before D 00:00), so every other present indicator ties: product empty → 80, logistics
 * (fulfilment 0/30 for all) → 80, service = the review-time band b alone.
 * Total = 0.4·80 + 0.3·80 + 0.3·b = 56 + 0.3·b.
 */
const reviewTimeShop = (key: string, hours: number, category = "食品饮料", validOrders = 30) =>
  shop({ key, category, orders: orders(validOrders, `${key}-o`), afterSales: [reviewedAfterSale(`${key}-a`, `${key}-o1`, hours)] });

/** Groups of shops with the same review time, from the worst (most hours) to the best. */
function cohortOf(name: string, groups: readonly { size: number; hours: number }[]) {
  return groups.flatMap(({ size, hours }) => Array.from({ length: size }, (_, k) => reviewTimeShop(`${name}-${hours}h-${k + 1}`, hours)));
}

describe("percentile bands: P ≥ 0.9 → 100, ≥ 0.7 → 90, ≥ 0.5 → 80, ≥ 0.3 → 70, ≥ 0.1 → 60, else 50 (cut-offs inclusive)", () => {
  // Cohort A: 20 shops of 食品饮料, group sizes 1, 2, 6, 2, 6, 2, 1 from the worst (7 h) to the best (1 h).
  // B (shops with more hours) and T (the group, itself included) give P exactly on each cut-off:
  //   7 h: B 0,  T 1 → 0.5/20  = 0.025 → 50      4 h: B 9,  T 2 → 10/20 = 0.5 → 80
  //   6 h: B 1,  T 2 → 2/20    = 0.1   → 60      3 h: B 11, T 6 → 14/20 = 0.7 → 90
  //   5 h: B 3,  T 6 → 6/20    = 0.3   → 70      2 h: B 17, T 2 → 18/20 = 0.9 → 100
  //                                               1 h: B 19, T 1 → 19.5/20 = 0.975 → 100
  // One formal shop of another category (家居日用, 30 h) is scored with them: 食品饮料 has 20 formal
  // shops, so it keeps its own cohort (N = 20, no fallback) and the outsider does not count.
  const cohortA = cohortOf("A", [
    { size: 1, hours: 7 },
    { size: 2, hours: 6 },
    { size: 6, hours: 5 },
    { size: 2, hours: 4 },
    { size: 6, hours: 3 },
    { size: 2, hours: 2 },
    { size: 1, hours: 1 },
  ]);
  const outsider = reviewTimeShop("outsider", 30, "家居日用");
  const july = scoreShops(JULY, [...cohortA, outsider]);

  it.each([
    [7, 0.025, 50, 71],
    [6, 0.1, 60, 74],
    [5, 0.3, 70, 77],
    [4, 0.5, 80, 80],
    [3, 0.7, 90, 83],
    [2, 0.9, 100, 86],
    [1, 0.975, 100, 86],
  ])("exactly on the edge: %i h → P %f → band %i → total %f", (hours, percentile, band, total) => {
    const result = july(`A-${hours}h-1`);
    expect(indicator(result, "aftersale_review_hours")).toMatchObject({ value: hours, percentile, cohortSize: 20, fallback: false, band });
    expect(result.dimensions.service?.score).toBe(band);
    expect(result.score100).toBeCloseTo(total, 9);
  });

  // Cohort B: 20 shops, group sizes 1, 1, 7, 1, 7, 1, 2 from the worst (7 h) to the best (1 h):
  // P lands one step (0.025) below each cut-off.
  //   7 h: B 0,  T 1 → 0.025 → 50       4 h: B 10, T 7 → 13.5/20 = 0.675 → 80
  //   6 h: B 1,  T 1 → 1.5/20 = 0.075 → 50   3 h: B 17, T 1 → 17.5/20 = 0.875 → 90
  //   5 h: B 2,  T 7 → 5.5/20 = 0.275 → 60   1 h: B 18, T 2 → 19/20 = 0.95 → 100
  //   (4.5 h) B 9, T 1 → 9.5/20 = 0.475 → 70
  const cohortB = cohortOf("B", [
    { size: 1, hours: 7 },
    { size: 1, hours: 6 },
    { size: 7, hours: 5 },
    { size: 1, hours: 4.5 },
    { size: 7, hours: 4 },
    { size: 1, hours: 3 },
    { size: 2, hours: 1 },
  ]);
  const julyB = scoreShops(JULY, cohortB);

  it.each([
    [6, 0.075, 50, 71],
    [5, 0.275, 60, 74],
    [4.5, 0.475, 70, 77],
    [4, 0.675, 80, 80],
    [3, 0.875, 90, 83],
    [1, 0.95, 100, 86],
  ])("just below the edge: %f h → P %f → band %i → total %f", (hours, percentile, band, total) => {
    const result = julyB(`B-${hours}h-1`);
    expect(indicator(result, "aftersale_review_hours")).toMatchObject({ percentile, cohortSize: 20, fallback: false, band });
    expect(result.score100).toBeCloseTo(total, 9);
  });

  it("2026-09 reads the same percentiles as a composite: 50 + 50 × P", () => {
    // Cohort A under 2026-09. Service: review time alone → composite P. Product empty → 0.5 → 75.
    // Logistics: damage return rate 0/30 for all (P 0.5) → 75 (no pickup, no waybills).
    // P 0.9: service 95 → 0.4·75 + 0.3·75 + 0.3·95 = 30 + 22.5 + 28.5 = 81.
    // P 0.1: service 55 → 30 + 22.5 + 16.5 = 69.
    const september = scoreShops(SEPTEMBER, [...cohortA, outsider]);
    expect(september("A-2h-1").dimensions.service?.composite).toBe(0.9);
    expect(september("A-2h-1").dimensions.service?.score).toBeCloseTo(95, 9);
    expect(september("A-2h-1").dimensions.product?.score).toBe(75);
    expect(september("A-2h-1").score100).toBeCloseTo(81, 9);
    expect(september("A-6h-1").score100).toBeCloseTo(69, 9);
  });
});

describe("cohorts: formal-stage shops of the category, or every category when it has fewer than 20", () => {
  // 食品饮料: 19 formal shops — S and its twin at 20 h (the category's worst), 17 others at 1 … 17 h —
  // and one growth shop (29 valid orders) at 35 h. 家居日用: one formal shop at 30 h.
  // 19 formal < 20 → fallback to every formal shop: N = 19 + 1 = 20; the growth shop is not a member.
  // S: B = 1 (the 30 h shop), T = 2 (S and twin) → P = 2/20 = 0.1 → 60; total 56 + 0.3·60 = 74.
  // (Without the fallback: 1/19 → 50. Counting the growth shop: 3/21, or 0.1 with no fallback.)
  const formal = [reviewTimeShop("S", 20), reviewTimeShop("twin", 20), ...Array.from({ length: 17 }, (_, i) => reviewTimeShop(`x${i + 1}`, i + 1))];
  const growth = reviewTimeShop("growth", 35, "食品饮料", 29);
  const other = reviewTimeShop("other", 30, "家居日用");
  const july = scoreShops(JULY, [...formal, growth, other]);

  it("a category with 19 formal shops ranks against all categories (N = 20), the growth shop left out", () => {
    const result = july("S");
    expect(indicator(result, "aftersale_review_hours")).toMatchObject({ value: 20, percentile: 0.1, cohortSize: 20, fallback: true, band: 60 });
    expect(result.score100).toBeCloseTo(74, 9);
  });

  it("the lone shop of another category falls back too: the worst of 20 → P 0.025 → 50", () => {
    expect(indicator(july("other"), "aftersale_review_hours")).toMatchObject({ percentile: 0.025, cohortSize: 20, fallback: true, band: 50 });
  });

  it("the growth shop shows its value without a percentile, and keeps its flat 70", () => {
    const result = july("growth");
    expect(result).toMatchObject({ state: "growth", score100: 70 });
    const hours = indicator(result, "aftersale_review_hours");
    expect(hours.value).toBe(35);
    expect(hours.percentile).toBeUndefined();
  });

  it("values are compared after rounding to 6 decimals: 1/3 h and 0.3333331 h tie (both 0.333333) → P 0.5 each", () => {
    // Cohort of two: B = 0, T = 2 → 1/2. Unrounded, the 0.3333331 h shop would be better (P 0.75).
    const score = scoreShops(JULY, [reviewTimeShop("third", 1 / 3), reviewTimeShop("close", 0.3333331)]);
    expect(indicator(score("third"), "aftersale_review_hours").percentile).toBe(0.5);
    expect(indicator(score("close"), "aftersale_review_hours").percentile).toBe(0.5);
  });

  it("a cohort of one gives P = 0.5", () => {
    expect(indicator(scoreAlone(JULY, reviewTimeShop("alone", 3)), "aftersale_review_hours")).toMatchObject({ percentile: 0.5, cohortSize: 1, band: 80 });
  });
});
