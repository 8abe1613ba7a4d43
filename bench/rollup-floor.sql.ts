/**
 * The floor for building roll-ups from scratch (issue 15): the classification of scoring.md §3
 * (server/scoring/fact-contributions.ts) written as set-based SQL over every fact table at once,
 * summed per (entity, anchor day, visible day) and inserted into a copy of daily_rollups with the
 * same primary key — one statement. Shop roll-ups only (the benchmark has no creator accounts).
 * Days are Asia/Shanghai; a fact first exists for the day after it happened (firstVisibleDay); an
 * order without an on-time pickup counts against the shop from the first day starting 24 h after
 * payment (firstDayStartingAtOrAfter). Hours are float8 (date_part), as the engine's doubles.
 */
const day = (ts: string) => `((${ts}) at time zone 'Asia/Shanghai')::date`;
const hours = (from: string, to: string) => `date_part('epoch', ${to} - ${from}) / 3600`;

export const ROLLUP_COLUMNS = [
  "valid_orders",
  "product_reviews",
  "product_good",
  "logistics_reviews",
  "logistics_good",
  "service_reviews",
  "service_good",
  "quality_returns",
  "delivered_orders",
  "delivery_hours_sum",
  "transit_orders",
  "transit_hours_sum",
  "pickup_due",
  "pickup_on_time",
  "complaints",
  "merchant_disputes",
  "chat_turns",
  "chat_turns_answered",
  "refund_only_completed",
  "refund_only_hours_sum",
  "return_refund_completed",
  "return_refund_hours_sum",
] as const;
type Column = (typeof ROLLUP_COLUMNS)[number];

/** One contribution row: every column 0 but the ones given. */
function contribution(values: Partial<Record<Column, string>>): string {
  return ROLLUP_COLUMNS.map((c) => values[c] ?? (c.endsWith("_sum") ? "0::float8" : "0")).join(", ");
}

export const ROLLUP_FLOOR_SQL = (table: string) => `
insert into ${table} (org_id, entity_kind, entity_id, day, visible_day, ${ROLLUP_COLUMNS.join(", ")})
with valid as (
  select o.org_id, o.shop_id, o.order_id, o.paid_at, o.picked_up_at, o.delivered_at, ${day("o.paid_at")} as paid_day,
    ${day("o.paid_at + interval '24 hours' - interval '1 millisecond'")} + 1 as overdue_from,
    o.picked_up_at is not null and o.picked_up_at <= o.paid_at + interval '24 hours' as on_time
  from orders o where o.order_type = 'normal' and o.status is distinct from 'cancelled'),
counted_after_sales as (
  select a.* from after_sales a join valid v on v.org_id = a.org_id and v.shop_id = a.shop_id and v.order_id = a.order_id),
first_after_sale as (
  select distinct on (org_id, shop_id, order_id) org_id, shop_id, order_id, reason_category, applied_at
  from counted_after_sales where not exempt order by org_id, shop_id, order_id, applied_at, aftersale_id),
contributions as (
  select v.org_id, v.shop_id, c.*
  from valid v left join first_after_sale f on f.org_id = v.org_id and f.shop_id = v.shop_id and f.order_id = v.order_id
  cross join lateral (values
    (v.paid_day, v.paid_day + 1, ${contribution({ valid_orders: "1" })}),
    (case when f.reason_category = 'quality' then v.paid_day end, ${day("f.applied_at")} + 1, ${contribution({ quality_returns: "1" })}),
    (v.paid_day, case when v.on_time then least(${day("v.picked_up_at")} + 1, v.overdue_from) else v.overdue_from end, ${contribution({ pickup_due: "1" })}),
    (case when v.on_time then v.paid_day end, ${day("v.picked_up_at")} + 1, ${contribution({ pickup_on_time: "1" })}),
    (${day("v.delivered_at")}, ${day("v.delivered_at")} + 1, ${contribution({
      delivered_orders: "1",
      delivery_hours_sum: hours("v.paid_at", "v.delivered_at"),
      transit_orders: "(v.picked_up_at is not null)::int",
      transit_hours_sum: `coalesce(${hours("v.picked_up_at", "v.delivered_at")}, 0)`,
    })})
  ) as c(day, visible_day, ${ROLLUP_COLUMNS.join(", ")})
  union all
  select r.org_id, r.shop_id, ${day("r.reviewed_at")}, ${day("r.reviewed_at")} + 1, ${contribution({
    product_reviews: "(r.product_stars is not null)::int",
    product_good: "coalesce(r.product_stars >= 4, false)::int",
    logistics_reviews: "(r.logistics_stars is not null)::int",
    logistics_good: "coalesce(r.logistics_stars >= 4, false)::int",
    service_reviews: "(r.service_stars is not null)::int",
    service_good: "coalesce(r.service_stars >= 4, false)::int",
  })}
  from reviews r join valid v on v.org_id = r.org_id and v.shop_id = r.shop_id and v.order_id = r.order_id
  union all
  select a.org_id, a.shop_id, ${day("a.completed_at")}, ${day("a.completed_at")} + 1, ${contribution({
    refund_only_completed: "(a.type = 'refund_only')::int",
    refund_only_hours_sum: `case when a.type = 'refund_only' then ${hours("a.applied_at", "a.completed_at")} else 0 end`,
    return_refund_completed: "(a.type = 'return_refund')::int",
    return_refund_hours_sum: `case when a.type = 'return_refund' then ${hours("a.applied_at", "a.completed_at")} else 0 end`,
  })}
  from counted_after_sales a
  where not a.exempt and a.completed_by = 'merchant' and a.completed_at is not null and a.type in ('refund_only', 'return_refund')
  union all
  select c.org_id, c.shop_id, ${day("c.created_at")}, ${day("c.created_at")} + 1, ${contribution({
    complaints: "(c.kind = 'complaint')::int",
    merchant_disputes: "(c.kind <> 'complaint' and c.merchant_responsible is true)::int",
  })}
  from complaints c join valid v on v.org_id = c.org_id and v.shop_id = c.shop_id and v.order_id = c.order_id
  union all
  select ch.org_id, ch.shop_id, ${day("ch.started_at")}, ${day("ch.started_at")} + 1, ${contribution({
    chat_turns: "ch.customer_turns",
    chat_turns_answered: "ch.turns_answered_within_3min",
  })}
  from chats ch where extract(hour from ch.started_at at time zone 'Asia/Shanghai') between 8 and 22)
select org_id, 'shop', shop_id, day, visible_day, ${ROLLUP_COLUMNS.map((c) => `sum(${c})`).join(", ")}
from contributions where day is not null and visible_day is not null
group by org_id, shop_id, day, visible_day`;

/**
 * Rows where the floor and the engine disagree (a key on one side only, or any column differing
 * beyond float noise); all-zero rows count as absent on either side.
 */
export const ROLLUP_MISMATCHES_SQL = (table: string) => `
with floor as (select * from ${table} where ${ROLLUP_COLUMNS.map((c) => `${c} <> 0`).join(" or ")}),
engine as (select * from daily_rollups where entity_kind = 'shop' and (${ROLLUP_COLUMNS.map((c) => `${c} <> 0`).join(" or ")}))
select coalesce(f.entity_id, e.entity_id) as entity_id, coalesce(f.day, e.day) as day, coalesce(f.visible_day, e.visible_day) as visible_day
from floor f full join engine e on e.org_id = f.org_id and e.entity_id = f.entity_id and e.day = f.day and e.visible_day = f.visible_day
where f.entity_id is null or e.entity_id is null or ${ROLLUP_COLUMNS.map((c) => `abs(f.${c} - e.${c}) > 1e-9 * greatest(1, abs(e.${c}))`).join(" or ")}
limit 20`;
