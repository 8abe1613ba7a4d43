import type { CancelledBy, ChatReplier, PenaltyType, ShopService, StoreType } from "@/lib/contracts/facts";
import type { ReasonCategory } from "../facts";

/**
 * The facts the 100-point rule sets and TikTok SPS read (scoring-current-rules.md, with the
 * columns of data-formats-current.md), as plain values: instants are epoch milliseconds, and
 * null is "unknown" (an empty cell), never "no" and never zero.
 */
export type CurrentOrder = {
  orderId: string;
  paidAt: number;
  orderType: string;
  status: string | null;
  shippedAt: number | null;
  pickedUpAt: number | null;
  deliveredAt: number | null;
  shipBy: number | null;
  cancelledBy: CancelledBy | null;
  lowPrice: boolean | null;
  instantRefund: boolean | null;
  abnormal: boolean | null;
  shipmentAnomaly: boolean | null;
  remote: boolean | null;
  nextDay: boolean | null;
  returnInsurance: boolean | null;
  largeItemInsurance: boolean | null;
  onsiteInstall: boolean | null;
};

export type CurrentReview = { orderId: string; reviewedAt: number; productStars: number | null };

export type CurrentAfterSale = {
  aftersaleId: string;
  orderId: string;
  /** The reason as the platform wrote it: the fulfilment and damage lists name reasons, not categories. */
  reason: string | null;
  reasonCategory: ReasonCategory;
  appliedAt: number;
  exempt: boolean;
  reviewedAt: number | null;
  refundedAt: number | null;
  merchantResponsible: boolean | null;
};

export type CurrentChat = { sessionId: string; startedAt: number; rating: number | null };

export type ChatTurn = { sessionId: string; askedAt: number; repliedAt: number | null; replier: ChatReplier | null };

export type Waybill = { waybillId: string; orderId: string; promisedAt: number | null; deliveredAt: number | null; delivered: boolean | null };

export type HelpRequest = { requestId: string; orderId: string; soughtAt: number; escalated: boolean | null; escalatedAt: number | null };

export type Penalty = { penaltyId: string; occurredAt: number; type: PenaltyType; revoked: boolean | null };

export type ServicePeriod = { service: ShopService; enabledAt: number; disabledAt: number | null };

/** Everything one shop is scored on under the current rules. */
export type CurrentShopFacts = {
  orders: readonly CurrentOrder[];
  reviews: readonly CurrentReview[];
  afterSales: readonly CurrentAfterSale[];
  chats: readonly CurrentChat[];
  chatTurns: readonly ChatTurn[];
  waybills: readonly Waybill[];
  helpRequests: readonly HelpRequest[];
  penalties: readonly Penalty[];
  services: readonly ServicePeriod[];
};

export type CurrentShop = {
  /** Caller's identity (shop id or sample key); echoed back. */
  key: string;
  /** The cohort key: the shop's category code. */
  categoryCode: string;
  /** Every name the category goes by (code, Chinese, English): rule-set lists name categories. */
  categoryNames: readonly string[];
  storeType: StoreType;
  facts: CurrentShopFacts;
};
