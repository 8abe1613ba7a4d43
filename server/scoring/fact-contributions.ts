import { addDays, SHANGHAI_OFFSET_MS, shanghaiDayOf, type Day } from "@/server/lib/time";
import {
  GOOD_STARS,
  isValidOrder,
  type AfterSaleFact,
  type ChatFact,
  type ComplaintFact,
  type EntityFacts,
  type OrderFact,
  type ReviewFact,
} from "./facts";
import type { RollupMetricField } from "./rollups";

/**
 * The one classification of facts (scoring.md §3): which roll-up field each fact adds to, how
 * much, on which anchor day and from which scoring day on. The roll-up builder sums these; the
 * drill-down lists them fact by fact, so the two can never disagree.
 */
export type ContributingFact =
  | { kind: "order"; order: OrderFact; firstAfterSale: AfterSaleFact | null }
  | { kind: "review"; review: ReviewFact }
  | { kind: "afterSale"; afterSale: AfterSaleFact }
  | { kind: "complaint"; complaint: ComplaintFact }
  | { kind: "chat"; chat: ChatFact };

export type ContributionSink = (
  fact: ContributingFact,
  day: Day,
  visibleDay: Day,
  field: RollupMetricField,
  amount: number,
) => void;

const HOUR_MS = 3_600_000;
const PICKUP_DEADLINE_MS = 24 * HOUR_MS;
// Chat sessions count when they start 08:00–22:59 Shanghai (customer-service hours).
export const CHAT_FIRST_HOUR = 8;
export const CHAT_LAST_HOUR = 22;

/** The first scoring day D for which something that happened at `instant` exists. */
export function firstVisibleDay(instant: Date): Day {
  return addDays(shanghaiDayOf(instant), 1);
}

/** The first scoring day D whose 00:00 Shanghai is at or after `instant`. */
export function firstDayStartingAtOrAfter(instant: Date): Day {
  return addDays(shanghaiDayOf(new Date(instant.getTime() - 1)), 1);
}

export function hoursBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / HOUR_MS;
}

function shanghaiHour(instant: Date): number {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).getUTCHours();
}

function minDay(a: Day, b: Day): Day {
  return a <= b ? a : b;
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

/** The instant after which a pickup is late (v1.1 pickup rate): 24 h after payment. */
export function pickupLateAt(paidAt: Date): Date {
  return new Date(paidAt.getTime() + PICKUP_DEADLINE_MS);
}

/** The first scoring day an order not yet picked up counts against the shop: its 00:00 is at least 24 h after payment. */
export function pickupOverdueFrom(paidAt: Date): Day {
  return firstDayStartingAtOrAfter(pickupLateAt(paidAt));
}

/** Was the order picked up within 24 h of payment (v1.1 pickup rate)? */
export function pickedUpOnTime(order: Pick<OrderFact, "paidAt" | "pickedUpAt">): boolean {
  return (
    order.pickedUpAt !== null &&
    order.pickedUpAt.getTime() <= order.paidAt.getTime() + PICKUP_DEADLINE_MS
  );
}

function visitOrder(sink: ContributionSink, fact: Extract<ContributingFact, { kind: "order" }>): void {
  const { order, firstAfterSale } = fact;
  const paidDay = shanghaiDayOf(order.paidAt);
  sink(fact, paidDay, firstVisibleDay(order.paidAt), "validOrders", 1);

  // The first after-sale is fixed once it exists (a later one can never be earlier), so a quality
  // return is known from the day after that after-sale was applied, anchored on the paid day.
  if (firstAfterSale?.reasonCategory === "quality") {
    sink(fact, paidDay, firstVisibleDay(firstAfterSale.appliedAt), "qualityReturns", 1);
  }

  // 24h pickup (v1.1): an on-time pickup is known the day after it happens; without one, the order
  // counts against the shop from the first day whose 00:00 is at least 24 h after payment. The
  // denominator enters at whichever comes first, the numerator only with the pickup itself.
  const overdueFrom = pickupOverdueFrom(order.paidAt);
  if (pickedUpOnTime(order) && order.pickedUpAt) {
    const pickupKnown = firstVisibleDay(order.pickedUpAt);
    sink(fact, paidDay, minDay(pickupKnown, overdueFrom), "pickupDue", 1);
    sink(fact, paidDay, pickupKnown, "pickupOnTime", 1);
  } else {
    sink(fact, paidDay, overdueFrom, "pickupDue", 1);
  }

  if (order.deliveredAt) {
    const deliveredDay = shanghaiDayOf(order.deliveredAt);
    const visible = firstVisibleDay(order.deliveredAt);
    sink(fact, deliveredDay, visible, "deliveredOrders", 1);
    sink(fact, deliveredDay, visible, "deliveryHoursSum", hoursBetween(order.paidAt, order.deliveredAt));
    if (order.pickedUpAt) {
      sink(fact, deliveredDay, visible, "transitOrders", 1);
      sink(fact, deliveredDay, visible, "transitHoursSum", hoursBetween(order.pickedUpAt, order.deliveredAt));
    }
  }
}

function visitReview(sink: ContributionSink, fact: Extract<ContributingFact, { kind: "review" }>): void {
  const { review } = fact;
  const day = shanghaiDayOf(review.reviewedAt);
  const visible = firstVisibleDay(review.reviewedAt);
  const ratings = [
    [review.productStars, "productReviews", "productGood"],
    [review.logisticsStars, "logisticsReviews", "logisticsGood"],
    [review.serviceStars, "serviceReviews", "serviceGood"],
  ] as const;
  for (const [stars, ratedField, goodField] of ratings) {
    if (stars === null) continue;
    sink(fact, day, visible, ratedField, 1);
    if (stars >= GOOD_STARS) sink(fact, day, visible, goodField, 1);
  }
}

function visitMerchantCompletion(sink: ContributionSink, fact: Extract<ContributingFact, { kind: "afterSale" }>): void {
  const { afterSale } = fact;
  if (afterSale.exempt || afterSale.completedBy !== "merchant" || !afterSale.completedAt) return;
  const fields =
    afterSale.type === "refund_only"
      ? (["refundOnlyCompleted", "refundOnlyHoursSum"] as const)
      : afterSale.type === "return_refund"
        ? (["returnRefundCompleted", "returnRefundHoursSum"] as const)
        : null;
  if (!fields) return;
  const day = shanghaiDayOf(afterSale.completedAt);
  const visible = firstVisibleDay(afterSale.completedAt);
  sink(fact, day, visible, fields[0], 1);
  sink(fact, day, visible, fields[1], hoursBetween(afterSale.appliedAt, afterSale.completedAt));
}

function visitComplaint(sink: ContributionSink, fact: Extract<ContributingFact, { kind: "complaint" }>): void {
  const { complaint } = fact;
  const day = shanghaiDayOf(complaint.createdAt);
  const visible = firstVisibleDay(complaint.createdAt);
  if (complaint.kind === "complaint") sink(fact, day, visible, "complaints", 1);
  else if (complaint.merchantResponsible === true) sink(fact, day, visible, "merchantDisputes", 1);
}

function visitChat(sink: ContributionSink, fact: Extract<ContributingFact, { kind: "chat" }>): void {
  const { chat } = fact;
  const hour = shanghaiHour(chat.startedAt);
  if (hour < CHAT_FIRST_HOUR || hour > CHAT_LAST_HOUR) return;
  const day = shanghaiDayOf(chat.startedAt);
  const visible = firstVisibleDay(chat.startedAt);
  sink(fact, day, visible, "chatTurns", chat.customerTurns);
  sink(fact, day, visible, "chatTurnsAnswered", chat.turnsAnsweredWithin3min);
}

/**
 * Calls `sink` once for every amount a fact adds to a roll-up field, in a fixed order.
 *
 * Facts that name an order missing from `facts.orders` are dropped, like those of invalid orders:
 * §3 counts only facts of valid orders and such an order's validity cannot be established. The
 * canonical samples have no such facts (every review, after-sale and complaint names a known
 * order), so the expected files neither confirm nor contradict this; it is the conservative
 * reading, and it is what makes a creator's facts exactly "those of its orders".
 */
export function visitFactContributions(facts: EntityFacts, sink: ContributionSink): void {
  const validOrders = new Map<string, OrderFact>();
  for (const order of facts.orders) if (isValidOrder(order)) validOrders.set(order.orderId, order);

  const countedAfterSales = facts.afterSales.filter((a) => validOrders.has(a.orderId));
  const firstByOrder = firstAfterSales(countedAfterSales);
  for (const order of validOrders.values()) {
    visitOrder(sink, { kind: "order", order, firstAfterSale: firstByOrder.get(order.orderId) ?? null });
  }
  for (const review of facts.reviews) {
    if (validOrders.has(review.orderId)) visitReview(sink, { kind: "review", review });
  }
  for (const afterSale of countedAfterSales) visitMerchantCompletion(sink, { kind: "afterSale", afterSale });
  for (const complaint of facts.complaints) {
    if (complaint.orderId !== null && validOrders.has(complaint.orderId)) visitComplaint(sink, { kind: "complaint", complaint });
  }
  for (const chat of facts.chats) visitChat(sink, { kind: "chat", chat });
}
