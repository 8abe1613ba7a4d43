import type { PointsRuleSet } from "../rule-sets/points-schema";
import type { CurrentIndicatorCode } from "./indicator-codes";
import { Tally, type Measure } from "./measure";
import { happened, inSpan, type ShopContext, type Span } from "./shop-context";
import type { CurrentOrder } from "./facts";

const HOUR_MS = 3_600_000;

type MeasureFn = (ctx: ShopContext, window: Span, ruleSet: PointsRuleSet, recent: Span) => Measure | null;

/** Koubei's reading of TikTok's orders: type normal and not flagged abnormal (its "fake" orders). */
const isCountedOrder = (order: CurrentOrder) => order.orderType === "normal" && order.abnormal !== true;

/** Counted orders, not cancelled, delivered before D 00:00 within `window`. */
export const deliveredIn = (ctx: ShopContext, window: Span): CurrentOrder[] =>
  ctx.orders.filter((order) => isCountedOrder(order) && order.status !== "cancelled" && inSpan(happened(order.deliveredAt, ctx.asOf), window));

export const TIKTOK_MEASURES: Partial<Record<CurrentIndicatorCode, MeasureFn>> = {
  negative_review_rate(ctx, _window, _ruleSet, recent) {
    const tally = new Tally();
    for (const order of deliveredIn(ctx, recent)) {
      const stars = ctx.firstRating.get(order.orderId)?.productStars;
      const negative = stars != null && stars <= 2;
      tally.add(negative ? 1 : 0, negative);
    }
    return tally.measure();
  },
  product_return_rate(ctx, window) {
    const tally = new Tally();
    for (const order of deliveredIn(ctx, window)) {
      const quality = ctx.firstAfterSale.get(order.orderId)?.reasonCategory === "quality";
      tally.add(quality ? 1 : 0, quality);
    }
    return tally.measure();
  },
  late_dispatch_rate(ctx, window) {
    const tally = new Tally();
    for (const order of ctx.orders) {
      if (!isCountedOrder(order) || order.status === "cancelled" || !inSpan(order.shipBy, window)) continue;
      const dispatchedAt = happened(order.shippedAt ?? order.pickedUpAt, ctx.asOf);
      const late = dispatchedAt === null || dispatchedAt > order.shipBy;
      tally.add(late ? 1 : 0, late);
    }
    return tally.measure();
  },
  seller_fault_cancellation_rate(ctx, window) {
    const tally = new Tally();
    for (const order of ctx.orders) {
      if (!isCountedOrder(order) || !inSpan(order.paidAt, window)) continue;
      const cancelled = order.status === "cancelled";
      if (cancelled && order.cancelledBy === null) continue;
      const sellerFault = cancelled && order.cancelledBy === "merchant";
      tally.add(sellerFault ? 1 : 0, sellerFault);
    }
    return tally.measure();
  },
  chat_response_rate_12h(ctx, window, ruleSet) {
    const within = ruleSet.chat.replyWithinHours * HOUR_MS;
    const tally = new Tally();
    for (const turn of ctx.shop.facts.chatTurns) {
      if (!inSpan(turn.askedAt, window) || turn.replier === null || turn.replier === "bot") continue;
      const repliedAt = turn.replier === "human" ? happened(turn.repliedAt, ctx.asOf) : null;
      if (repliedAt !== null && repliedAt - turn.askedAt <= within) tally.add(1);
      else if (turn.askedAt + within <= ctx.asOf) tally.add(0);
    }
    return tally.measure();
  },
  seller_fault_return_rate(ctx, window) {
    const tally = new Tally();
    for (const order of deliveredIn(ctx, window)) {
      const first = ctx.firstAfterSale.get(order.orderId);
      if (first && first.merchantResponsible === null) continue;
      const fault = first?.merchantResponsible === true;
      tally.add(fault ? 1 : 0, fault);
    }
    return tally.measure();
  },
};
