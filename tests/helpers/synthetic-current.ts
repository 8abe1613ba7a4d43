import type { ShopFactRows } from "@/server/demo/insert-facts";
import { addDays, parseShanghaiWallClock, type Day } from "@/server/lib/time";
import type { ChatTurn, CurrentAfterSale, CurrentChat, CurrentOrder, CurrentReview, CurrentShop, HelpRequest, Waybill } from "@/server/scoring/current/facts";
import { CURRENT_INDICATORS, type CurrentIndicatorCode } from "@/server/scoring/current/indicator-codes";
import type { OrganisationEntries } from "@/server/scoring/current/result";

/**
 * Shops of the 100-point rules made to measure: facts built so that each douyin-shop-2026-07
 * indicator comes out at a chosen value on day D, for the tests of organisation entries and of
 * calibration. Every order is paid 10:00–17:59 on D−28 … D−21 (daytime clocks), signed two days
 * later; with 520 orders no indicator is under low-volume protection.
 */

const HOUR = 3_600_000;

export type IndicatorTargets = Record<
  | "product_rating"
  | "quality_return_rate"
  | "pickup_time_score"
  | "delivery_ontime_rate"
  | "fulfilment_return_rate"
  | "aftersale_review_hours"
  | "chat_response_seconds"
  | "chat_dissatisfaction_rate"
  | "platform_escalation_rate",
  number
>;

export const JULY_INDICATORS = [
  "product_rating",
  "quality_return_rate",
  "pickup_time_score",
  "delivery_ontime_rate",
  "fulfilment_return_rate",
  "aftersale_review_hours",
  "chat_response_seconds",
  "chat_dissatisfaction_rate",
  "platform_escalation_rate",
] as const satisfies readonly (keyof IndicatorTargets)[];

function instant(day: Day, time: string): number {
  const at = parseShanghaiWallClock(`${day} ${time}`);
  if (!at) throw new Error(`bad wall clock ${day} ${time}`);
  return at.getTime();
}

/** Hours to pickup that earn each per-order point level of the default table (≤ 24 h → 100 …). */
const PICKUP_HOURS: Record<number, number> = { 100: 12, 90: 30, 80: 40, 70: 60, 60: 80, 50: 120 };

/** `count` levels, `hi` for the first round(share × count), `lo` for the rest. */
const mix = (count: number, lo: number, hi: number, share: number): number[] => {
  const high = Math.round(share * count);
  return Array.from({ length: count }, (_, i) => (i < high ? hi : lo));
};

/** Builds one shop whose indicators on `day` come out at (nearly) `targets` (counts are whole). */
export function syntheticShop(input: { key: string; categoryCode: string; day: Day; targets: IndicatorTargets; orders?: number }): CurrentShop {
  const { key, day, targets } = input;
  const n = input.orders ?? 520;
  const orders: CurrentOrder[] = [];
  const reviews: CurrentReview[] = [];
  const waybills: Waybill[] = [];
  const afterSales: CurrentAfterSale[] = [];
  const pickupLevel = Math.min(90, Math.floor(targets.pickup_time_score / 10) * 10);
  const pickupPoints = mix(n, pickupLevel, pickupLevel + 10, (targets.pickup_time_score - pickupLevel) / 10);
  const starsLow = Math.min(4, Math.floor(targets.product_rating));
  const stars = mix(n, starsLow, starsLow + 1, targets.product_rating - starsLow);
  const late = Math.round((1 - targets.delivery_ontime_rate) * n);
  for (let i = 0; i < n; i++) {
    const orderId = `${key}-o${i}`;
    const paidAt = instant(addDays(day, -28 + (i % 8)), "10:00") + Math.floor(i / 8) * 5 * 60_000;
    const deliveredAt = paidAt + 48 * HOUR;
    orders.push({
      orderId,
      paidAt,
      orderType: "normal",
      status: "completed",
      shippedAt: paidAt + HOUR,
      pickedUpAt: paidAt + (PICKUP_HOURS[pickupPoints[i] ?? 100] ?? 12) * HOUR,
      deliveredAt,
      shipBy: paidAt + 48 * HOUR,
      cancelledBy: null,
      lowPrice: false,
      instantRefund: false,
      abnormal: false,
      shipmentAnomaly: false,
      remote: false,
      nextDay: false,
      returnInsurance: false,
      largeItemInsurance: false,
      onsiteInstall: false,
    });
    reviews.push({ orderId, reviewedAt: deliveredAt + HOUR, productStars: stars[i] ?? 5 });
    const promisedAt = paidAt + 72 * HOUR;
    waybills.push({ waybillId: `${key}-w${i}`, orderId, promisedAt, deliveredAt: i < late ? promisedAt + 5 * HOUR : deliveredAt, delivered: true });
  }
  const quality = Math.round(targets.quality_return_rate * n);
  const fulfilment = Math.round(targets.fulfilment_return_rate * n);
  const afterSale = (i: number, reason: string, reasonCategory: CurrentAfterSale["reasonCategory"], merchantResponsible: boolean | null) => {
    const order = orders[i];
    if (!order) throw new Error(`no order ${i}`);
    const appliedAt = (order.deliveredAt ?? order.paidAt) + 2 * HOUR;
    const reviewedAt = appliedAt + targets.aftersale_review_hours * HOUR;
    afterSales.push({ aftersaleId: `${key}-a${i}`, orderId: order.orderId, reason, reasonCategory, appliedAt, exempt: false, reviewedAt, refundedAt: reviewedAt + HOUR, merchantResponsible });
  };
  for (let i = 0; i < quality; i++) afterSale(i, "质量问题", "quality", null);
  for (let i = 0; i < fulfilment; i++) afterSale(n - 1 - i, "发错货", "logistics", true);
  // A few no-reason refunds, so every shop has after-sales to time.
  for (let i = 0; i < 5; i++) afterSale(Math.floor(n / 2) + i, "七天无理由", "no_reason", null);

  const sessions = 100;
  const unhappy = Math.round(targets.chat_dissatisfaction_rate * sessions);
  const chats: CurrentChat[] = [];
  const chatTurns: ChatTurn[] = [];
  for (let j = 0; j < sessions; j++) {
    const sessionId = `${key}-c${j}`;
    const startedAt = instant(addDays(day, -15 + (j % 10)), "10:00") + Math.floor(j / 10) * 60_000;
    chats.push({ sessionId, startedAt, rating: j < unhappy ? 2 : 5 });
    const askedAt = startedAt + 10_000;
    chatTurns.push({ sessionId, askedAt, replier: "human", repliedAt: askedAt + Math.round(targets.chat_response_seconds * 1000) });
  }
  const seekers = 60;
  const escalated = Math.round(targets.platform_escalation_rate * seekers);
  const helpRequests: HelpRequest[] = [];
  for (let k = 0; k < seekers; k++) {
    const order = orders[k * 3];
    if (!order) continue;
    const soughtAt = order.paidAt + 30 * HOUR;
    helpRequests.push({ requestId: `${key}-h${k}`, orderId: order.orderId, soughtAt, escalated: k < escalated, escalatedAt: k < escalated ? soughtAt + 2 * HOUR : null });
  }
  return {
    key,
    categoryCode: input.categoryCode,
    categoryNames: [input.categoryCode],
    storeType: "ordinary",
    facts: { orders, reviews, afterSales, chats, chatTurns, waybills, helpRequests, penalties: [], services: [] },
  };
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

/** The shop's facts as insertShopFacts writes them. */
export function syntheticFactRows(shop: CurrentShop): ShopFactRows {
  const f = shop.facts;
  return {
    orders: f.orders.map((o) => ({ ...o, paidAt: new Date(o.paidAt), shippedAt: date(o.shippedAt), pickedUpAt: date(o.pickedUpAt), deliveredAt: date(o.deliveredAt), shipBy: date(o.shipBy) })),
    reviews: f.reviews.map((r) => ({ orderId: r.orderId, reviewedAt: new Date(r.reviewedAt), productStars: r.productStars })),
    afterSales: f.afterSales.map((a) => ({ ...a, appliedAt: new Date(a.appliedAt), reviewedAt: date(a.reviewedAt), refundedAt: date(a.refundedAt) })),
    complaints: [],
    chats: f.chats.map((c) => ({ sessionId: c.sessionId, startedAt: new Date(c.startedAt), rating: c.rating, customerTurns: 1, turnsAnsweredWithin3min: 1 })),
    chatTurns: f.chatTurns.map((t) => ({ ...t, askedAt: new Date(t.askedAt), repliedAt: date(t.repliedAt) })),
    waybills: f.waybills.map((w) => ({ ...w, promisedAt: date(w.promisedAt), deliveredAt: date(w.deliveredAt) })),
    helpRequests: f.helpRequests.map((h) => ({ ...h, soughtAt: new Date(h.soughtAt), escalatedAt: date(h.escalatedAt) })),
    penalties: [],
    shopServices: [],
  };
}

/**
 * The "unknown" parameters the synthetic platform scores with (what a calibration must find):
 * value cut-offs best band first, indicator weights summing to 1 per dimension, dimension weights.
 */
export const TRUE_PARAMETERS = {
  cutoffs: {
    product_rating: [4.8, 4.6, 4.4, 4.2, 4.0],
    quality_return_rate: [0.005, 0.01, 0.02, 0.03, 0.05],
    pickup_time_score: [95, 90, 85, 80, 70],
    delivery_ontime_rate: [0.98, 0.95, 0.9, 0.85, 0.8],
    fulfilment_return_rate: [0.003, 0.006, 0.012, 0.02, 0.03],
    aftersale_review_hours: [6, 12, 24, 36, 48],
    chat_response_seconds: [30, 60, 120, 180, 300],
    chat_dissatisfaction_rate: [0.02, 0.04, 0.06, 0.08, 0.1],
    platform_escalation_rate: [0.05, 0.1, 0.15, 0.2, 0.3],
  },
  indicatorWeights: {
    product_rating: 0.45,
    quality_return_rate: 0.55,
    pickup_time_score: 0.5,
    delivery_ontime_rate: 0.3,
    fulfilment_return_rate: 0.2,
    aftersale_review_hours: 0.15,
    chat_response_seconds: 0.4,
    chat_dissatisfaction_rate: 0.2,
    platform_escalation_rate: 0.25,
  },
  dimensionWeights: { product: 0.5, logistics: 0.25, service: 0.25 },
} satisfies { cutoffs: Record<keyof IndicatorTargets, number[]>; indicatorWeights: Record<keyof IndicatorTargets, number>; dimensionWeights: Record<string, number> };

export const TRUE_ENTRIES: OrganisationEntries = TRUE_PARAMETERS;

/** Per indicator: a multiplier coprime with 24 and an offset, so the indicators' bands vary independently across the shops. */
const SPREAD: Record<keyof IndicatorTargets, [number, number]> = {
  product_rating: [1, 0],
  quality_return_rate: [5, 3],
  pickup_time_score: [7, 1],
  delivery_ontime_rate: [11, 5],
  fulfilment_return_rate: [13, 2],
  aftersale_review_hours: [17, 4],
  chat_response_seconds: [19, 7],
  chat_dissatisfaction_rate: [23, 9],
  platform_escalation_rate: [1, 13],
};

/** The band rank (0 = best … 5 = worst) shop `i` of 24 is given for an indicator: each rank four times. */
export const bandRankOf = (i: number, code: keyof IndicatorTargets): number => {
  const [a, b] = SPREAD[code];
  return Math.floor(((i * a + b) % 24) / 4);
};

/**
 * A value inside band `rank` under the cut-offs, at a position in the band that varies with the
 * shop (so neighbouring shops do not share a value). The ends get a value a step beyond the cut-off.
 */
export function valueInBand(code: keyof IndicatorTargets, rank: number, shop: number): number {
  const cutoffs = TRUE_PARAMETERS.cutoffs[code];
  const higher = CURRENT_INDICATORS[code as CurrentIndicatorCode].better === "higher";
  const position = 0.25 + 0.5 * ((shop * 7) % 5) / 4;
  const first = cutoffs[0] ?? 0;
  const last = cutoffs[cutoffs.length - 1] ?? 0;
  const step = Math.abs(first - last) / (cutoffs.length - 1);
  const better = rank === 0 ? first + (higher ? 1 : -1) * step : (cutoffs[rank - 1] ?? 0);
  const worse = rank >= cutoffs.length ? last - (higher ? 1 : -1) * step : (cutoffs[rank] ?? 0);
  const value = worse + (better - worse) * position;
  return Math.max(0, value);
}

/** Targets of shop `i` of 24 (each indicator's band by bandRankOf). */
export function targetsOf(i: number): IndicatorTargets {
  const targets = {} as IndicatorTargets;
  for (const code of JULY_INDICATORS) targets[code] = valueInBand(code, bandRankOf(i, code), i);
  targets.product_rating = Math.min(5, targets.product_rating);
  targets.pickup_time_score = Math.min(100, Math.max(50, targets.pickup_time_score));
  targets.delivery_ontime_rate = Math.min(1, targets.delivery_ontime_rate);
  return targets;
}
