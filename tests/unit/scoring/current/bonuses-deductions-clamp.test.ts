import { describe, expect, it } from "vitest";
import type { CurrentOrder, Penalty } from "@/server/scoring/current/facts";
import {
  afterSale,
  at,
  HOUR,
  indicator,
  JULY,
  order,
  orders,
  penalties,
  penalty,
  plainShop,
  reviewedAfterSale,
  scoreAlone,
  scoreShops,
  SEPTEMBER,
  service,
  shop,
  type ShopSpec,
} from "./factory";

/**
 * Hand-worked cases of scoring-current-rules.md: the remote-area bonus (2026-07), the 2026-09
 * bonuses, both rule sets' deductions and the clamp. D = 2026-06-01, window 2026-05-02 … 2026-05-31.
 */

const PAID = at("2026-05-20 10:00");
const SIGNED = at("2026-05-22 10:00");

describe("2026-07 remote-area bonus: +3 on the logistics dimension, capped there at 100", () => {
  // S and five peers (N = 6, the fallback cohort). 30 valid orders each, paid 2026-05-20 10:00 (a
  // daytime clock: it starts at once), signed 2026-05-22. Pickup after 1 h for S (every order 100),
  // after 30 / 40 / 60 / 80 / 100 h for the peers (90 / 80 / 70 / 60 / 50). S the best: P 5.5/6 → 100.
  // Fulfilment 0 for all (P 0.5 → 80); no waybills. Logistics of S = (100 + 80) / 2 = 90.
  // Product: quality return rate 0 for all → 80. Service empty → 80.
  //   no bonus:  0.4·80 + 0.3·90 + 0.3·80 = 83
  //   +3:        logistics 93 → 32 + 27.9 + 24 = 83.9
  const pickupOrders = (key: string, hours: number, overrides: (i: number) => Partial<CurrentOrder> = () => ({})) =>
    orders(30, `${key}-o`, (i) => ({ paidAt: PAID, pickedUpAt: PAID + hours * HOUR, deliveredAt: SIGNED, ...overrides(i) }));
  const peers = [30, 40, 60, 80, 100].map((hours) => shop({ key: `peer-${hours}h`, category: "家居日用", orders: pickupOrders(`peer-${hours}h`, hours) }));
  const remoteFirst = (i: number): Partial<CurrentOrder> => (i === 0 ? { remote: true } : {});
  const subject = (spec: Partial<ShopSpec> = {}) =>
    shop({ key: "S", orders: pickupOrders("S", 1, remoteFirst), services: [service("remote_delivery")], ...spec });
  const score = (s = subject(), entriesOf?: Parameters<typeof scoreShops>[2]) => scoreShops(JULY, [s, ...peers], entriesOf)("S");

  it("remote delivery on and a remote order signed without after-sale: logistics 90 → 93, total 83.9", () => {
    const result = score();
    expect(indicator(result, "pickup_time_score")).toMatchObject({ value: 100, percentile: 5.5 / 6, band: 100 });
    expect(result.bonuses).toEqual([{ code: "remote_delivery", points: 3, dimension: "logistics", applied: 3 }]);
    expect(result.dimensions.logistics?.score).toBeCloseTo(93, 9);
    expect(result.score100).toBeCloseTo(83.9, 9);
  });

  it("a logistics dimension at 98 gains only 2 (capped at 100), total 86", () => {
    // The organisation weighs pickup 9 : fulfilment 1 → (9·100 + 1·80) / 10 = 98 → min(100, 101) = 100.
    // Total 0.4·80 + 0.3·100 + 0.3·80 = 86 (not 86.3: the +3 never reaches the total).
    const result = score(subject(), (category) => (category === "食品饮料" ? { indicatorWeights: { pickup_time_score: 9, fulfilment_return_rate: 1 } } : undefined));
    expect(result.bonuses).toEqual([{ code: "remote_delivery", points: 3, dimension: "logistics", applied: 2 }]);
    expect(result.dimensions.logistics?.score).toBeCloseTo(100, 9);
    expect(result.score100).toBeCloseTo(86, 9);
  });

  it.each([
    ["the service never switched on", { services: [] }],
    ["the service switched off before the window (2026-05-01 23:59:59)", { services: [service("remote_delivery", at("2026-04-01 00:00"), at("2026-05-01 23:59:59"))] }],
    ["the service switched on at D 00:00", { services: [service("remote_delivery", at("2026-06-01 00:00"))] }],
    ["the remote order had a non-exempt after-sale", { afterSales: [afterSale("a", "S-o1")] }],
    ["the remote order is low-price (not valid)", { orders: [...pickupOrders("S", 1), order("lp", { paidAt: PAID, pickedUpAt: PAID + HOUR, deliveredAt: SIGNED, lowPrice: true, remote: true })] }],
    ["the remote order was signed at D 00:00", { orders: pickupOrders("S", 1, (i) => (i === 0 ? { remote: true, deliveredAt: at("2026-06-01 00:00") } : {})) }],
    ["no order is remote", { orders: pickupOrders("S", 1) }],
  ])("no bonus when %s: total 83", (_what, spec) => {
    const result = score(subject(spec));
    expect(result.bonuses).toEqual([]);
    expect(result.score100).toBeCloseTo(83, 9);
  });

  it.each([
    ["the service was on for the window's last second only", { services: [service("remote_delivery", at("2026-05-31 23:59:59"))] }],
    ["the service was switched off during the window", { services: [service("remote_delivery", at("2026-04-01 00:00"), at("2026-05-10 00:00"))] }],
    ["the remote order's only after-sale is exempt", { afterSales: [afterSale("a", "S-o1", { exempt: true })] }],
    ["the remote order's after-sale was applied at D 00:00 (not yet)", { afterSales: [afterSale("a", "S-o1", { appliedAt: at("2026-06-01 00:00") })] }],
  ])("the bonus still applies when %s: total 83.9", (_what, spec) => {
    expect(score(subject(spec)).score100).toBeCloseTo(83.9, 9);
  });
});

describe("2026-07 deductions and the clamp to [50, 100]", () => {
  // A plain shop alone scores 80 (factory.ts: plainShop).
  const withPenalties = (records: Penalty[]) => scoreAlone(JULY, plainShop({ key: "S", penalties: records }));

  it.each([
    ["2 abnormal after-sale addresses: −3 each", penalties(2, "addr", "abnormal_aftersale_address"), [{ code: "bad_service", events: 2, points: 6 }], 74],
    ["3 addresses + 2 invoice refusals: 5 × 3 = 15", [...penalties(3, "addr", "abnormal_aftersale_address"), ...penalties(2, "inv", "invoice_refusal")], [{ code: "bad_service", events: 5, points: 15 }], 65],
    ["6 bad-service events: 18 capped at 15", penalties(6, "addr", "abnormal_aftersale_address"), [{ code: "bad_service", events: 6, points: 15 }], 65],
    ["faked orders + faked reviews: 15 once", [penalty("fo", "fake_orders"), penalty("fr", "fake_reviews")], [{ code: "fake_orders_or_reviews", events: 2, points: 15 }], 65],
    ["faked orders twice: 15 once", penalties(2, "fo", "fake_orders"), [{ code: "fake_orders_or_reviews", events: 2, points: 15 }], 65],
    [
      "6 bad-service events and faked orders: 80 − 15 − 15 = 50",
      [...penalties(6, "addr", "abnormal_aftersale_address"), penalty("fo", "fake_orders")],
      [
        { code: "bad_service", events: 6, points: 15 },
        { code: "fake_orders_or_reviews", events: 1, points: 15 },
      ],
      50,
    ],
    ["a revoked refusal: nothing", [penalty("inv", "invoice_refusal", at("2026-05-20 10:00"), true)], [], 80],
    ["a refusal before the window (2026-05-01 23:59:59): nothing", [penalty("inv", "invoice_refusal", at("2026-05-01 23:59:59"))], [], 80],
    ["false advertising (a 2026-09 type): nothing under 2026-07", [penalty("fa", "false_advertising")], [], 80],
  ])("%s → %i", (_what, records, deductions, total) => {
    const result = withPenalties(records);
    expect(result.deductions).toEqual(deductions);
    expect(result.score100).toBeCloseTo(total, 9);
  });

  it("the total never falls below 50: 74 − 15 − 15 = 44 → 50, shown 3.0", () => {
    // S and a peer, 30 valid orders each; review time S 10 h, peer 1 h → S P 0.25 → 60.
    // S = 0.4·80 + 0.3·80 + 0.3·60 = 74; minus 15 (6 bad-service events) and 15 (faked orders) = 44 → 50.
    const s = shop({
      key: "S",
      orders: orders(30, "S-o"),
      afterSales: [reviewedAfterSale("a", "S-o1", 10)],
      penalties: [...penalties(6, "addr", "abnormal_aftersale_address"), penalty("fo", "fake_orders")],
    });
    const peer = shop({ key: "P", orders: orders(30, "P-o"), afterSales: [reviewedAfterSale("b", "P-o1", 1)] });
    const result = scoreShops(JULY, [s, peer])("S");
    expect(result.dimensions.service?.score).toBe(60);
    expect(result.deductions.reduce((sum, d) => sum + d.points, 0)).toBe(30);
    expect(result.score100).toBe(50);
    expect(result.score5).toBe(3.0);
  });
});

describe("2026-09 deductions: −2 each (at most −10), each severe type −10 once; floor 0", () => {
  // A shop alone under 2026-09: every present indicator P 0.5, empty dimensions 0.5 → every dimension 75 → 75.
  const withPenalties = (records: Penalty[]) => scoreAlone(SEPTEMBER, plainShop({ key: "S", penalties: records }));

  it.each([
    ["3 invoice refusals: 3 × 2", penalties(3, "inv", "invoice_refusal"), 6, 69],
    ["5 bad-service events: 10", penalties(5, "addr", "abnormal_aftersale_address"), 10, 65],
    ["6 bad-service events: 12 capped at 10", [...penalties(3, "addr", "abnormal_aftersale_address"), ...penalties(3, "inv", "invoice_refusal")], 10, 65],
    ["faked orders twice: 10 once", penalties(2, "fo", "fake_orders"), 10, 65],
    ["false advertising twice + fraudulent shipping: 10 + 10", [...penalties(2, "fa", "false_advertising"), penalty("fs", "fraudulent_shipping")], 20, 55],
    ["faked reviews: not on the 2026-09 list", [penalty("fr", "fake_reviews")], 0, 75],
    ["other: an event, no deduction", [penalty("o", "other")], 0, 75],
  ])("%s → −%i → %i", (_what, records, deducted, total) => {
    const result = withPenalties(records);
    expect(result.deductions.reduce((sum, d) => sum + d.points, 0)).toBe(deducted);
    expect(result.score100).toBeCloseTo(total, 9);
  });

  it("every severe type and 6 bad-service events: 75 − 40 − 10 = 25 (the 2026-07 floor of 50 is gone)", () => {
    const result = withPenalties([
      ...penalties(6, "addr", "abnormal_aftersale_address"),
      penalty("fo", "fake_orders"),
      penalty("fa", "false_advertising"),
      penalty("fs", "fraudulent_shipping"),
      penalty("mb", "missing_brand_qualification"),
    ]);
    expect(result.deductions).toEqual([
      { code: "bad_service", events: 6, points: 10 },
      { code: "fake_orders", events: 1, points: 10 },
      { code: "false_advertising", events: 1, points: 10 },
      { code: "fraudulent_shipping", events: 1, points: 10 },
      { code: "missing_brand_qualification", events: 1, points: 10 },
    ]);
    expect(result.score100).toBeCloseTo(25, 9);
    expect(result.score5).toBe(3.0);
  });
});

describe("2026-09 bonuses: added to the total, each at most once", () => {
  // Every shop here is alone: 75 before bonuses. Orders paid 2026-05-20 10:00, signed 2026-05-21 10:00.
  const paidSigned = { paidAt: PAID, deliveredAt: at("2026-05-21 10:00") };
  const alone = (spec: Omit<ShopSpec, "key">) => scoreAlone(SEPTEMBER, shop({ key: "S", ...spec }));
  const bonusCodes = (spec: Omit<ShopSpec, "key">) => alone(spec).bonuses.map((b) => b.code);

  describe("next-day delivery: ≥ 20% of valid orders signed in the window → +5", () => {
    it.each([
      ["200 of 1000 (20%)", 1000, 200, 80],
      ["199 of 1000 (19.9%)", 1000, 199, 75],
      ["6 of 30 (20%)", 30, 6, 80],
      ["5 of 30 (16.7%)", 30, 5, 75],
    ])("%s → %i", (_what, signed, nextDay, total) => {
      const result = alone({ orders: orders(signed, "o", (i) => ({ ...paidSigned, nextDay: i < nextDay })) });
      expect(result.score100).toBeCloseTo(total, 9);
    });

    it("invalid orders count on neither side: 199 valid next-day of 1000 valid, plus 10 low-price next-day → 19.9%, none", () => {
      const lowPrice = orders(10, "lp", { ...paidSigned, nextDay: true, lowPrice: true });
      expect(bonusCodes({ orders: [...orders(1000, "o", (i) => ({ ...paidSigned, nextDay: i < 199 })), ...lowPrice] })).toEqual([]);
    });
  });

  describe("return-shipping and large-item insurance: the service on during the window AND an insured valid order paid in it → +2 each", () => {
    const insured = (flags: Partial<CurrentOrder>) => [...orders(29, "o", paidSigned), order("ins", { ...paidSigned, ...flags })];

    it.each([
      ["return insurance on, one insured order", { orders: insured({ returnInsurance: true }), services: [service("return_insurance")] }, ["return_insurance"], 77],
      ["large-item insurance on, one insured order", { orders: insured({ largeItemInsurance: true }), services: [service("large_item_insurance")] }, ["large_item_insurance"], 77],
      [
        "both, on one order",
        { orders: insured({ returnInsurance: true, largeItemInsurance: true }), services: [service("return_insurance"), service("large_item_insurance")] },
        ["return_insurance", "large_item_insurance"],
        79,
      ],
      ["many insured orders: still +2 once", { orders: orders(30, "o", { ...paidSigned, returnInsurance: true }), services: [service("return_insurance")] }, ["return_insurance"], 77],
      ["the service on, no insured order", { orders: orders(30, "o", paidSigned), services: [service("return_insurance")] }, [], 75],
      ["an insured order, the service never on", { orders: insured({ returnInsurance: true }) }, [], 75],
      ["an insured order, the service off before the window", { orders: insured({ returnInsurance: true }), services: [service("return_insurance", at("2026-04-01 00:00"), at("2026-05-01 12:00"))] }, [], 75],
      ["an insured order, the service on only from D 00:00", { orders: insured({ returnInsurance: true }), services: [service("return_insurance", at("2026-06-01 00:00"))] }, [], 75],
      ["the insured order is low-price (not valid)", { orders: [...orders(30, "o", paidSigned), order("ins", { ...paidSigned, lowPrice: true, returnInsurance: true })], services: [service("return_insurance")] }, [], 75],
      ["the insured order was paid before the window", { orders: [...orders(30, "o", paidSigned), order("ins", { paidAt: at("2026-05-01 23:00"), returnInsurance: true })], services: [service("return_insurance")] }, [], 75],
      ["the large-item flag with only the return-insurance service", { orders: insured({ largeItemInsurance: true }), services: [service("return_insurance")] }, [], 75],
    ])("%s → %i", (_what, spec, codes, total) => {
      const result = alone(spec);
      expect(result.bonuses.map((b) => b.code)).toEqual(codes);
      expect(result.score100).toBeCloseTo(total, 9);
    });
  });

  describe("on-site installation: an eligible category, ≥ 50 valid orders paid in the window with it, ≥ 30% of them → +2", () => {
    it.each([
      ["大家电, 50 of 166 (30.1%)", "大家电", 166, 50, 77],
      ["大家电, 50 of 167 (29.9%)", "大家电", 167, 50, 75],
      ["大家电, 60 of 200 (exactly 30%)", "大家电", 200, 60, 77],
      ["大家电, 49 of 100 (49%, but fewer than 50)", "大家电", 100, 49, 75],
      ["家装建材, 50 of 100", "家装建材", 100, 50, 77],
      ["食品饮料 (not eligible), 60 of 100", "食品饮料", 100, 60, 75],
    ])("%s → %i", (_what, category, valid, installed, total) => {
      const result = alone({ category, orders: orders(valid, "o", (i) => ({ ...paidSigned, onsiteInstall: i < installed })) });
      expect(result.score100).toBeCloseTo(total, 9);
    });

    it("invalid orders count on neither side: 49 valid installed of 163 valid, plus 20 low-price installed → none", () => {
      const lowPrice = orders(20, "lp", { ...paidSigned, onsiteInstall: true, lowPrice: true });
      expect(bonusCodes({ category: "大家电", orders: [...orders(163, "o", (i) => ({ ...paidSigned, onsiteInstall: i < 49 })), ...lowPrice] })).toEqual([]);
    });
  });

  it("the total is clamped to 100: 95.83 + 5 + 2 + 2 + 2 = 106.83 → 100", () => {
    // S (大家电) and five peers (N = 6). S: 100 valid orders signed, no quality or damage return, one
    // after-sale reviewed in 1 h. Each peer: 30 signed orders, first after-sales 质量问题 (a quality
    // return) and 商品破损 (a damage return under 2026-09, not a quality one), both reviewed in 10 h.
    // S is the best of 6 on quality (0 vs 1/30), damage (0 vs 1/30) and review time (1 h vs 10 h):
    // P 5.5/6 each, the only present indicator of its dimension → every dimension 50 + 50·11/12 = 95.833…
    // Bonuses: next-day 30/100 → +5; return and large-item insurance → +2 + 2; on-site 60/100 → +2.
    const s = shop({
      key: "S",
      category: "大家电",
      orders: orders(100, "S-o", (i) => ({ ...paidSigned, nextDay: i < 30, onsiteInstall: i < 60, returnInsurance: i === 0, largeItemInsurance: i === 0 })),
      afterSales: [reviewedAfterSale("S-a", "S-o100", 1)],
      services: [service("return_insurance"), service("large_item_insurance")],
    });
    const peer = (key: string) =>
      shop({
        key,
        orders: orders(30, `${key}-o`, paidSigned),
        afterSales: [
          { ...reviewedAfterSale(`${key}-q`, `${key}-o1`, 10), reason: "质量问题", reasonCategory: "quality" },
          { ...reviewedAfterSale(`${key}-d`, `${key}-o2`, 10), reason: "商品破损", reasonCategory: "quality" },
        ],
      });
    const result = scoreShops(SEPTEMBER, [s, ...["p1", "p2", "p3", "p4", "p5"].map(peer)])("S");
    for (const dimension of ["product", "logistics", "service"]) expect(result.dimensions[dimension]?.score).toBeCloseTo(50 + 50 * (11 / 12), 9);
    expect(result.bonuses.map((b) => [b.code, b.points])).toEqual([
      ["next_day_delivery", 5],
      ["return_insurance", 2],
      ["large_item_insurance", 2],
      ["onsite_install", 2],
    ]);
    expect(result.score100).toBe(100);
    expect(result.score5).toBe(5.0);
  });
});
