import { sql, type SQL } from "drizzle-orm";
import { afterSales, complaints, orders, reviews } from "@/db/schema";

/**
 * Facts an upheld appeal exempted (fact_exemptions) are left out where the facts are loaded, by
 * one anti-join per fact table: the roll-ups, the scores and the drill-down all read facts
 * through load-facts.ts, so they agree on what counts (ADR 0018). A review's key is
 * `${order_id}@${reviewed_at as JavaScript's toISOString}` (lib/contracts/queues.ts reviewFactKey).
 */
const exempt = (kind: string, orgId: SQL, shopId: SQL, key: SQL) =>
  sql`not exists (select 1 from fact_exemptions fe where fe.org_id = ${orgId} and fe.shop_id = ${shopId} and fe.fact_kind = ${kind} and fe.fact_key = ${key})`;

/** The ISO form JavaScript's Date#toISOString gives, computed in SQL (UTC, milliseconds, `Z`). */
export const isoInstantSql = (column: SQL) => sql`to_char((${column}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const orderNotExempt = exempt("order", sql`${orders.orgId}`, sql`${orders.shopId}`, sql`${orders.orderId}`);
export const reviewNotExempt = exempt(
  "review",
  sql`${reviews.orgId}`,
  sql`${reviews.shopId}`,
  sql`${reviews.orderId} || '@' || ${isoInstantSql(sql`${reviews.reviewedAt}`)}`,
);
export const afterSaleNotExempt = exempt("after_sale", sql`${afterSales.orgId}`, sql`${afterSales.shopId}`, sql`${afterSales.aftersaleId}`);
export const complaintNotExempt = exempt("complaint", sql`${complaints.orgId}`, sql`${complaints.shopId}`, sql`${complaints.caseId}`);
