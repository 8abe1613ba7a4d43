import { addDays, SHANGHAI_OFFSET_MS, shanghaiDayOf, type Day } from "@/server/lib/time";
import {
  GOOD_STARS,
  isValidOrder,
  type AfterSaleFact,
  type EntityFacts,
  type OrderFact,
} from "./facts";

/**
 * The additive metric columns of `daily_rollups` (db/schema/scoring.ts), same names. Counts are
 * integers; *HoursSum fields are sums of durations in hours.
 */
export const ROLLUP_METRIC_FIELDS = [
  "validOrders",
  "productReviews",
  "productGood",
  "logisticsReviews",
  "logisticsGood",
  "serviceReviews",
  "serviceGood",
  "qualityReturns",
  "deliveredOrders",
  "deliveryHoursSum",
  "transitOrders",
  "transitHoursSum",
  "pickupDue",
  "pickupOnTime",
  "complaints",
  "merchantDisputes",
  "chatTurns",
  "chatTurnsAnswered",
  "refundOnlyCompleted",
  "refundOnlyHoursSum",
  "returnRefundCompleted",
  "returnRefundHoursSum",
] as const;

export type RollupMetricField = (typeof ROLLUP_METRIC_FIELDS)[number];
export type RollupMetrics = Record<RollupMetricField, number>;

/**
 * One additive row: facts anchored on `day` that first exist for the score of `visibleDay`
 * (scoring.md §1 "as of D": a fact exists for D when it happened before D 00:00 Shanghai).
 */
export type RollupRow = { day: Day; visibleDay: Day } & RollupMetrics;

const HOUR_MS = 3_600_000;
const PICKUP_DEADLINE_MS = 24 * HOUR_MS;
// Chat sessions count when they start 08:00–22:59 Shanghai (customer-service hours).
export const CHAT_FIRST_HOUR = 8;
export const CHAT_LAST_HOUR = 22;

export function emptyMetrics(): RollupMetrics {
  const metrics = {} as RollupMetrics;
  for (const field of ROLLUP_METRIC_FIELDS) metrics[field] = 0;
  return metrics;
}

/** The first scoring day D for which something that happened at `instant` exists. */
export function firstVisibleDay(instant: Date): Day {
  return addDays(shanghaiDayOf(instant), 1);
}

/** The first scoring day D whose 00:00 Shanghai is at or after `instant`. */
export function firstDayStartingAtOrAfter(instant: Date): Day {
  return addDays(shanghaiDayOf(new Date(instant.getTime() - 1)), 1);
}

function hoursBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / HOUR_MS;
}

function shanghaiHour(instant: Date): number {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).getUTCHours();
}

function minDay(a: Day, b: Day): Day {
  return a <= b ? a : b;
}

class RollupAccumulator {
  private readonly rows = new Map<string, RollupRow>();

  add(day: Day, visibleDay: Day, field: RollupMetricField, amount: number): void {
    const key = `${day}|${visibleDay}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { day, visibleDay, ...emptyMetrics() };
      this.rows.set(key, row);
    }
    row[field] += amount;
  }

  sortedRows(): RollupRow[] {
    return [...this.rows.values()].sort((a, b) =>
      a.day === b.day ? compareText(a.visibleDay, b.visibleDay) : compareText(a.day, b.day),
    );
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** §3: the non-exempt after-sale with the earliest applied_at (ties broken by id, for determinism). */
function firstAfterSales(afterSales: readonly AfterSaleFact[]): Map<string, AfterSaleFact> {
  const first = new Map<string, AfterSaleFact>();
  for (const afterSale of afterSales) {
    if (afterSale.exempt) continue;
    const current = first.get(afterSale.orderId);
    const earlier =
      !current ||
      afterSale.appliedAt.getTime() < current.appliedAt.getTime() ||
      (afterSale.appliedAt.getTime() === current.appliedAt.getTime() &&
        afterSale.aftersaleId < current.aftersaleId);
    if (earlier) first.set(afterSale.orderId, afterSale);
  }
  return first;
}

function addOrder(
  acc: RollupAccumulator,
  order: OrderFact,
  firstAfterSale: AfterSaleFact | undefined,
): void {
  const paidDay = shanghaiDayOf(order.paidAt);
  acc.add(paidDay, firstVisibleDay(order.paidAt), "validOrders", 1);

  // The first after-sale is fixed once it exists (a later one can never be earlier), so a quality
  // return is known from the day after that after-sale was applied, anchored on the paid day.
  if (firstAfterSale?.reasonCategory === "quality") {
    acc.add(paidDay, firstVisibleDay(firstAfterSale.appliedAt), "qualityReturns", 1);
  }

  // 24h pickup (v1.1): an on-time pickup is known the day after it happens; without one, the order
  // counts against the shop from the first day whose 00:00 is at least 24 h after payment. The
  // denominator enters at whichever comes first, the numerator only with the pickup itself.
  const deadline = new Date(order.paidAt.getTime() + PICKUP_DEADLINE_MS);
  const overdueFrom = firstDayStartingAtOrAfter(deadline);
  const onTime = order.pickedUpAt !== null && order.pickedUpAt.getTime() <= deadline.getTime();
  if (onTime && order.pickedUpAt) {
    const pickupKnown = firstVisibleDay(order.pickedUpAt);
    acc.add(paidDay, minDay(pickupKnown, overdueFrom), "pickupDue", 1);
    acc.add(paidDay, pickupKnown, "pickupOnTime", 1);
  } else {
    acc.add(paidDay, overdueFrom, "pickupDue", 1);
  }

  if (order.deliveredAt) {
    const deliveredDay = shanghaiDayOf(order.deliveredAt);
    const visible = firstVisibleDay(order.deliveredAt);
    acc.add(deliveredDay, visible, "deliveredOrders", 1);
    acc.add(
      deliveredDay,
      visible,
      "deliveryHoursSum",
      hoursBetween(order.paidAt, order.deliveredAt),
    );
    if (order.pickedUpAt) {
      acc.add(deliveredDay, visible, "transitOrders", 1);
      acc.add(
        deliveredDay,
        visible,
        "transitHoursSum",
        hoursBetween(order.pickedUpAt, order.deliveredAt),
      );
    }
  }
}

function addMerchantCompletion(acc: RollupAccumulator, afterSale: AfterSaleFact): void {
  if (afterSale.completedBy !== "merchant" || !afterSale.completedAt) return;
  const fields =
    afterSale.type === "refund_only"
      ? (["refundOnlyCompleted", "refundOnlyHoursSum"] as const)
      : afterSale.type === "return_refund"
        ? (["returnRefundCompleted", "returnRefundHoursSum"] as const)
        : null;
  if (!fields) return;
  const day = shanghaiDayOf(afterSale.completedAt);
  const visible = firstVisibleDay(afterSale.completedAt);
  acc.add(day, visible, fields[0], 1);
  acc.add(day, visible, fields[1], hoursBetween(afterSale.appliedAt, afterSale.completedAt));
}

/**
 * Turns one entity's facts into additive roll-up rows, sorted by (day, visibleDay).
 *
 * Facts that name an order missing from `facts.orders` are dropped, like those of invalid orders:
 * §3 counts only facts of valid orders and such an order's validity cannot be established. The
 * canonical samples have no such facts (every review, after-sale and complaint names a known
 * order), so the expected files neither confirm nor contradict this; it is the conservative
 * reading, and it is what makes a creator's facts exactly "those of its orders".
 */
export function buildDailyRollups(facts: EntityFacts): RollupRow[] {
  const acc = new RollupAccumulator();
  const validOrders = new Map<string, OrderFact>();
  for (const order of facts.orders) if (isValidOrder(order)) validOrders.set(order.orderId, order);

  const countedAfterSales = facts.afterSales.filter((a) => validOrders.has(a.orderId));
  const firstByOrder = firstAfterSales(countedAfterSales);
  for (const order of validOrders.values()) addOrder(acc, order, firstByOrder.get(order.orderId));

  for (const review of facts.reviews) {
    if (!validOrders.has(review.orderId)) continue;
    const day = shanghaiDayOf(review.reviewedAt);
    const visible = firstVisibleDay(review.reviewedAt);
    const ratings = [
      [review.productStars, "productReviews", "productGood"],
      [review.logisticsStars, "logisticsReviews", "logisticsGood"],
      [review.serviceStars, "serviceReviews", "serviceGood"],
    ] as const;
    for (const [stars, ratedField, goodField] of ratings) {
      if (stars === null) continue;
      acc.add(day, visible, ratedField, 1);
      if (stars >= GOOD_STARS) acc.add(day, visible, goodField, 1);
    }
  }

  for (const afterSale of countedAfterSales) {
    if (!afterSale.exempt) addMerchantCompletion(acc, afterSale);
  }

  for (const complaint of facts.complaints) {
    if (complaint.orderId === null || !validOrders.has(complaint.orderId)) continue;
    const day = shanghaiDayOf(complaint.createdAt);
    const visible = firstVisibleDay(complaint.createdAt);
    if (complaint.kind === "complaint") acc.add(day, visible, "complaints", 1);
    else if (complaint.merchantResponsible === true) acc.add(day, visible, "merchantDisputes", 1);
  }

  for (const chat of facts.chats) {
    const hour = shanghaiHour(chat.startedAt);
    if (hour < CHAT_FIRST_HOUR || hour > CHAT_LAST_HOUR) continue;
    const day = shanghaiDayOf(chat.startedAt);
    const visible = firstVisibleDay(chat.startedAt);
    acc.add(day, visible, "chatTurns", chat.customerTurns);
    acc.add(day, visible, "chatTurnsAnswered", chat.turnsAnsweredWithin3min);
  }

  return acc.sortedRows();
}
