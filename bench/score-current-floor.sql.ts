/**
 * The floor for scoring one day under douyin-shop-2026-07 (issue 16): what the database alone does
 * with the facts — the nine indicators of every shop as numerator and denominator in float8, by
 * Koubei's reading of scoring-current-rules.md (the as-of rule: nothing at or after D 00:00; valid
 * orders less low-price, 秒退 and abnormal ones; the pickup clock 18:00 → 06:00 and its table; the
 * after-sale clock 23:00 → 08:00; a chat turn unanswered or answered at or after D 00:00 counts
 * 600 s; first after-sale and first rating per order; an order escalates once), then each
 * indicator's percentile P = (B + 0.5·T) / N among formal-stage shops (values compared at 6
 * decimals; a category cohort under 20 falls back to every formal shop) — one statement over the
 * fact tables with the product's keys and indexes, reading what the engine reads (the 30-day window
 * and its 90-day look-back, exempted facts left out). No bands, weights or scores: the benchmark
 * checks it returns the engine's values and percentiles. $2 is the organisation; $AS_OF, $WS and
 * $LF are D 00:00, the window's first instant and the look-back's, written in as constants.
 */
import { addDays, shanghaiMidnight, type Day } from "@/server/lib/time";

const clockStart = (column: string, fromHour: number, toHour: number) => `
  case when (${column} at time zone 'Asia/Shanghai')::time < time '${String(toHour).padStart(2, "0")}:00'
         then (date_trunc('day', ${column} at time zone 'Asia/Shanghai') + interval '${toHour} hours') at time zone 'Asia/Shanghai'
       when (${column} at time zone 'Asia/Shanghai')::time >= time '${fromHour}:00'
         then (date_trunc('day', ${column} at time zone 'Asia/Shanghai') + interval '${24 + toHour} hours') at time zone 'Asia/Shanghai'
       else ${column} end`;
/** Whole milliseconds between two instants as float8 (the engine's epoch-millisecond arithmetic, exactly). */
const msBetween = (from: string, to: string) => `round(date_part('epoch', ${to} - ${from}) * 1000)`;
const FULFILMENT = `array['延迟发货', '发错货', '少件/漏发', '缺货', '物流轨迹超时']`;
const notExempt = (kind: string, alias: string, key: string) =>
  `not exists (select 1 from fact_exemptions fe where fe.org_id = ${alias}.org_id and fe.shop_id = ${alias}.shop_id and fe.fact_kind = '${kind}' and fe.fact_key = ${key})`;

/** Indicator codes in the rule set's order, and whether a higher value is better. */
export const CURRENT_FLOOR_INDICATORS = [
  ["product_rating", true],
  ["quality_return_rate", false],
  ["pickup_time_score", true],
  ["delivery_ontime_rate", true],
  ["fulfilment_return_rate", false],
  ["aftersale_review_hours", false],
  ["chat_response_seconds", false],
  ["chat_dissatisfaction_rate", false],
  ["platform_escalation_rate", false],
] as const;

export const CURRENT_ONE_DAY_FLOOR_SQL = `
with v as (
  select o.shop_id, o.order_id, o.paid_at, o.picked_up_at, o.delivered_at, o.shipment_anomaly
  from orders o
  where o.org_id = $2 and o.paid_at >= $LF and o.paid_at < $AS_OF
    and o.order_type = 'normal' and o.status is distinct from 'cancelled'
    and o.low_price is not true and o.instant_refund is not true and o.abnormal is not true
    and ${notExempt("order", "o", "o.order_id")}),
a as (
  select a.shop_id, a.aftersale_id, a.order_id, a.reason, a.reason_category, a.applied_at, a.reviewed_at, a.refunded_at, a.merchant_responsible
  from after_sales a
  where a.org_id = $2 and a.applied_at >= $LF and a.applied_at < $AS_OF and not a.exempt
    and ${notExempt("after_sale", "a", "a.aftersale_id")}),
fa as (
  select distinct on (shop_id, order_id) shop_id, order_id, reason, reason_category, merchant_responsible
  from a order by shop_id, order_id, applied_at, aftersale_id collate "C"),
fr as (
  select distinct on (r.shop_id, r.order_id) r.shop_id, r.order_id, r.product_stars
  from reviews r join v on v.shop_id = r.shop_id and v.order_id = r.order_id and v.delivered_at >= $WS and v.delivered_at < $AS_OF
  where r.org_id = $2 and r.reviewed_at >= $LF and r.reviewed_at < $AS_OF and r.product_stars is not null
    and ${notExempt("review", "r", `r.order_id || '@' || to_char(r.reviewed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)}
  order by r.shop_id, r.order_id, r.reviewed_at),
per_order as (
  select v.shop_id,
    v.paid_at >= $WS as paid_in,
    v.delivered_at >= $WS and v.delivered_at < $AS_OF as signed,
    fr.product_stars,
    fa.reason_category = 'quality' and (fa.reason is null or fa.reason <> all(${FULFILMENT})) as quality,
    fa.reason = any(${FULFILMENT}) as fault, fa.merchant_responsible,
    case when v.shipment_anomaly is true then 50
         when v.picked_up_at is null or v.picked_up_at >= $AS_OF then case when ${msBetween("c.clock", "$AS_OF")} >= 96 * 3600000 then 50 end
         else case when h.hours <= 24 then 100 when h.hours <= 36 then 90 when h.hours <= 48 then 80 when h.hours <= 72 then 70 when h.hours <= 96 then 60 else 50 end
    end as pickup
  from v
    left join fa on fa.shop_id = v.shop_id and fa.order_id = v.order_id
    left join fr on fr.shop_id = v.shop_id and fr.order_id = v.order_id
    cross join lateral (select ${clockStart("v.paid_at", 18, 6)} as clock) c
    cross join lateral (select greatest(0, ${msBetween("c.clock", "v.picked_up_at")} / 3600000) as hours) h
  where v.paid_at >= $WS or (v.delivered_at >= $WS and v.delivered_at < $AS_OF)),
ord as (
  select shop_id,
    count(*) filter (where paid_in) as valid_paid,
    sum(product_stars) filter (where signed)::float8 as rating_num, count(product_stars) filter (where signed) as rating_den,
    count(*) filter (where signed and quality)::float8 as quality_num, count(*) filter (where signed) as quality_den,
    sum(pickup) filter (where paid_in)::float8 as pickup_num, count(pickup) filter (where paid_in) as pickup_den,
    count(*) filter (where paid_in and fault and merchant_responsible)::float8 as fault_num,
    count(*) filter (where paid_in and not (fault is true and merchant_responsible is null)) as fault_den
  from per_order group by shop_id),
wb as (
  select w.shop_id, count(*) filter (where w.delivered_at < $AS_OF and w.delivered_at <= w.promised_at)::float8 as num, count(*) as den
  from waybills w join v on v.shop_id = w.shop_id and v.order_id = w.order_id
  where w.org_id = $2 and w.promised_at >= $WS and w.promised_at < $AS_OF and (w.delivered_at is not null or w.delivered = false)
  group by w.shop_id),
rv as (
  select a.shop_id, sum(greatest(0, ${msBetween(clockStart("a.applied_at", 23, 8), "a.reviewed_at")} / 3600000)) as num, count(*) as den
  from a join v on v.shop_id = a.shop_id and v.order_id = a.order_id
  where a.refunded_at >= $WS and a.refunded_at < $AS_OF and a.reviewed_at < $AS_OF
  group by a.shop_id),
ch as (
  select c.shop_id, c.session_id, c.started_at, c.rating from chats c
  where c.org_id = $2 and c.started_at >= $WS and c.started_at < $AS_OF),
unhappy as (
  select shop_id, count(*) filter (where rating <= 3)::float8 as num, count(rating) as den from ch group by shop_id),
resp as (
  select t.shop_id, sum(case when t.replier = 'human' and t.replied_at < $AS_OF then ${msBetween("t.asked_at", "t.replied_at")} / 1000 else 600 end) as num, count(*) as den
  from chat_turns t join ch on ch.shop_id = t.shop_id and ch.session_id = t.session_id
  where t.org_id = $2 and t.asked_at >= $LF and t.asked_at < $AS_OF and t.replier in ('human', 'none')
    and extract(hour from ch.started_at at time zone 'Asia/Shanghai') between 8 and 22
  group by t.shop_id),
esc as (
  select x.shop_id, count(*) filter (where x.escalated)::float8 as num, count(*) as den
  from (
    select h.shop_id, min(h.sought_at) as first,
      bool_or(case when h.escalated_at is not null then h.escalated_at < $AS_OF else h.escalated is true end) as escalated,
      bool_or(h.escalated_at is null and h.escalated is null) as unknown
    from help_requests h join v on v.shop_id = h.shop_id and v.order_id = h.order_id
    where h.org_id = $2 and h.sought_at >= $LF and h.sought_at < $AS_OF
    group by h.shop_id, h.order_id) x
  where x.first >= $WS and (x.escalated or not x.unknown)
  group by x.shop_id),
indicators as (
  select s.id, s.category_code, coalesce(ord.valid_paid, 0) >= 30 as formal,
    unnest(array[${CURRENT_FLOOR_INDICATORS.map(([code]) => `'${code}'`).join(", ")}]) as code,
    unnest(array[ord.rating_num, ord.quality_num, ord.pickup_num, wb.num, ord.fault_num, rv.num, resp.num, unhappy.num, esc.num]) as numerator,
    unnest(array[ord.rating_den, ord.quality_den, ord.pickup_den, wb.den, ord.fault_den, rv.den, resp.den, unhappy.den, esc.den]) as denominator,
    unnest(array[${CURRENT_FLOOR_INDICATORS.map(([, higher]) => String(higher)).join(", ")}]) as higher_is_better
  from shops s
    left join ord on ord.shop_id = s.id left join wb on wb.shop_id = s.id left join rv on rv.shop_id = s.id
    left join resp on resp.shop_id = s.id left join unhappy on unhappy.shop_id = s.id left join esc on esc.shop_id = s.id
  where s.org_id = $2 and s.archived_at is null),
valued as (
  select i.*, i.numerator / nullif(i.denominator, 0) as value from indicators i),
present as (
  select v.*, round(value * 1e6) / 1e6 as compared, case when higher_is_better then round(value * 1e6) / 1e6 else -round(value * 1e6) / 1e6 end as goodness
  from valued v where formal and value is not null),
ranked as (
  select id, code,
    count(*) over (partition by code, category_code) as n_category,
    rank() over (partition by code, category_code order by goodness) - 1 as worse_category,
    count(*) over (partition by code, category_code, compared) as equal_category,
    count(*) over (partition by code) as n_all,
    rank() over (partition by code order by goodness) - 1 as worse_all,
    count(*) over (partition by code, compared) as equal_all
  from present)
select v.id, v.code, v.formal, v.numerator, v.denominator::float8 as denominator, v.value,
  case when r.n_category >= 20 then (r.worse_category + 0.5 * r.equal_category)::float8 / r.n_category
       when r.id is not null then (r.worse_all + 0.5 * r.equal_all)::float8 / r.n_all end as percentile
from valued v left join ranked r on r.id = v.id and r.code = v.code`;

/** The statement for day D and an organisation, the window's bounds written in as instants (D 00:00, D−30 and D−120 Asia/Shanghai). */
export function currentFloorSql(day: Day, orgId: string): string {
  const at = (days: number) => `'${shanghaiMidnight(addDays(day, -days)).toISOString()}'::timestamptz`;
  return CURRENT_ONE_DAY_FLOOR_SQL.replaceAll("$AS_OF", at(0)).replaceAll("$WS", at(30)).replaceAll("$LF", at(120)).replaceAll("$2", `'${orgId}'::uuid`);
}
