import type { Tx } from "@/db/client";
import { insertJsonRows } from "@/db/insert-json-rows";
import { creatorOrders } from "@/db/schema";
import { categoriseReason } from "@/server/catalog/aftersale-reasons";
import { markEntityFactsChanged } from "@/server/scoring/refresh";
import type { GeneratedCreatorOrder } from "./creator-orders";

const AFTERSALE_TYPES = { 仅退款: "refund_only", 退货退款: "return_refund" } as const;
const yuan = (cents: number) => (cents / 100).toFixed(2);

/**
 * Writes generated creator orders straight into creator_orders, as the importer would store the
 * export's rows (已失效 as cancelled, after-sale types and reason categories mapped), and marks
 * the creator's roll-ups stale. Demo seed and tests; user files go through the importer.
 */
export async function insertCreatorOrders(tx: Tx, orgId: string, creatorId: string, orders: readonly GeneratedCreatorOrder[]): Promise<void> {
  const rows = orders.map((o) => ({
    orgId,
    creatorId,
    orderId: o.orderId,
    paidAt: o.paidAt,
    orderType: "normal",
    status: o.status === "已失效" ? "cancelled" : o.status,
    merchantShopId: o.merchant.shopId,
    merchantShopName: o.merchant.name,
    productId: o.productId,
    productName: o.productName,
    quantity: o.quantity,
    amount: yuan(o.amountCents),
    refundAmount: o.refundCents > 0 ? yuan(o.refundCents) : null,
    deliveredAt: o.deliveredAt,
    aftersaleStatus: o.aftersale ? (o.aftersale.completedAt ? "退款成功" : "售后处理中") : null,
    aftersaleId: o.aftersale?.id ?? null,
    aftersaleType: o.aftersale ? AFTERSALE_TYPES[o.aftersale.type] : null,
    aftersaleReason: o.aftersale?.reason ?? null,
    aftersaleReasonCategory: categoriseReason(o.aftersale?.reason ?? null),
    aftersaleAppliedAt: o.aftersale?.appliedAt ?? null,
    aftersaleCompletedAt: o.aftersale?.completedAt ?? null,
    reviewedAt: o.review?.reviewedAt ?? null,
    productStars: o.review?.productStars ?? null,
  }));
  await insertJsonRows(tx, creatorOrders, rows);
  await markEntityFactsChanged(tx, orgId, { kind: "creator", id: creatorId }, null);
}
