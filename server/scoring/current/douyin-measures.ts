import type { PointsRuleSet } from "../rule-sets/points-schema";
import { hoursBetween, overnightClockStart, shanghaiHour } from "./clock";
import type { CurrentIndicatorCode } from "./indicator-codes";
import { Tally, type Measure } from "./measure";
import { happened, inSpan, isValidCurrentOrder, type ShopContext, type Span } from "./shop-context";

const HOUR_MS = 3_600_000;

type MeasureFn = (ctx: ShopContext, window: Span, ruleSet: PointsRuleSet) => Measure | null;

/** Valid orders signed (delivered before D 00:00) with the signed day in the window. */
const signedInWindow = (ctx: ShopContext, window: Span) => ctx.validOrders.filter((order) => inSpan(happened(order.deliveredAt, ctx.asOf), window));

const paidInWindow = (ctx: ShopContext, window: Span) => ctx.validOrders.filter((order) => inSpan(order.paidAt, window));

function pickupPoints(order: ShopContext["orders"][number], ctx: ShopContext, ruleSet: PointsRuleSet): number | null {
  const table = ruleSet.pickupTable;
  if (order.shipmentAnomaly === true) return table.anomaly;
  const clockStart = overnightClockStart(order.paidAt, ruleSet.clocks.pickup);
  const pickedUp = happened(order.pickedUpAt, ctx.asOf);
  if (pickedUp === null) return ctx.asOf - clockStart >= table.overdueAfterHours * HOUR_MS ? table.otherwise : null;
  const hours = Math.max(0, hoursBetween(clockStart, pickedUp));
  for (const step of table.steps) if (hours <= step.maxHours) return step.points;
  return table.otherwise;
}

/** First after-sale of an order, if its reason is on `reasons`. */
const firstReasonIn = (ctx: ShopContext, orderId: string, reasons: readonly string[]) => {
  const first = ctx.firstAfterSale.get(orderId);
  return first !== undefined && first.reason !== null && reasons.includes(first.reason) ? first : undefined;
};

function chatSessionStarts(ctx: ShopContext): Map<string, number> {
  return new Map(ctx.shop.facts.chats.filter((chat) => chat.startedAt < ctx.asOf).map((chat) => [chat.sessionId, chat.startedAt]));
}

export const DOUYIN_MEASURES: Partial<Record<CurrentIndicatorCode, MeasureFn>> = {
  product_rating(ctx, window) {
    const tally = new Tally();
    for (const order of signedInWindow(ctx, window)) {
      const rating = ctx.firstRating.get(order.orderId);
      if (rating?.productStars != null) tally.add(rating.productStars, rating.productStars <= 2);
    }
    return tally.measure();
  },
  quality_return_rate(ctx, window, ruleSet) {
    const tally = new Tally();
    for (const order of signedInWindow(ctx, window)) {
      const first = ctx.firstAfterSale.get(order.orderId);
      const quality = first !== undefined && first.reasonCategory === "quality" && !(first.reason !== null && ruleSet.reasons.notQuality.includes(first.reason));
      tally.add(quality ? 1 : 0, quality);
    }
    return tally.measure();
  },
  pickup_time_score(ctx, window, ruleSet) {
    const tally = new Tally();
    for (const order of paidInWindow(ctx, window)) {
      const points = pickupPoints(order, ctx, ruleSet);
      if (points !== null) tally.add(points);
    }
    return tally.measure();
  },
  avg_pickup_hours(ctx, window, ruleSet) {
    const tally = new Tally();
    for (const order of ctx.validOrders) {
      const pickedUp = happened(order.pickedUpAt, ctx.asOf);
      if (!inSpan(pickedUp, window)) continue;
      tally.add(Math.max(0, hoursBetween(overnightClockStart(order.paidAt, ruleSet.clocks.pickup), pickedUp)));
    }
    return tally.measure();
  },
  delivery_ontime_rate(ctx, window) {
    const tally = new Tally();
    for (const waybill of ctx.shop.facts.waybills) {
      const order = ctx.orderById.get(waybill.orderId);
      if (!order || !isValidCurrentOrder(order) || !inSpan(waybill.promisedAt, window)) continue;
      const deliveredAt = happened(waybill.deliveredAt, ctx.asOf);
      if (deliveredAt !== null) tally.add(deliveredAt <= waybill.promisedAt ? 1 : 0);
      // Signed at or after D 00:00, or not signed: due and unsigned, so late.
      else if (waybill.deliveredAt !== null || waybill.delivered === false) tally.add(0);
      // Left out: signed with no time (on time unknown), or nothing known.
    }
    return tally.measure();
  },
  fulfilment_return_rate(ctx, window, ruleSet) {
    const tally = new Tally();
    for (const order of paidInWindow(ctx, window)) {
      const fault = firstReasonIn(ctx, order.orderId, ruleSet.reasons.fulfilment);
      if (fault && fault.merchantResponsible === null) continue;
      const counted = fault?.merchantResponsible === true;
      tally.add(counted ? 1 : 0, counted);
    }
    return tally.measure();
  },
  damage_return_rate(ctx, window, ruleSet) {
    const tally = new Tally();
    for (const order of paidInWindow(ctx, window)) {
      const damaged = firstReasonIn(ctx, order.orderId, ruleSet.reasons.damage) !== undefined;
      tally.add(damaged ? 1 : 0, damaged);
    }
    return tally.measure();
  },
  aftersale_review_hours(ctx, window, ruleSet) {
    const tally = new Tally();
    for (const afterSale of ctx.shop.facts.afterSales) {
      if (afterSale.exempt || afterSale.appliedAt >= ctx.asOf) continue;
      const order = ctx.orderById.get(afterSale.orderId);
      if (!order || !isValidCurrentOrder(order)) continue;
      const refundedAt = happened(afterSale.refundedAt, ctx.asOf);
      const reviewedAt = happened(afterSale.reviewedAt, ctx.asOf);
      if (!inSpan(refundedAt, window) || reviewedAt === null) continue;
      tally.add(Math.max(0, hoursBetween(overnightClockStart(afterSale.appliedAt, ruleSet.clocks.aftersale), reviewedAt)));
    }
    return tally.measure();
  },
  chat_response_seconds(ctx, window, ruleSet) {
    const starts = chatSessionStarts(ctx);
    const { fromHour, toHour, unansweredSeconds } = ruleSet.chat;
    const tally = new Tally();
    for (const turn of ctx.shop.facts.chatTurns) {
      const startedAt = starts.get(turn.sessionId);
      if (startedAt === undefined || !inSpan(startedAt, window) || turn.askedAt >= ctx.asOf) continue;
      const hour = shanghaiHour(startedAt);
      if (hour < fromHour || hour >= toHour) continue;
      if (turn.replier === null || turn.replier === "bot") continue;
      const repliedAt = turn.replier === "human" ? happened(turn.repliedAt, ctx.asOf) : null;
      tally.add(repliedAt === null ? unansweredSeconds : (repliedAt - turn.askedAt) / 1000);
    }
    return tally.measure();
  },
  chat_dissatisfaction_rate(ctx, window) {
    const tally = new Tally();
    for (const chat of ctx.shop.facts.chats) {
      if (!inSpan(chat.startedAt, window) || chat.rating === null) continue;
      const unhappy = chat.rating <= 3;
      tally.add(unhappy ? 1 : 0, unhappy);
    }
    return tally.measure();
  },
  platform_escalation_rate(ctx, window) {
    const byOrder = new Map<string, { first: number; escalated: boolean; unknown: boolean }>();
    for (const request of ctx.shop.facts.helpRequests) {
      if (request.soughtAt >= ctx.asOf) continue;
      const order = ctx.orderById.get(request.orderId);
      if (!order || !isValidCurrentOrder(order)) continue;
      const entry = byOrder.get(request.orderId) ?? { first: request.soughtAt, escalated: false, unknown: false };
      entry.first = Math.min(entry.first, request.soughtAt);
      if (request.escalatedAt !== null) entry.escalated ||= request.escalatedAt < ctx.asOf;
      else if (request.escalated === true) entry.escalated = true;
      else if (request.escalated === null) entry.unknown = true;
      byOrder.set(request.orderId, entry);
    }
    const tally = new Tally();
    for (const entry of byOrder.values()) {
      if (!inSpan(entry.first, window)) continue;
      if (!entry.escalated && entry.unknown) continue;
      tally.add(entry.escalated ? 1 : 0, entry.escalated);
    }
    return tally.measure();
  },
};
