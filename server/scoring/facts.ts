/**
 * Plain facts as the scoring core sees them: already mapped, typed and time-zone resolved by the
 * loader (DB) or a test helper. Instants are real instants; Shanghai days are derived later.
 */

export const REASON_CATEGORIES = ["quality", "logistics", "size", "no_reason", "other"] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

export const AFTERSALE_TYPES = ["refund_only", "return_refund", "exchange", "resend"] as const;
export type AfterSaleType = (typeof AFTERSALE_TYPES)[number];

export type CompletedBy = "merchant" | "platform" | "buyer" | "system";

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
