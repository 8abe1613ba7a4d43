import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { afterSales, chats, complaints, orders, reviews } from "@/db/schema";
import type {
  AfterSaleFact,
  AfterSaleType,
  CompletedBy,
  EntityFacts,
  OrderFact,
  ReasonCategory,
} from "../facts";
import { loadCreatorOwnOrders } from "./creator-own-orders";
import { afterSaleNotExempt, complaintNotExempt, orderNotExempt, reviewNotExempt } from "./exemptions";

type OrderRow = typeof orders.$inferSelect;

const toOrderFact = (
  o: Pick<
    OrderRow,
    "orderId" | "paidAt" | "orderType" | "status" | "pickedUpAt" | "deliveredAt" | "authorId"
  >,
): OrderFact => ({
  orderId: o.orderId,
  paidAt: o.paidAt,
  orderType: o.orderType,
  status: o.status,
  pickedUpAt: o.pickedUpAt,
  deliveredAt: o.deliveredAt,
  authorId: o.authorId,
});

const toAfterSaleFact = (
  a: Pick<typeof afterSales.$inferSelect, "aftersaleId" | "orderId" | "type" | "reasonCategory" | "appliedAt" | "completedAt" | "completedBy" | "exempt">,
): AfterSaleFact => ({
  aftersaleId: a.aftersaleId,
  orderId: a.orderId,
  type: (a.type as AfterSaleType | null) ?? null,
  reasonCategory: a.reasonCategory as ReasonCategory,
  appliedAt: a.appliedAt,
  completedAt: a.completedAt,
  completedBy: (a.completedBy as CompletedBy | null) ?? null,
  exempt: a.exempt,
});

const orderColumns = {
  orderId: orders.orderId,
  paidAt: orders.paidAt,
  orderType: orders.orderType,
  status: orders.status,
  pickedUpAt: orders.pickedUpAt,
  deliveredAt: orders.deliveredAt,
  authorId: orders.authorId,
  shopId: orders.shopId,
};

// Only the columns scoring reads (facts.ts), each with the shop it groups by: a bulk rebuild reads
// millions of fact rows, and every other column (a review's text, the import ids) was parsed into
// strings and dates nobody looked at.
const reviewColumns = {
  orderId: reviews.orderId,
  reviewedAt: reviews.reviewedAt,
  productStars: reviews.productStars,
  logisticsStars: reviews.logisticsStars,
  serviceStars: reviews.serviceStars,
  shopId: reviews.shopId,
};
const afterSaleColumns = {
  aftersaleId: afterSales.aftersaleId,
  orderId: afterSales.orderId,
  type: afterSales.type,
  reasonCategory: afterSales.reasonCategory,
  appliedAt: afterSales.appliedAt,
  completedAt: afterSales.completedAt,
  completedBy: afterSales.completedBy,
  exempt: afterSales.exempt,
  shopId: afterSales.shopId,
};
const complaintColumns = {
  caseId: complaints.caseId,
  orderId: complaints.orderId,
  createdAt: complaints.createdAt,
  kind: complaints.kind,
  merchantResponsible: complaints.merchantResponsible,
  shopId: complaints.shopId,
};
const chatColumns = {
  sessionId: chats.sessionId,
  startedAt: chats.startedAt,
  customerTurns: chats.customerTurns,
  turnsAnsweredWithin3min: chats.turnsAnsweredWithin3min,
  shopId: chats.shopId,
};

/** Everything one shop is scored on. */
export async function loadShopFacts(tx: Tx, orgId: string, shopId: string): Promise<EntityFacts> {
  return (await loadShopsFacts(tx, orgId, [shopId])).get(shopId) ?? emptyFacts();
}

const emptyFacts = (): EntityFacts => ({ orders: [], reviews: [], afterSales: [], complaints: [], chats: [] });

/**
 * Everything many shops are scored on, five statements for all of them (a bulk rebuild reads
 * thousands of shops: one round trip per fact table and shop was most of its time).
 */
export async function loadShopsFacts(tx: Tx, orgId: string, shopIds: readonly string[]): Promise<Map<string, EntityFacts>> {
  type Gathering = { [K in keyof EntityFacts]: EntityFacts[K][number][] };
  const out = new Map<string, Gathering>();
  if (shopIds.length === 0) return out;
  const ids = [...shopIds];
  const [o, r, a, c, ch] = await Promise.all([
    tx
      .select(orderColumns)
      .from(orders)
      .where(and(eq(orders.orgId, orgId), inArray(orders.shopId, ids), orderNotExempt)),
    tx
      .select(reviewColumns)
      .from(reviews)
      .where(and(eq(reviews.orgId, orgId), inArray(reviews.shopId, ids), reviewNotExempt)),
    tx
      .select(afterSaleColumns)
      .from(afterSales)
      .where(and(eq(afterSales.orgId, orgId), inArray(afterSales.shopId, ids), afterSaleNotExempt)),
    tx
      .select(complaintColumns)
      .from(complaints)
      .where(and(eq(complaints.orgId, orgId), inArray(complaints.shopId, ids), complaintNotExempt)),
    tx
      .select(chatColumns)
      .from(chats)
      .where(and(eq(chats.orgId, orgId), inArray(chats.shopId, ids))),
  ]);
  const of = (shopId: string) => {
    let facts = out.get(shopId);
    if (!facts) out.set(shopId, (facts = { orders: [], reviews: [], afterSales: [], complaints: [], chats: [] }));
    return facts;
  };
  for (const id of ids) of(id);
  // The rows themselves, not copies: their shop id rides along unread.
  for (const row of o) of(row.shopId).orders.push(row);
  for (const row of r) of(row.shopId).reviews.push(row);
  for (const row of a) of(row.shopId).afterSales.push(toAfterSaleFact(row));
  for (const row of c) of(row.shopId).complaints.push(row);
  for (const row of ch) of(row.shopId).chats.push(row);
  return out;
}

/**
 * A creator's facts: the orders carrying its author id in any shop of the organisation, and the
 * reviews, after-sales and complaints of exactly those orders (matched per shop, since order ids
 * are only unique within a shop); then the creator's own imported orders (creator_orders) that
 * are not among those — an order sold for one of the organisation's own shops appears in both,
 * and counts once, from the shop's richer facts. Chats belong to shops, so a creator has none.
 */
export async function loadCreatorFacts(tx: Tx, orgId: string, creator: { id: string; externalId: string }): Promise<EntityFacts> {
  const fromShops = await loadCreatorShopFacts(tx, orgId, creator.externalId);
  const seen = new Set(fromShops.orders.map((o) => o.orderId.slice(o.orderId.indexOf(":") + 1)));
  const own = await loadCreatorOwnOrders(tx, orgId, creator.id, seen);
  return {
    orders: [...fromShops.orders, ...own.orders],
    reviews: [...fromShops.reviews, ...own.reviews],
    afterSales: [...fromShops.afterSales, ...own.afterSales],
    complaints: fromShops.complaints,
    chats: [],
  };
}

async function loadCreatorShopFacts(tx: Tx, orgId: string, authorId: string): Promise<EntityFacts> {
  const creatorOrders = await tx
    .select(orderColumns)
    .from(orders)
    .where(and(eq(orders.orgId, orgId), eq(orders.authorId, authorId), orderNotExempt));
  const byShop = new Map<string, string[]>();
  for (const o of creatorOrders) byShop.set(o.shopId, [...(byShop.get(o.shopId) ?? []), o.orderId]);
  // Order ids are unique only within a shop, and a creator's facts span shops: qualify them.
  const q = (shopId: string, orderId: string) => `${shopId}:${orderId}`;
  const facts = {
    orders: creatorOrders.map((o) => ({ ...toOrderFact(o), orderId: q(o.shopId, o.orderId) })),
    reviews: [] as EntityFacts["reviews"][number][],
    afterSales: [] as AfterSaleFact[],
    complaints: [] as EntityFacts["complaints"][number][],
    chats: [],
  };
  for (const [shopId, orderIds] of byShop) {
    for (let i = 0; i < orderIds.length; i += 5000) {
      const chunk = orderIds.slice(i, i + 5000);
      const [r, a, c] = await Promise.all([
        tx
          .select(reviewColumns)
          .from(reviews)
          .where(
            and(
              eq(reviews.orgId, orgId),
              eq(reviews.shopId, shopId),
              inArray(reviews.orderId, chunk),
              reviewNotExempt,
            ),
          ),
        tx
          .select(afterSaleColumns)
          .from(afterSales)
          .where(
            and(
              eq(afterSales.orgId, orgId),
              eq(afterSales.shopId, shopId),
              inArray(afterSales.orderId, chunk),
              afterSaleNotExempt,
            ),
          ),
        tx
          .select(complaintColumns)
          .from(complaints)
          .where(
            and(
              eq(complaints.orgId, orgId),
              eq(complaints.shopId, shopId),
              inArray(complaints.orderId, chunk),
              complaintNotExempt,
            ),
          ),
      ]);
      facts.reviews.push(...r.map((x) => ({ ...x, orderId: q(shopId, x.orderId) })));
      facts.afterSales.push(...a.map((x) => ({ ...toAfterSaleFact(x), orderId: q(shopId, x.orderId) })));
      facts.complaints.push(...c.map((x) => ({ ...x, orderId: x.orderId === null ? null : q(shopId, x.orderId) })));
    }
  }
  return facts;
}
