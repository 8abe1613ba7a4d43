import { addDays, shanghaiMidnight, type Day } from "@/server/lib/time";
import type { CurrentAfterSale, CurrentOrder, CurrentReview, CurrentShop } from "./facts";

/** [from, to): instants of a window of whole Shanghai days ending before D 00:00. */
export type Span = { from: number; to: number };

export const inSpan = (instant: number | null, span: Span): instant is number => instant !== null && instant >= span.from && instant < span.to;

/** The window D−days … D−1 as instants. */
export function spanOf(day: Day, days: number): Span {
  return { from: shanghaiMidnight(addDays(day, -days)).getTime(), to: shanghaiMidnight(day).getTime() };
}

/**
 * One shop's facts as they stood at D 00:00 (the as-of rule: nothing at or after it exists),
 * indexed the way every indicator needs them.
 */
export type ShopContext = {
  shop: CurrentShop;
  /** D 00:00 Shanghai. */
  asOf: number;
  orders: readonly CurrentOrder[];
  /** The valid ones (isValidCurrentOrder) among them, found once for every measure. */
  validOrders: readonly CurrentOrder[];
  orderById: ReadonlyMap<string, CurrentOrder>;
  /** The non-exempt after-sale with the earliest application before D 00:00, per order. */
  firstAfterSale: ReadonlyMap<string, CurrentAfterSale>;
  /** The earliest review with product stars before D 00:00, per order. */
  firstRating: ReadonlyMap<string, CurrentReview>;
};

/** An instant that had happened by D 00:00; later ones read as "not yet". */
export const happened = (instant: number | null, asOf: number): number | null => (instant !== null && instant < asOf ? instant : null);

export function shopContext(shop: CurrentShop, day: Day): ShopContext {
  const asOf = shanghaiMidnight(day).getTime();
  const orders = shop.facts.orders.filter((order) => order.paidAt < asOf);
  const firstAfterSale = new Map<string, CurrentAfterSale>();
  for (const afterSale of shop.facts.afterSales) {
    if (afterSale.exempt || afterSale.appliedAt >= asOf) continue;
    const known = firstAfterSale.get(afterSale.orderId);
    if (!known || afterSale.appliedAt < known.appliedAt || (afterSale.appliedAt === known.appliedAt && afterSale.aftersaleId < known.aftersaleId)) {
      firstAfterSale.set(afterSale.orderId, afterSale);
    }
  }
  const firstRating = new Map<string, CurrentReview>();
  for (const review of shop.facts.reviews) {
    if (review.productStars === null || review.reviewedAt >= asOf) continue;
    const known = firstRating.get(review.orderId);
    if (!known || review.reviewedAt < known.reviewedAt) firstRating.set(review.orderId, review);
  }
  return { shop, asOf, orders, validOrders: orders.filter(isValidCurrentOrder), orderById: new Map(orders.map((order) => [order.orderId, order])), firstAfterSale, firstRating };
}

/** scoring.md §3 valid order, less the orders the 100-point rules also exclude (low-price, 秒退, abnormal). */
export function isValidCurrentOrder(order: CurrentOrder): boolean {
  return order.orderType === "normal" && order.status !== "cancelled" && order.lowPrice !== true && order.instantRefund !== true && order.abnormal !== true;
}
