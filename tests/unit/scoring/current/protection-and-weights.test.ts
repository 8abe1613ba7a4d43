import type { StoreType } from "@/lib/contracts/facts";
import { describe, expect, it } from "vitest";
import { afterSale, at, chat, helpRequest, indicator, JULY, orders, plainShop, review, reviewedAfterSale, scoreShops, SEPTEMBER, shop, turn } from "./factory";

/**
 * Hand-worked cases of scoring-current-rules.md, douyin-shop-2026-07: low-volume protection and the
 * industry weights, with missing indicators renormalised. D = 2026-06-01.
 */

const SIGNED = at("2026-05-30 10:00");

/**
 * `valid` orders paid 2026-05-29 10:00 and signed 2026-05-30 10:00 (none picked up: its 62 h clock
 * is too young to count), the first ones rated with `stars` in order.
 */
function ratedShop(key: string, valid: number, stars: readonly number[], options: { category?: string; storeType?: StoreType } = {}) {
  return shop({
    key,
    ...options,
    orders: orders(valid, `${key}-o`, { paidAt: at("2026-05-29 10:00"), deliveredAt: SIGNED }),
    reviews: stars.map((s, i) => review(`${key}-o${i + 1}`, s)),
  });
}

const FIVE = (n: number) => Array.from({ length: n }, () => 5);

describe("low-volume protection: protected indicators score 80 below 500 valid orders (300 flagship / big-ticket) with at most 3 bad events", () => {
  // S and a peer are the whole cohort (fewer than 20 formal shops: the fallback, N = 2).
  // The peer: 30 valid orders, 10 rated 5★ → product rating 5.0 (protected itself, but its value
  // still joins the cohort). S's rating is lower → B = 0, T = 1 → P = 0.5/2 = 0.25 → band 60.
  // Quality return rate 0 for both (P 0.5 → 80); fulfilment 0 for both → logistics 80; service empty → 80.
  //   protected:   product = 80                       → total 0.4·80 + 0.3·80 + 0.3·80 = 80
  //   unprotected: product = (60 + 80) / 2 = 70        → total 0.4·70 + 24 + 24 = 76
  // Bad events: 1–2★ ratings. Three: 1★ 1★ 2★ + 7×5★ → (1+1+2+35)/10 = 3.9. Four: 1★ 1★ 2★ 2★ + 6×5★ → 3.6.
  const THREE_BAD = [1, 1, 2, ...FIVE(7)];
  const FOUR_BAD = [1, 1, 2, 2, ...FIVE(6)];
  const peer = ratedShop("peer", 30, FIVE(10));

  it.each([
    ["ordinary, 499 orders, 3 bad", "ordinary", "食品饮料", 499, THREE_BAD, 3.9, true, 80],
    ["ordinary, 499 orders, 4 bad", "ordinary", "食品饮料", 499, FOUR_BAD, 3.6, false, 76],
    ["ordinary, 500 orders, 3 bad", "ordinary", "食品饮料", 500, THREE_BAD, 3.9, false, 76],
    ["ordinary, 500 orders, 4 bad", "ordinary", "食品饮料", 500, FOUR_BAD, 3.6, false, 76],
    ["flagship, 299 orders, 3 bad", "flagship", "食品饮料", 299, THREE_BAD, 3.9, true, 80],
    ["flagship, 299 orders, 4 bad", "flagship", "食品饮料", 299, FOUR_BAD, 3.6, false, 76],
    ["flagship, 300 orders, 3 bad", "flagship", "食品饮料", 300, THREE_BAD, 3.9, false, 76],
    ["flagship, 300 orders, 4 bad", "flagship", "食品饮料", 300, FOUR_BAD, 3.6, false, 76],
    ["flagship, 499 orders, 3 bad (its line is 300)", "flagship", "食品饮料", 499, THREE_BAD, 3.9, false, 76],
    ["大家电 ordinary, 299 orders, 3 bad", "ordinary", "大家电", 299, THREE_BAD, 3.9, true, 80],
    ["大家电 ordinary, 299 orders, 4 bad", "ordinary", "大家电", 299, FOUR_BAD, 3.6, false, 76],
    ["大家电 ordinary, 300 orders, 3 bad", "ordinary", "大家电", 300, THREE_BAD, 3.9, false, 76],
    ["大家电 ordinary, 300 orders, 4 bad", "ordinary", "大家电", 300, FOUR_BAD, 3.6, false, 76],
    ["家具 specialty, 299 orders, 3 bad", "specialty", "家具", 299, THREE_BAD, 3.9, true, 80],
    ["ordinary, 499 orders, 1★ 1★ 1★ 3★ (3★ is not bad)", "ordinary", "食品饮料", 499, [1, 1, 1, 3, ...FIVE(6)], 3.6, true, 80],
  ] as const)("%s → protected %s … total %i", (_label, storeType, category, valid, stars, value, isProtected, total) => {
    const s = ratedShop("S", valid, stars, { storeType, category });
    const result = scoreShops(JULY, [s, peer])("S");
    const rating = indicator(result, "product_rating");
    expect(rating).toMatchObject({ value, badEvents: stars.filter((n) => n <= 2).length, percentile: 0.25, cohortSize: 2, protected: isProtected });
    expect(result.validOrders).toBe(valid);
    expect(result.dimensions.product?.score).toBeCloseTo(isProtected ? 80 : 70, 9);
    expect(result.score100).toBeCloseTo(total, 9);
  });

  it("the protected peer keeps its value in the cohort: P 0.75 (band 90) but scored 80", () => {
    const result = scoreShops(JULY, [ratedShop("S", 499, FOUR_BAD), peer])("peer");
    expect(indicator(result, "product_rating")).toMatchObject({ value: 5, percentile: 0.75, protected: true });
    expect(result.dimensions.product?.score).toBeCloseTo(80, 9);
  });

  it("unprotected indicators are never protected: the review time keeps its band with 30 orders", () => {
    // S 30 h vs peer 1 h: S P 0.25 → 60 even though S has only 30 valid orders.
    const s = shop({ key: "S", orders: orders(30, "S-o"), afterSales: [reviewedAfterSale("a", "S-o1", 30)] });
    const p = shop({ key: "P", orders: orders(30, "P-o"), afterSales: [reviewedAfterSale("b", "P-o1", 1)] });
    const hours = indicator(scoreShops(JULY, [s, p])("S"), "aftersale_review_hours");
    expect(hours.band).toBe(60);
    expect(hours.protected).toBeFalsy();
  });

  it("a missing indicator stays missing under protection: the product dimension is the quality return rate alone", () => {
    // S: 30 signed orders, no rating at all → product_rating missing (value null), not a protected 80.
    // S's first after-sale is 质量问题 on 4 orders → quality return rate 4/30, 4 bad events → unprotected;
    // the peer 0/30 → S worse: P 0.25 → 60. Product = 60 (not (80 + 60) / 2 = 70).
    // Total = 0.4·60 + 0.3·80 + 0.3·80 = 72.
    const quality = (n: number) => afterSale(`q${n}`, `S-o${n}`, { reason: "质量问题", reasonCategory: "quality" });
    const s = shop({ key: "S", orders: orders(30, "S-o", { paidAt: at("2026-05-29 10:00"), deliveredAt: SIGNED }), afterSales: [1, 2, 3, 4].map(quality) });
    const result = scoreShops(JULY, [s, ratedShop("peer", 30, [])])("S");
    const rating = indicator(result, "product_rating");
    expect(rating).toMatchObject({ value: null, numerator: null, denominator: null });
    expect(rating.band).toBeUndefined();
    expect(indicator(result, "quality_return_rate")).toMatchObject({ badEvents: 4, protected: false, band: 60, weight: 1 });
    expect(result.dimensions.product?.score).toBe(60);
    expect(result.score100).toBeCloseTo(72, 9);
  });
});

/**
 * Service weights. S and five peers (食品饮料) are the whole cohort (N = 6, the fallback).
 * Chat response: S 10 s, peers 20 … 100 s → S the best: P = 5.5/6 → 100.
 * Review time: S 30 h, peers 1 … 5 h → S the worst: P = 0.5/6 → 50.
 * Dissatisfaction and escalation: missing (no rated session, no help request) unless added.
 * Product empty → 80; logistics (fulfilment 0 for all) → 80. Total = 56 + 0.3 · service.
 */
function serviceShop(key: string, seconds: number, hours: number, options: { category?: string; storeType?: StoreType; full?: boolean } = {}) {
  const started = at("2026-05-30 10:00");
  return plainShop({
    key,
    category: options.category,
    storeType: options.storeType,
    chats: [chat(`${key}-c`, started, options.full ? 5 : null)],
    chatTurns: [turn(`${key}-c`, started, "human", started + seconds * 1000)],
    afterSales: [reviewedAfterSale(`${key}-a`, `${key}-o1`, hours)],
    helpRequests: options.full ? [helpRequest(`${key}-h`, `${key}-o2`, at("2026-05-30 12:00"), false)] : [],
  });
}

const peers = [1, 2, 3, 4, 5].map((i) => serviceShop(`peer${i}`, 20 * i, i));

describe("industry weights of the service dimension (published) and the defaults", () => {
  it.each([
    // Two present indicators (response 100, review 50), renormalised over their weights:
    ["食品饮料", "ordinary", "default", 75, 0.5, 0.5], // (100 + 50) / 2
    ["3C数码", "ordinary", "published", 75, 0.5, 0.5], // 25/25 → (25·100 + 25·50) / 50
    ["3C数码", "flagship", "published", 75, 0.5, 0.5], // 3C数码 applies to every store type
    ["护肤", "ordinary", "published", 5250 / 65, 40 / 65, 25 / 65], // (40·100 + 25·50) / 65 = 80.769…
    ["护肤", "specialty", "published", 5250 / 65, 40 / 65, 25 / 65],
    ["护肤", "flagship", "default", 75, 0.5, 0.5], // the 护肤 row is for non-flagship stores only
    ["女装", "ordinary", "published", 5000 / 60, 40 / 60, 20 / 60], // (40·100 + 20·50) / 60 = 83.333…
    ["女装", "flagship", "default", 75, 0.5, 0.5],
    ["宠物食品", "flagship", "published", 4750 / 55, 40 / 55, 15 / 55], // (40·100 + 15·50) / 55 = 86.363…
    ["护肤品", "ordinary", "default", 75, 0.5, 0.5], // not exactly 护肤
  ] as const)("%s %s: %s weights → service %f", (category, storeType, source, service, responseWeight, reviewWeight) => {
    const result = scoreShops(JULY, [serviceShop("S", 10, 30, { category, storeType }), ...peers])("S");
    expect(indicator(result, "chat_response_seconds")).toMatchObject({ percentile: 5.5 / 6, band: 100, weightSource: source });
    expect(indicator(result, "aftersale_review_hours")).toMatchObject({ percentile: 0.5 / 6, band: 50, weightSource: source });
    expect(indicator(result, "chat_response_seconds").weight).toBeCloseTo(responseWeight, 12);
    expect(indicator(result, "aftersale_review_hours").weight).toBeCloseTo(reviewWeight, 12);
    expect(indicator(result, "chat_dissatisfaction_rate").value).toBeNull();
    expect(result.dimensions.service?.score).toBeCloseTo(service, 9);
    expect(result.score100).toBeCloseTo(56 + 0.3 * service, 9);
  });

  it.each([
    // All four present: dissatisfaction 0/1 and escalation 0/1 (S alone in those cohorts, and protected) → 80 each.
    ["食品饮料", "ordinary", 77.5, 79.25], // (80 + 100 + 50 + 80) / 4 = 77.5; 56 + 23.25
    ["3C数码", "ordinary", 77.5, 79.25], // 25/25/25/25
    ["护肤", "ordinary", 80.5, 80.15], // (20·80 + 40·100 + 25·50 + 15·80) / 100 = 80.5; 56 + 24.15
    ["女装", "ordinary", 82, 80.6], // (20·80 + 40·100 + 20·50 + 20·80) / 100 = 82; 56 + 24.6
    ["宠物食品", "ordinary", 83.5, 81.05], // (15·80 + 40·100 + 15·50 + 30·80) / 100 = 83.5; 56 + 25.05
  ] as const)("%s %s with all four service indicators → service %f, total %f", (category, storeType, service, total) => {
    const result = scoreShops(JULY, [serviceShop("S", 10, 30, { category, storeType, full: true }), ...peers])("S");
    expect(indicator(result, "chat_dissatisfaction_rate")).toMatchObject({ value: 0, band: 80 });
    expect(indicator(result, "platform_escalation_rate")).toMatchObject({ value: 0, band: 80 });
    expect(result.dimensions.service?.score).toBeCloseTo(service, 9);
    expect(result.score100).toBeCloseTo(total, 9);
  });

  it("a dimension with no indicator present scores 80 under 2026-07 and 75 under 2026-09", () => {
    // S has no signed order: product_rating and quality_return_rate are both missing.
    const july = scoreShops(JULY, [serviceShop("S", 10, 30), ...peers])("S");
    expect(indicator(july, "product_rating").value).toBeNull();
    expect(indicator(july, "quality_return_rate").value).toBeNull();
    expect(july.dimensions.product?.score).toBe(80);
    const september = scoreShops(SEPTEMBER, [serviceShop("S", 10, 30), ...peers])("S");
    expect(september.dimensions.product).toMatchObject({ composite: 0.5, score: 75 });
  });

  it("2026-09 has no industry weights: the service composite is the plain mean of percentiles", () => {
    // 护肤 ordinary under 2026-09: (5.5/6 + 0.5/6) / 2 = 0.5 → 75; product empty 75; logistics
    // (damage 0 for all) 75 → total 75.
    const result = scoreShops(SEPTEMBER, [serviceShop("S", 10, 30, { category: "护肤" }), ...peers])("S");
    expect(result.dimensions.service?.composite).toBeCloseTo(0.5, 12);
    expect(result.score100).toBeCloseTo(75, 9);
  });
});
