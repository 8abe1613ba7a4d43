import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { creatorOrders } from "@/db/schema";
import { parseAfterSaleType, parseReasonCategory, type EntityFacts } from "../facts";

type CreatorOrderRow = typeof creatorOrders.$inferSelect;

/**
 * A creator's own imported orders (its 达人订单 export) as scoring facts. Each row is an order;
 * its review and after-sale, where the export carries them, become a review and an after-sale of
 * that order. The export says nothing of who completed an after-sale, so those count in no
 * merchant-completion duration. Ids are qualified `creator:…` so they never meet a shop's.
 */
export function creatorOrderFacts(rows: readonly CreatorOrderRow[]): EntityFacts {
  const q = (orderId: string) => `creator:${orderId}`;
  const facts: { orders: EntityFacts["orders"][number][]; reviews: EntityFacts["reviews"][number][]; afterSales: EntityFacts["afterSales"][number][] } = {
    orders: [],
    reviews: [],
    afterSales: [],
  };
  for (const row of rows) {
    facts.orders.push({
      orderId: q(row.orderId),
      paidAt: row.paidAt,
      orderType: row.orderType,
      status: row.status,
      pickedUpAt: null,
      deliveredAt: row.deliveredAt,
      authorId: null,
    });
    if (row.reviewedAt && (row.productStars !== null || row.logisticsStars !== null || row.serviceStars !== null)) {
      facts.reviews.push({
        orderId: q(row.orderId),
        reviewedAt: row.reviewedAt,
        productStars: row.productStars,
        logisticsStars: row.logisticsStars,
        serviceStars: row.serviceStars,
      });
    }
    if (row.aftersaleAppliedAt) {
      facts.afterSales.push({
        aftersaleId: q(row.aftersaleId ?? row.orderId),
        orderId: q(row.orderId),
        type: parseAfterSaleType(row.aftersaleType),
        reasonCategory: parseReasonCategory(row.aftersaleReasonCategory),
        appliedAt: row.aftersaleAppliedAt,
        completedAt: row.aftersaleCompletedAt,
        completedBy: null,
        exempt: false,
      });
    }
  }
  return { ...facts, complaints: [], chats: [] };
}

/** The creator account's own imported orders, except those already known from an organisation shop (ids in skipOrderIds). */
export async function loadCreatorOwnOrders(tx: Tx, orgId: string, creatorId: string, skipOrderIds: ReadonlySet<string>): Promise<EntityFacts> {
  const rows = await tx
    .select()
    .from(creatorOrders)
    .where(and(eq(creatorOrders.orgId, orgId), eq(creatorOrders.creatorId, creatorId)));
  return creatorOrderFacts(rows.filter((row) => !skipOrderIds.has(row.orderId)));
}
