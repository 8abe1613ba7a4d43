import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rowsOf } from "@/db/security";
import type { PickupQueueRow, PickupScoreCost } from "@/lib/contracts/queues";
import type { OrgScope } from "@/server/lib/scope";
import { todayInShanghai, type Day } from "@/server/lib/time";
import { pickupLateAt, pickupOverdueFrom } from "@/server/scoring/fact-contributions";
import { listIndicatorFacts } from "@/server/scoring/indicator-facts";
import { findRuleSet, fivePointRuleSet, valueParamsOf } from "@/server/scoring/rule-sets";
import { loadShopFacts } from "@/server/scoring/store/load-facts";
import { ORDER_SHOP_JOIN, queueOrders, VALID_ORDER, type QueueFilter } from "./scope";

/** Paid orders older than this are not "at risk" any more: they are lost, or their pickup was never exported. */
export const PICKUP_LOOKBACK_DAYS = 7;
const QUEUE_LIMIT = 500;
const PICKUP_INDICATOR = "pickup_24h_rate";

type Row = { shop_id: string; shop_name: string; rule_set: string; order_id: string; product_name: string | null; paid_ms: number };

/** Only a 5-point rule set with 24小时揽收率 prices a late pickup; the current rules score pickup per order. */
const scoresPickup = (ruleSetName: string) =>
  findRuleSet(ruleSetName)?.dimensions.some((d) => d.indicators.some((i) => i.code === PICKUP_INDICATOR)) ?? false;

/**
 * Pickup at risk: valid paid orders neither picked up nor delivered, paid within the last
 * PICKUP_LOOKBACK_DAYS, least time left first (the 24 h clock of scoring.md §3 v1.1, the same
 * pickupLateAt the engine uses). Overdue orders of shops whose rule set scores 24 h pickup carry
 * their score cost (pickupCosts).
 */
export async function pickupQueue(tx: Tx, scope: OrgScope, filter: QueueFilter, now = new Date()): Promise<PickupQueueRow[]> {
  const where = await queueOrders(tx, scope, filter);
  const since = new Date(now.getTime() - PICKUP_LOOKBACK_DAYS * 86_400_000);
  const rows = rowsOf<Row>(
    await tx.execute(sql`
      select o.shop_id, s.name as shop_name, s.rule_set, o.order_id, o.product_name,
             (extract(epoch from o.paid_at) * 1000)::float8 as paid_ms
        from orders o ${ORDER_SHOP_JOIN}
       where ${where} and ${VALID_ORDER} and o.picked_up_at is null and o.delivered_at is null
         and o.paid_at > ${since.toISOString()}::timestamptz and o.paid_at <= ${now.toISOString()}::timestamptz
       order by o.paid_at, o.shop_id, o.order_id
       limit ${QUEUE_LIMIT}`),
  );
  const queue = rows.map((row): PickupQueueRow => {
    const paidAt = new Date(Number(row.paid_ms));
    const lateAt = pickupLateAt(paidAt);
    return {
      shopId: row.shop_id,
      shopName: row.shop_name,
      orderId: row.order_id,
      productName: row.product_name,
      paidAt: paidAt.toISOString(),
      lateAt: lateAt.toISOString(),
      msLeft: lateAt.getTime() - now.getTime(),
      countsFromDay: pickupOverdueFrom(paidAt),
      scored: scoresPickup(row.rule_set),
      cost: null,
    };
  });
  const ruleSetOf = new Map(rows.map((r) => [r.shop_id, r.rule_set]));
  const overdueShops = new Set(queue.filter((r) => r.msLeft <= 0 && r.scored).map((r) => r.shopId));
  for (const shopId of overdueShops) {
    const costs = await pickupCosts(tx, scope.orgId, shopId, ruleSetOf.get(shopId) ?? "", queue.filter((r) => r.shopId === shopId && r.msLeft <= 0), todayInShanghai(now));
    for (const row of queue) if (row.shopId === shopId) row.cost = costs.get(row.orderId) ?? null;
  }
  return queue;
}

/**
 * What each overdue pickup weighs, from the drill-down's own listing (listIndicatorFacts): on the
 * first scoring day it counts against the shop (today if it already does), its recency weight,
 * the day it leaves the window, and its share of 24小时揽收率's weighted denominator — the rate
 * an on-time pickup would have kept (rate = Σw·on-time / Σw·due, so one due order moves it by w / Σw·due).
 */
export async function pickupCosts(tx: Tx, orgId: string, shopId: string, ruleSetName: string, overdue: readonly PickupQueueRow[], today: Day): Promise<Map<string, PickupScoreCost>> {
  const costs = new Map<string, PickupScoreCost>();
  if (overdue.length === 0) return costs;
  const facts = await loadShopFacts(tx, orgId, shopId);
  const params = valueParamsOf(fivePointRuleSet(ruleSetName));
  const days = new Set(overdue.map((r) => costDay(r, today)));
  for (const day of days) {
    const lines = listIndicatorFacts(facts, PICKUP_INDICATOR, day, params);
    const denominator = lines.reduce((sum, line) => sum + line.denominator, 0);
    if (denominator === 0) continue;
    const wanted = new Set(overdue.filter((r) => costDay(r, today) === day).map((r) => r.orderId));
    for (const line of lines) {
      if (line.fact.kind !== "order" || !wanted.has(line.fact.order.orderId)) continue;
      costs.set(line.fact.order.orderId, { day, weight: line.weight, rateShare: line.denominator / denominator, leavesWindowOn: line.leavesWindowOn });
    }
  }
  return costs;
}

/** The scoring day an overdue pickup is priced on: the first it counts, or today when it already does. */
const costDay = (row: Pick<PickupQueueRow, "countsFromDay">, today: Day): Day => (row.countsFromDay > today ? row.countsFromDay : today);
