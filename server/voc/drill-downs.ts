import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rowsOf } from "@/db/security";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import { QUALITY_RETURN_ALERT_RATE, type HurtIndicator } from "@/lib/contracts/voc";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, shanghaiMidnight, todayInShanghai, type Day } from "@/server/lib/time";
import { parseReasonCategory, type ReasonCategory } from "@/server/scoring";
import { CHAT_FIRST_HOUR, CHAT_LAST_HOUR } from "@/server/scoring/fact-contributions";
import { fivePointRuleSet } from "@/server/scoring/rule-sets";
import { between, shanghaiWallClock, VALID_ORDER, vocEntity, type VocEntity } from "./entity-orders";

const TOP_ROWS = 10;
const PRODUCT_ROWS = 20;

/**
 * Drill-down tables: where each indicator the entity is scored on is lost. Each table works on
 * the indicator's own facts and window as of day D (scoring.md §1, §3): plain counts and means
 * over the window, not recency-weighted, since they rank parts of the entity rather than score it.
 */
type Window = { fromDay: Day; toDay: Day; from: Date; to: Date };

function windowOf(asOfDay: Day, spec: { fromDaysBefore: number; toDaysBefore: number }): Window {
  const fromDay = addDays(asOfDay, -spec.fromDaysBefore);
  const toDay = addDays(asOfDay, -spec.toDaysBefore);
  return { fromDay, toDay, from: shanghaiMidnight(fromDay), to: shanghaiMidnight(addDays(toDay, 1)) };
}

export type Table<Row> = { indicator: HurtIndicator; window: { fromDay: Day; toDay: Day }; rows: Row[] };

export type QualityReturnProduct = { productKey: string | null; productName: string | null; validOrders: number; qualityReturns: number; rate: number };

/**
 * Products whose quality-return rate passes 5%: valid orders paid in the quality-return window,
 * and those whose first counted after-sale (the non-exempt one applied earliest, ties by id, seen
 * before D) has the `quality` category the importer gave its reason (catalog/aftersale-reasons).
 */
async function qualityReturnProducts(tx: Tx, entity: VocEntity, window: Window, visibleBefore: Date): Promise<QualityReturnProduct[]> {
  const rows = rowsOf<{ product_key: string | null; product_name: string | null; valid_orders: number; quality_returns: number }>(
    await tx.execute(sql`
      with valid as (
        select o.shop_id, o.order_id, coalesce(o.product_id, o.product_name) as product_key, o.product_name
          from orders o
         where ${entity.ownOrders} and ${VALID_ORDER} and ${between(sql`o.paid_at`, window)}
      ), first_after_sale as (
        select distinct on (a.shop_id, a.order_id) a.shop_id, a.order_id, a.reason_category
          from after_sales a join valid v on v.shop_id = a.shop_id and v.order_id = a.order_id
         where a.org_id = ${entity.orgId} and not a.exempt and a.applied_at < ${visibleBefore.toISOString()}::timestamptz
         order by a.shop_id, a.order_id, a.applied_at, a.aftersale_id collate "C"
      )
      select v.product_key, min(v.product_name) as product_name, count(*)::int as valid_orders,
             (count(*) filter (where f.reason_category = 'quality'))::int as quality_returns
        from valid v left join first_after_sale f on f.shop_id = v.shop_id and f.order_id = v.order_id
       group by v.product_key`),
  );
  return rows
    .map((r) => ({ productKey: r.product_key, productName: r.product_name, validOrders: r.valid_orders, qualityReturns: r.quality_returns, rate: r.quality_returns / r.valid_orders }))
    .filter((r) => r.rate > QUALITY_RETURN_ALERT_RATE)
    .sort((a, b) => b.rate - a.rate || b.qualityReturns - a.qualityReturns)
    .slice(0, PRODUCT_ROWS);
}

export type SlowDeliveryRow = { name: string | null; orders: number; meanHours: number };

/** Mean hours of the delivery indicator the rule set scores, per province and per carrier, slowest first. */
async function slowDelivery(tx: Tx, entity: VocEntity, window: Window, from: "paid_at" | "picked_up_at") {
  const start = sql.raw(`o.${from}`);
  const byColumn = async (column: "province" | "carrier") => {
    const group = sql.raw(`nullif(btrim(o.${column}), '')`);
    const rows = rowsOf<{ name: string | null; orders: number; mean_hours: number }>(
      await tx.execute(sql`
        select ${group} as name, count(*)::int as orders,
               (avg(extract(epoch from (o.delivered_at - ${start})) / 3600))::float8 as mean_hours
          from orders o
         where ${entity.ownOrders} and ${VALID_ORDER} and o.delivered_at is not null and ${start} is not null
           and ${between(sql`o.delivered_at`, window)}
         group by 1
         order by mean_hours desc, orders desc
         limit ${TOP_ROWS}`),
    );
    return rows.map((r) => ({ name: r.name, orders: r.orders, meanHours: Number(r.mean_hours) }));
  };
  return { byProvince: await byColumn("province"), byCarrier: await byColumn("carrier") };
}

export type AfterSaleReasonRow = { reason: string | null; category: ReasonCategory; count: number; share: number };

/** The commonest after-sale reasons of the window (counted after-sales of valid orders, by applied day). */
async function topAfterSaleReasons(tx: Tx, entity: VocEntity, window: Window): Promise<AfterSaleReasonRow[]> {
  const rows = rowsOf<{ reason: string | null; category: string; count: number; total: number }>(
    await tx.execute(sql`
      select nullif(btrim(a.reason), '') as reason, a.reason_category as category, count(*)::int as count,
             (sum(count(*)) over ())::int as total
        from after_sales a join orders o on o.org_id = a.org_id and o.shop_id = a.shop_id and o.order_id = a.order_id
       where a.org_id = ${entity.orgId} and ${entity.ownOrders} and ${VALID_ORDER} and not a.exempt
         and ${between(sql`a.applied_at`, window)}
       group by 1, 2
       order by count desc, reason`),
  );
  return rows.slice(0, TOP_ROWS).map((r) => ({ reason: r.reason, category: parseReasonCategory(r.category), count: r.count, share: r.count / r.total }));
}

export type ChatHourRow = { hour: number; sessions: number; turns: number; answeredWithin3min: number; lateTurns: number; replyRate: number };

/** Hours of the day (Shanghai) whose customer turns were answered within 3 minutes least often. */
async function worstChatHours(tx: Tx, entity: VocEntity, shopId: string, window: Window): Promise<ChatHourRow[]> {
  const hour = sql`extract(hour from ${shanghaiWallClock(sql`c.started_at`)})::int`;
  const rows = rowsOf<{ hour: number; sessions: number; turns: number; answered: number }>(
    await tx.execute(sql`
      select ${hour} as hour, count(*)::int as sessions, sum(c.customer_turns)::int as turns,
             sum(c.turns_answered_within_3min)::int as answered
        from chats c
       where c.org_id = ${entity.orgId} and c.shop_id = ${shopId} and ${between(sql`c.started_at`, window)}
         and ${hour} between ${CHAT_FIRST_HOUR} and ${CHAT_LAST_HOUR}
       group by 1`),
  );
  return rows
    .filter((r) => r.turns > 0)
    .map((r) => ({ hour: r.hour, sessions: r.sessions, turns: r.turns, answeredWithin3min: r.answered, lateTurns: r.turns - r.answered, replyRate: r.answered / r.turns }))
    .sort((a, b) => a.replyRate - b.replyRate || b.lateTurns - a.lateTurns || a.hour - b.hour)
    .slice(0, TOP_ROWS);
}

export type DrillDowns = {
  asOfDay: Day;
  qualityReturnProducts: (Table<QualityReturnProduct> & { threshold: number }) | null;
  slowDelivery: (Omit<Table<never>, "rows"> & { byProvince: SlowDeliveryRow[]; byCarrier: SlowDeliveryRow[] }) | null;
  afterSaleReasons: Table<AfterSaleReasonRow> | null;
  chatHours: Table<ChatHourRow> | null;
};

/** Every drill-down table the entity's rule set gives a meaning to, as of day D (default: today). */
export async function drillDowns(tx: Tx, scope: OrgScope, input: { kind: ScoredEntityKind; id: string }, asOfDay: Day = todayInShanghai()): Promise<DrillDowns> {
  const entity = await vocEntity(tx, scope, input.kind, input.id);
  const { windows } = fivePointRuleSet(entity.ruleSet);
  const main = windowOf(asOfDay, windows.main);
  const qualityWindow = windowOf(asOfDay, windows.quality_return);
  const visibleBefore = shanghaiMidnight(asOfDay);
  const span = (w: Window) => ({ fromDay: w.fromDay, toDay: w.toDay });

  const qualityReturn = entity.indicator("quality_return_rate");
  // v1 scores paid → delivered (平均物流到货时长); v1.1 picked up → delivered (订单配送时长).
  const paidToDelivered = entity.indicator("avg_delivery_hours");
  const pickedUpToDelivered = entity.indicator("delivery_hours");
  const delivery = paidToDelivered ?? pickedUpToDelivered;
  const chat = entity.indicator("im_3min_reply_rate");

  return {
    asOfDay,
    qualityReturnProducts: qualityReturn
      ? { indicator: qualityReturn, window: span(qualityWindow), threshold: QUALITY_RETURN_ALERT_RATE, rows: await qualityReturnProducts(tx, entity, qualityWindow, visibleBefore) }
      : null,
    slowDelivery: delivery
      ? { indicator: delivery, window: span(main), ...(await slowDelivery(tx, entity, main, paidToDelivered ? "paid_at" : "picked_up_at")) }
      : null,
    afterSaleReasons: qualityReturn ? { indicator: qualityReturn, window: span(main), rows: await topAfterSaleReasons(tx, entity, main) } : null,
    chatHours: chat && entity.shopId ? { indicator: chat, window: span(main), rows: await worstChatHours(tx, entity, entity.shopId, main) } : null,
  };
}
