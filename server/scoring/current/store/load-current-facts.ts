import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { afterSales, orders, reviews } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { addDays, shanghaiMidnight, type Day } from "@/server/lib/time";
import { parseReasonCategory } from "../../facts";
import { afterSaleNotExempt, orderNotExempt, reviewNotExempt } from "../../store/exemptions";
import type { PointsRuleSet } from "../../rule-sets/points-schema";
import type { ChatTurn, CurrentAfterSale, CurrentChat, CurrentOrder, CurrentReview, CurrentShopFacts, HelpRequest, Penalty, ServicePeriod, Waybill } from "../facts";

/**
 * Days before the window whose facts are read too: an order signed in the window may have been
 * paid earlier, and its first after-sale or first rating may predate the window. An order paid
 * more than this before the window is not read (none of the samples comes close).
 */
const LOOKBACK_DAYS = 90;

/** The earliest payment a score for day D under a window of `windowDays` reads, as epoch milliseconds. */
export const lookbackStart = (day: Day, windowDays: number): number => shanghaiMidnight(addDays(day, -(windowDays + LOOKBACK_DAYS))).getTime();

type Gathering = { [K in keyof CurrentShopFacts]: CurrentShopFacts[K][number][] };

const empty = (): Gathering => ({ orders: [], reviews: [], afterSales: [], chats: [], chatTurns: [], waybills: [], helpRequests: [], penalties: [], services: [] });

/**
 * An instant as epoch milliseconds, what Date#getTime gives for the driver's Date (whole
 * milliseconds, truncated), in float8 arithmetic alone: numeric `extract` cost a quarter of the
 * read. Measured from D 00:00, the float8 seconds are within a quarter of a microsecond of the
 * truth for any instant within thirty years of D, so the half-microsecond nudge before the floor
 * keeps whole milliseconds whole and truncates microseconds as the Date does.
 */
const msSince = (asOf: Date) => (column: string) =>
  `(floor(date_part('epoch', ${column} - '${asOf.toISOString()}'::timestamptz) * 1000 + 0.0005) + ${asOf.getTime()})`;

type WithShop<T> = T & { shopId: string };

/** Order columns only some rule sets read; the others are read for every one. */
type OptionalOrderColumn = "shippedAt" | "shipBy" | "cancelledBy" | "remote" | "nextDay" | "returnInsurance" | "largeItemInsurance" | "onsiteInstall";
const OPTIONAL_ORDER_COLUMNS: Record<OptionalOrderColumn, string> = {
  shippedAt: "shipped_at",
  shipBy: "ship_by",
  cancelledBy: "cancelled_by",
  remote: "remote",
  nextDay: "next_day",
  returnInsurance: "return_insurance",
  largeItemInsurance: "large_item_insurance",
  onsiteInstall: "onsite_install",
};
const INSTANT_COLUMNS = new Set<OptionalOrderColumn>(["shippedAt", "shipBy"]);

/**
 * The optional order columns a rule set reads: TikTok's late dispatch and seller-fault
 * cancellations, and each bonus's own flag. The driver decodes every cell it is sent (most of a
 * read's time in this process), so the others are sent empty (null);
 * tests/integration/scoring/current-facts-read.test.ts scores every rule set both ways.
 */
export function orderColumnsOf(ruleSet: PointsRuleSet): ReadonlySet<OptionalOrderColumn> {
  const read = new Set<OptionalOrderColumn>(ruleSet.family === "tiktok-sps" ? ["shippedAt", "shipBy", "cancelledBy"] : []);
  for (const bonus of ruleSet.bonuses) {
    if (bonus.rule === "remote_delivery") read.add("remote");
    else if (bonus.rule === "next_day_share") read.add("nextDay");
    else if (bonus.rule === "insured_orders") read.add(bonus.orderFlag);
    else read.add("onsiteInstall");
  }
  return read;
}

/**
 * The facts of `shopIds` a score for day D under a window of `windowDays` can read: everything
 * before D 00:00 and after the window's first day less the look-back, one statement per kind.
 * Facts an upheld appeal exempted are left out, as for the 5-point scores.
 *
 * Only what the measures read is sent (they are many rows: this is most of a day's scoring): the
 * columns they use, instants as epoch milliseconds, each row already in its fact's shape. Kinds
 * only ever counted within the window (chats and their ratings, waybills, penalties) are read from
 * the window's first day; chat turns asked before it only when their session started in it, and
 * only those a person answered or nobody did (every measure leaves out the bot's and the unknown);
 * reviews only with product stars, of orders signed in the window (a first rating is read for
 * those alone); after-sales not exempt. An order paid before the window is read only when
 * something in the window can reach it: picked up, signed or due to ship in it, or named by a
 * waybill due, an after-sale refunded or a help request made in it.
 */
export async function loadCurrentFacts(
  tx: Tx,
  orgId: string,
  shopIds: readonly string[],
  day: Day,
  windowDays: number,
  orderColumns: ReadonlySet<OptionalOrderColumn> = new Set(Object.keys(OPTIONAL_ORDER_COLUMNS) as OptionalOrderColumn[]),
): Promise<Map<string, CurrentShopFacts>> {
  const out = new Map<string, Gathering>();
  if (shopIds.length === 0) return out;
  for (const id of shopIds) out.set(id, empty());
  const msText = msSince(shanghaiMidnight(day));
  const ms = (column: string) => sql.raw(msText(column));
  const asOf = shanghaiMidnight(day).toISOString();
  const windowFrom = shanghaiMidnight(addDays(day, -windowDays)).toISOString();
  const from = new Date(lookbackStart(day, windowDays)).toISOString();
  const ids = `{${[...shopIds].join(",")}}`;
  // The shops as a join, not `shop_id = any(…)` on the fact table: the planner prices an index
  // scan per array element, and a thousand shops priced a read of every kind high enough to be
  // JIT-compiled (a third of a second each, for milliseconds of work).
  const ofShops = (alias: string) => sql.raw(`join shops s on s.org_id = ${alias}.org_id and s.id = ${alias}.shop_id`);
  const wanted = sql`s.id = any(${ids}::uuid[])`;
  const read = async <T>(query: SQL) => rowsOf<WithShop<T>>(await tx.execute(query));
  const optional = (name: OptionalOrderColumn) => {
    const column = `orders.${OPTIONAL_ORDER_COLUMNS[name]}`;
    return sql.raw(`${!orderColumns.has(name) ? "null" : INSTANT_COLUMNS.has(name) ? msText(column) : column} as "${name}"`);
  };
  const [o, r, a, c, t, w, h, p, s] = await Promise.all([
    read<CurrentOrder>(sql`
      select orders.shop_id as "shopId", orders.order_id as "orderId", ${ms("orders.paid_at")} as "paidAt", orders.order_type as "orderType", orders.status,
        ${optional("shippedAt")}, ${ms("orders.picked_up_at")} as "pickedUpAt", ${ms("orders.delivered_at")} as "deliveredAt", ${optional("shipBy")},
        ${optional("cancelledBy")}, orders.low_price as "lowPrice", orders.instant_refund as "instantRefund", orders.abnormal, orders.shipment_anomaly as "shipmentAnomaly",
        ${optional("remote")}, ${optional("nextDay")}, ${optional("returnInsurance")}, ${optional("largeItemInsurance")}, ${optional("onsiteInstall")}
      from ${orders} ${ofShops("orders")}
      where ${orders.orgId} = ${orgId}::uuid and ${wanted} and ${orders.paidAt} >= ${from}::timestamptz and ${orders.paidAt} < ${asOf}::timestamptz and ${orderNotExempt}
        and (${orders.paidAt} >= ${windowFrom}::timestamptz or ${orders.pickedUpAt} >= ${windowFrom}::timestamptz or ${orders.deliveredAt} >= ${windowFrom}::timestamptz
          or ${orders.shipBy} >= ${windowFrom}::timestamptz
          or (${orders.shopId}, ${orders.orderId}) in (
            select w.shop_id, w.order_id from waybills w
            where w.org_id = ${orgId}::uuid and w.promised_at >= ${windowFrom}::timestamptz and w.promised_at < ${asOf}::timestamptz
            union all
            select a.shop_id, a.order_id from after_sales a
            where a.org_id = ${orgId}::uuid and a.refunded_at >= ${windowFrom}::timestamptz and a.applied_at >= ${from}::timestamptz and a.applied_at < ${asOf}::timestamptz
            union all
            select h.shop_id, h.order_id from help_requests h
            where h.org_id = ${orgId}::uuid and h.sought_at >= ${windowFrom}::timestamptz and h.sought_at < ${asOf}::timestamptz))`),
    read<CurrentReview>(sql`
      select reviews.shop_id as "shopId", reviews.order_id as "orderId", ${ms("reviews.reviewed_at")} as "reviewedAt", reviews.product_stars as "productStars"
      from ${reviews} ${ofShops("reviews")}
      where reviews.org_id = ${orgId}::uuid and ${wanted} and reviews.reviewed_at >= ${from}::timestamptz and reviews.reviewed_at < ${asOf}::timestamptz
        and reviews.product_stars is not null and ${reviewNotExempt}
        and (reviews.shop_id, reviews.order_id) in (
          select d.shop_id, d.order_id from orders d
          where d.org_id = ${orgId}::uuid and d.delivered_at >= ${windowFrom}::timestamptz and d.delivered_at < ${asOf}::timestamptz
            and d.paid_at >= ${from}::timestamptz and d.paid_at < ${asOf}::timestamptz)`),
    read<Omit<CurrentAfterSale, "reasonCategory"> & { reasonCategory: string }>(sql`
      select after_sales.shop_id as "shopId", after_sales.aftersale_id as "aftersaleId", after_sales.order_id as "orderId", after_sales.reason, after_sales.reason_category as "reasonCategory", ${ms("after_sales.applied_at")} as "appliedAt",
        after_sales.exempt, ${ms("after_sales.reviewed_at")} as "reviewedAt", ${ms("after_sales.refunded_at")} as "refundedAt", after_sales.merchant_responsible as "merchantResponsible"
      from ${afterSales} ${ofShops("after_sales")}
      where after_sales.org_id = ${orgId}::uuid and ${wanted} and after_sales.applied_at >= ${from}::timestamptz and after_sales.applied_at < ${asOf}::timestamptz
        and not after_sales.exempt and ${afterSaleNotExempt}`),
    read<CurrentChat>(sql`
      select c.shop_id as "shopId", c.session_id as "sessionId", ${ms("c.started_at")} as "startedAt", c.rating
      from chats c ${ofShops("c")}
      where c.org_id = ${orgId}::uuid and ${wanted} and c.started_at >= ${windowFrom}::timestamptz and c.started_at < ${asOf}::timestamptz`),
    // Two parts, not one OR: the planner charges an OR-ed subquery to every index probe.
    read<ChatTurn>(sql`
      select t.shop_id as "shopId", t.session_id as "sessionId", ${ms("t.asked_at")} as "askedAt", ${ms("t.replied_at")} as "repliedAt", t.replier
      from chat_turns t ${ofShops("t")}
      where t.org_id = ${orgId}::uuid and ${wanted} and t.asked_at >= ${windowFrom}::timestamptz and t.asked_at < ${asOf}::timestamptz and t.replier in ('human', 'none')
      union all
      select t.shop_id, t.session_id, ${ms("t.asked_at")}, ${ms("t.replied_at")}, t.replier
      from chat_turns t join chats c on c.org_id = t.org_id and c.shop_id = t.shop_id and c.session_id = t.session_id ${ofShops("c")}
      where t.org_id = ${orgId}::uuid and ${wanted} and c.started_at >= ${windowFrom}::timestamptz and c.started_at < ${asOf}::timestamptz
        and t.asked_at >= ${from}::timestamptz and t.asked_at < ${windowFrom}::timestamptz and t.replier in ('human', 'none')`),
    read<Waybill>(sql`
      select w.shop_id as "shopId", w.waybill_id as "waybillId", w.order_id as "orderId", ${ms("w.promised_at")} as "promisedAt", ${ms("w.delivered_at")} as "deliveredAt", w.delivered
      from waybills w ${ofShops("w")}
      where w.org_id = ${orgId}::uuid and ${wanted} and w.promised_at >= ${windowFrom}::timestamptz and w.promised_at < ${asOf}::timestamptz`),
    read<HelpRequest>(sql`
      select h.shop_id as "shopId", h.request_id as "requestId", h.order_id as "orderId", ${ms("h.sought_at")} as "soughtAt", h.escalated, ${ms("h.escalated_at")} as "escalatedAt"
      from help_requests h ${ofShops("h")}
      where h.org_id = ${orgId}::uuid and ${wanted} and h.sought_at >= ${from}::timestamptz and h.sought_at < ${asOf}::timestamptz`),
    read<Penalty>(sql`
      select p.shop_id as "shopId", p.penalty_id as "penaltyId", ${ms("p.occurred_at")} as "occurredAt", p.type, p.revoked
      from penalties p ${ofShops("p")}
      where p.org_id = ${orgId}::uuid and ${wanted} and p.occurred_at >= ${windowFrom}::timestamptz and p.occurred_at < ${asOf}::timestamptz`),
    read<ServicePeriod>(sql`
      select v.shop_id as "shopId", v.service, ${ms("v.enabled_at")} as "enabledAt", ${ms("v.disabled_at")} as "disabledAt"
      from shop_services v ${ofShops("v")}
      where v.org_id = ${orgId}::uuid and ${wanted} and v.enabled_at < ${asOf}::timestamptz`),
  ]);
  // Rows come in their facts' shapes (plus the shop id they are sorted by); the reason category is checked like any other.
  const gather = <K extends keyof Gathering>(kind: K, rows: readonly WithShop<Gathering[K][number]>[]) => {
    for (const row of rows) out.get(row.shopId)?.[kind].push(row as never);
  };
  gather("orders", o);
  gather("reviews", r);
  gather("afterSales", a.map((x) => ({ ...x, reasonCategory: parseReasonCategory(x.reasonCategory) })));
  gather("chats", c);
  gather("chatTurns", t);
  gather("waybills", w);
  gather("helpRequests", h);
  gather("penalties", p);
  gather("services", s);
  return out;
}
