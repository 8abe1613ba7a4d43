import { and, eq, gte, inArray, lt } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { afterSales, chats, chatTurns, helpRequests, orders, penalties, reviews, shopServices, waybills } from "@/db/schema";
import { addDays, shanghaiMidnight, type Day } from "@/server/lib/time";
import { parseReasonCategory } from "../../facts";
import { afterSaleNotExempt, orderNotExempt, reviewNotExempt } from "../../store/exemptions";
import type { CurrentShopFacts } from "../facts";

/**
 * Days before the window whose facts are read too: an order signed in the window may have been
 * paid earlier, and its first after-sale or first rating may predate the window. An order paid
 * more than this before the window is not read (none of the samples comes close).
 */
const LOOKBACK_DAYS = 90;

type Gathering = { [K in keyof CurrentShopFacts]: CurrentShopFacts[K][number][] };

const empty = (): Gathering => ({ orders: [], reviews: [], afterSales: [], chats: [], chatTurns: [], waybills: [], helpRequests: [], penalties: [], services: [] });

const ms = (date: Date | null): number | null => (date === null ? null : date.getTime());

/**
 * The facts of `shopIds` a score for day D under a window of `windowDays` can read: everything
 * before D 00:00 and after the window's first day less the look-back, one statement per kind.
 * Facts an upheld appeal exempted are left out, as for the 5-point scores.
 */
export async function loadCurrentFacts(tx: Tx, orgId: string, shopIds: readonly string[], day: Day, windowDays: number): Promise<Map<string, CurrentShopFacts>> {
  const out = new Map<string, Gathering>();
  if (shopIds.length === 0) return out;
  const ids = [...shopIds];
  for (const id of ids) out.set(id, empty());
  const asOf = shanghaiMidnight(day);
  const from = shanghaiMidnight(addDays(day, -(windowDays + LOOKBACK_DAYS)));
  const of = (shopId: string) => out.get(shopId) ?? empty();
  const [o, r, a, c, t, w, h, p, s] = await Promise.all([
    tx.select().from(orders).where(and(eq(orders.orgId, orgId), inArray(orders.shopId, ids), gte(orders.paidAt, from), lt(orders.paidAt, asOf), orderNotExempt)),
    tx
      .select({ shopId: reviews.shopId, orderId: reviews.orderId, reviewedAt: reviews.reviewedAt, productStars: reviews.productStars })
      .from(reviews)
      .where(and(eq(reviews.orgId, orgId), inArray(reviews.shopId, ids), gte(reviews.reviewedAt, from), lt(reviews.reviewedAt, asOf), reviewNotExempt)),
    tx.select().from(afterSales).where(and(eq(afterSales.orgId, orgId), inArray(afterSales.shopId, ids), gte(afterSales.appliedAt, from), lt(afterSales.appliedAt, asOf), afterSaleNotExempt)),
    tx.select().from(chats).where(and(eq(chats.orgId, orgId), inArray(chats.shopId, ids), gte(chats.startedAt, from), lt(chats.startedAt, asOf))),
    tx.select().from(chatTurns).where(and(eq(chatTurns.orgId, orgId), inArray(chatTurns.shopId, ids), gte(chatTurns.askedAt, from), lt(chatTurns.askedAt, asOf))),
    tx.select().from(waybills).where(and(eq(waybills.orgId, orgId), inArray(waybills.shopId, ids), gte(waybills.promisedAt, from), lt(waybills.promisedAt, asOf))),
    tx.select().from(helpRequests).where(and(eq(helpRequests.orgId, orgId), inArray(helpRequests.shopId, ids), gte(helpRequests.soughtAt, from), lt(helpRequests.soughtAt, asOf))),
    tx.select().from(penalties).where(and(eq(penalties.orgId, orgId), inArray(penalties.shopId, ids), gte(penalties.occurredAt, from), lt(penalties.occurredAt, asOf))),
    tx.select().from(shopServices).where(and(eq(shopServices.orgId, orgId), inArray(shopServices.shopId, ids), lt(shopServices.enabledAt, asOf))),
  ]);
  for (const x of o) {
    of(x.shopId).orders.push({
      orderId: x.orderId,
      paidAt: x.paidAt.getTime(),
      orderType: x.orderType,
      status: x.status,
      shippedAt: ms(x.shippedAt),
      pickedUpAt: ms(x.pickedUpAt),
      deliveredAt: ms(x.deliveredAt),
      shipBy: ms(x.shipBy),
      cancelledBy: x.cancelledBy,
      lowPrice: x.lowPrice,
      instantRefund: x.instantRefund,
      abnormal: x.abnormal,
      shipmentAnomaly: x.shipmentAnomaly,
      remote: x.remote,
      nextDay: x.nextDay,
      returnInsurance: x.returnInsurance,
      largeItemInsurance: x.largeItemInsurance,
      onsiteInstall: x.onsiteInstall,
    });
  }
  for (const x of r) of(x.shopId).reviews.push({ orderId: x.orderId, reviewedAt: x.reviewedAt.getTime(), productStars: x.productStars });
  for (const x of a) {
    of(x.shopId).afterSales.push({
      aftersaleId: x.aftersaleId,
      orderId: x.orderId,
      reason: x.reason,
      reasonCategory: parseReasonCategory(x.reasonCategory),
      appliedAt: x.appliedAt.getTime(),
      exempt: x.exempt,
      reviewedAt: ms(x.reviewedAt),
      refundedAt: ms(x.refundedAt),
      merchantResponsible: x.merchantResponsible,
    });
  }
  for (const x of c) of(x.shopId).chats.push({ sessionId: x.sessionId, startedAt: x.startedAt.getTime(), rating: x.rating });
  for (const x of t) of(x.shopId).chatTurns.push({ sessionId: x.sessionId, askedAt: x.askedAt.getTime(), repliedAt: ms(x.repliedAt), replier: x.replier });
  for (const x of w) of(x.shopId).waybills.push({ waybillId: x.waybillId, orderId: x.orderId, promisedAt: ms(x.promisedAt), deliveredAt: ms(x.deliveredAt), delivered: x.delivered });
  for (const x of h) of(x.shopId).helpRequests.push({ requestId: x.requestId, orderId: x.orderId, soughtAt: x.soughtAt.getTime(), escalated: x.escalated, escalatedAt: ms(x.escalatedAt) });
  for (const x of p) of(x.shopId).penalties.push({ penaltyId: x.penaltyId, occurredAt: x.occurredAt.getTime(), type: x.type, revoked: x.revoked });
  for (const x of s) of(x.shopId).services.push({ service: x.service, enabledAt: x.enabledAt.getTime(), disabledAt: ms(x.disabledAt) });
  return out;
}
