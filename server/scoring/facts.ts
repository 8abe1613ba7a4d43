/**
 * Plain facts as the scoring core sees them: already mapped, typed and time-zone resolved by the
 * loader (DB) or a test helper. Instants are real instants; Shanghai days are derived later.
 */

export const REASON_CATEGORIES = ["quality", "logistics", "size", "no_reason", "other"] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

export const AFTERSALE_TYPES = ["refund_only", "return_refund", "exchange", "resend"] as const;
export type AfterSaleType = (typeof AFTERSALE_TYPES)[number];

export const COMPLETED_BY = ["merchant", "platform", "buyer", "system"] as const;
export type CompletedBy = (typeof COMPLETED_BY)[number];

/** Narrows stored text to a known after-sale type; anything else is null (counts in no duration). */
export function parseAfterSaleType(text: string | null | undefined): AfterSaleType | null {
  return (AFTERSALE_TYPES as readonly string[]).includes(text ?? "")
    ? (text as AfterSaleType)
    : null;
}

export function parseCompletedBy(text: string | null | undefined): CompletedBy | null {
  return (COMPLETED_BY as readonly string[]).includes(text ?? "") ? (text as CompletedBy) : null;
}

export function parseReasonCategory(text: string | null | undefined): ReasonCategory {
  return (REASON_CATEGORIES as readonly string[]).includes(text ?? "")
    ? (text as ReasonCategory)
    : "other";
}

export type OrderFact = {
  orderId: string;
  paidAt: Date;
  orderType: string;
  status: string | null;
  pickedUpAt: Date | null;
  deliveredAt: Date | null;
  authorId: string | null;
};

export type ReviewFact = {
  orderId: string;
  reviewedAt: Date;
  productStars: number | null;
  logisticsStars: number | null;
  serviceStars: number | null;
};

export type AfterSaleFact = {
  aftersaleId: string;
  orderId: string;
  type: AfterSaleType | null;
  reasonCategory: ReasonCategory;
  appliedAt: Date;
  completedAt: Date | null;
  completedBy: CompletedBy | null;
  exempt: boolean;
};

export type ComplaintFact = {
  caseId: string;
  orderId: string | null;
  createdAt: Date;
  kind: "complaint" | "dispute";
  merchantResponsible: boolean | null;
};

export type ChatFact = {
  sessionId: string;
  startedAt: Date;
  customerTurns: number;
  turnsAnsweredWithin3min: number;
};

/**
 * Everything one entity is scored on. A shop: its own facts. A creator: the orders carrying its
 * author_id (from any shop of the organisation) and the reviews, after-sales and complaints of
 * those orders; no chats, because chats belong to shops.
 *
 * orderId must identify one order within the bundle. Order ids are unique per shop only, so a
 * bundle that spans shops (a creator's) should qualify them, e.g. `${shopId}:${orderId}`, in the
 * orders and in every fact that refers to them.
 */
export type EntityFacts = {
  orders: readonly OrderFact[];
  reviews: readonly ReviewFact[];
  afterSales: readonly AfterSaleFact[];
  complaints: readonly ComplaintFact[];
  chats: readonly ChatFact[];
};

/** scoring.md §3: type `normal` and not cancelled. Gift, lucky bag, sample and test orders are not. */
export function isValidOrder(order: Pick<OrderFact, "orderType" | "status">): boolean {
  return order.orderType === "normal" && order.status !== "cancelled";
}

/** A review star is "good" at 4 or 5 (好评). */
export const GOOD_STARS = 4;

/**
 * A creator's facts cut from facts spanning its organisation's shops (ids already unique across
 * shops): its orders, whatever their validity (the roll-up filters), and the facts of those orders.
 */
export function factsForAuthor(all: EntityFacts, authorId: string): EntityFacts {
  const orders = all.orders.filter((order) => order.authorId === authorId);
  const orderIds = new Set(orders.map((order) => order.orderId));
  const ofTheseOrders = (orderId: string | null) => orderId !== null && orderIds.has(orderId);
  return {
    orders,
    reviews: all.reviews.filter((review) => ofTheseOrders(review.orderId)),
    afterSales: all.afterSales.filter((afterSale) => ofTheseOrders(afterSale.orderId)),
    complaints: all.complaints.filter((complaint) => ofTheseOrders(complaint.orderId)),
    chats: [],
  };
}
