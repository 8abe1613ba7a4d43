import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rowsOf } from "@/db/security";
import type { AfterSaleQueueRow } from "@/lib/contracts/queues";
import type { OrgScope } from "@/server/lib/scope";
import { parseAfterSaleType } from "@/server/scoring/facts";
import { afterSaleDeadline } from "./aftersale-deadlines";
import { ORDER_SHOP_JOIN, queueOrders, VALID_ORDER, type QueueFilter } from "./scope";

/** Open after-sales applied longer ago than this are taken as closed in a file not imported yet. */
export const AFTERSALE_LOOKBACK_DAYS = 14;
const QUEUE_LIMIT = 500;

type Row = { shop_id: string; shop_name: string; aftersale_id: string; order_id: string; type: string | null; reason: string | null; applied_ms: number };

/**
 * After-sales deadlines: open (not completed), counted (not exempt, of a valid order) after-sales
 * applied within the lookback, with the instant the platform completes them on its own
 * (aftersale-deadlines.ts), soonest first. Overdue ones stay listed until an import closes them.
 */
export async function afterSalesQueue(tx: Tx, scope: OrgScope, filter: QueueFilter, now = new Date()): Promise<AfterSaleQueueRow[]> {
  const where = await queueOrders(tx, scope, filter);
  const since = new Date(now.getTime() - AFTERSALE_LOOKBACK_DAYS * 86_400_000);
  const rows = rowsOf<Row>(
    await tx.execute(sql`
      select a.shop_id, s.name as shop_name, a.aftersale_id, a.order_id, a.type, a.reason,
             (extract(epoch from a.applied_at) * 1000)::float8 as applied_ms
        from after_sales a
        join orders o on o.org_id = a.org_id and o.shop_id = a.shop_id and o.order_id = a.order_id
        ${ORDER_SHOP_JOIN}
       where a.org_id = ${scope.orgId} and ${where} and ${VALID_ORDER}
         and a.completed_at is null and not a.exempt
         and a.applied_at > ${since.toISOString()}::timestamptz and a.applied_at <= ${now.toISOString()}::timestamptz
       order by a.applied_at, a.shop_id, a.aftersale_id
       limit ${QUEUE_LIMIT}`),
  );
  return rows
    .map((row): AfterSaleQueueRow => {
      const appliedAt = new Date(Number(row.applied_ms));
      const type = parseAfterSaleType(row.type);
      const deadline = afterSaleDeadline(type, appliedAt);
      return {
        shopId: row.shop_id,
        shopName: row.shop_name,
        aftersaleId: row.aftersale_id,
        orderId: row.order_id,
        type,
        reason: row.reason,
        appliedAt: appliedAt.toISOString(),
        deadlineAt: deadline.toISOString(),
        msLeft: deadline.getTime() - now.getTime(),
      };
    })
    .sort((a, b) => a.msLeft - b.msLeft || a.shopId.localeCompare(b.shopId) || a.aftersaleId.localeCompare(b.aftersaleId));
}
