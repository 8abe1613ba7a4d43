/**
 * The floor for scoring one day: the same recency-weighted raw indicators of every shop computed
 * in one SQL statement straight from the fact tables, ranked with percent_rank() per category.
 * No explanation, no cache, no snapshots: what a database alone can do.
 */
export const FLOOR_SQL = `
with p as (select $1::date as d),
o as (
  select o.org_id, o.shop_id, o.order_id, o.paid_at, o.delivered_at,
         (o.paid_at at time zone 'Asia/Shanghai')::date as paid_day
  from orders o where o.order_type = 'normal' and o.status is distinct from 'cancelled'),
w as (select o.*, power(0.5, ((select d from p) - 1 - paid_day) / 30.0) as wt from o),
valid as (
  select shop_id, sum(wt) as w_orders, count(*) as n_orders from w
  where paid_day between (select d from p) - 90 and (select d from p) - 1 group by shop_id),
rev as (
  select r.shop_id,
    sum(power(0.5, ((select d from p) - 1 - (r.reviewed_at at time zone 'Asia/Shanghai')::date) / 30.0) * (r.product_stars >= 4)::int)
      / nullif(sum(power(0.5, ((select d from p) - 1 - (r.reviewed_at at time zone 'Asia/Shanghai')::date) / 30.0) * (r.product_stars is not null)::int), 0) as good_review_rate,
    sum(power(0.5, ((select d from p) - 1 - (r.reviewed_at at time zone 'Asia/Shanghai')::date) / 30.0) * (r.logistics_stars >= 4)::int)
      / nullif(sum(power(0.5, ((select d from p) - 1 - (r.reviewed_at at time zone 'Asia/Shanghai')::date) / 30.0) * (r.logistics_stars is not null)::int), 0) as logistics_good_review_rate,
    sum(power(0.5, ((select d from p) - 1 - (r.reviewed_at at time zone 'Asia/Shanghai')::date) / 30.0) * (r.service_stars >= 4)::int)
      / nullif(sum(power(0.5, ((select d from p) - 1 - (r.reviewed_at at time zone 'Asia/Shanghai')::date) / 30.0) * (r.service_stars is not null)::int), 0) as service_good_review_rate
  from reviews r join orders vo on vo.org_id = r.org_id and vo.shop_id = r.shop_id and vo.order_id = r.order_id
    and vo.order_type = 'normal' and vo.status is distinct from 'cancelled'
  where (r.reviewed_at at time zone 'Asia/Shanghai')::date between (select d from p) - 90 and (select d from p) - 1
  group by r.shop_id),
deliv as (
  select shop_id, sum(power(0.5, ((select d from p) - 1 - (delivered_at at time zone 'Asia/Shanghai')::date) / 30.0) * extract(epoch from delivered_at - paid_at) / 3600)
    / nullif(sum(power(0.5, ((select d from p) - 1 - (delivered_at at time zone 'Asia/Shanghai')::date) / 30.0)), 0) as avg_delivery_hours
  from o where delivered_at is not null
    and (delivered_at at time zone 'Asia/Shanghai')::date between (select d from p) - 90 and (select d from p) - 1
  group by shop_id),
qr as (
  select vo.shop_id,
    sum(case when (select a.reason_category = 'quality' and a.applied_at < (select d from p)::timestamp at time zone 'Asia/Shanghai'
                   from after_sales a where a.org_id = vo.org_id and a.shop_id = vo.shop_id and a.order_id = vo.order_id and not a.exempt
                   order by a.applied_at limit 1)
             then power(0.5, ((select d from p) - 15 - (vo.paid_at at time zone 'Asia/Shanghai')::date) / 30.0) else 0 end)
    / nullif(sum(power(0.5, ((select d from p) - 15 - (vo.paid_at at time zone 'Asia/Shanghai')::date) / 30.0)), 0) as quality_return_rate
  from orders vo
  where vo.order_type = 'normal' and vo.status is distinct from 'cancelled'
    and (vo.paid_at at time zone 'Asia/Shanghai')::date between (select d from p) - 104 and (select d from p) - 15
  group by vo.shop_id),
cases as (
  select c.shop_id,
    sum(power(0.5, ((select d from p) - 1 - (c.created_at at time zone 'Asia/Shanghai')::date) / 30.0) * (c.kind = 'complaint')::int) as w_complaints,
    sum(power(0.5, ((select d from p) - 1 - (c.created_at at time zone 'Asia/Shanghai')::date) / 30.0) * (c.kind = 'dispute' and c.merchant_responsible)::int) as w_disputes
  from complaints c join orders vo on vo.org_id = c.org_id and vo.shop_id = c.shop_id and vo.order_id = c.order_id
    and vo.order_type = 'normal' and vo.status is distinct from 'cancelled'
  where (c.created_at at time zone 'Asia/Shanghai')::date between (select d from p) - 90 and (select d from p) - 1
  group by c.shop_id),
chat as (
  select shop_id,
    sum(power(0.5, ((select d from p) - 1 - (started_at at time zone 'Asia/Shanghai')::date) / 30.0) * turns_answered_within_3min)
    / nullif(sum(power(0.5, ((select d from p) - 1 - (started_at at time zone 'Asia/Shanghai')::date) / 30.0) * customer_turns), 0) as im_3min_reply_rate
  from chats
  where (started_at at time zone 'Asia/Shanghai')::date between (select d from p) - 90 and (select d from p) - 1
    and extract(hour from started_at at time zone 'Asia/Shanghai') between 8 and 22
  group by shop_id),
refunds as (
  select shop_id,
    sum(power(0.5, ((select d from p) - 1 - (completed_at at time zone 'Asia/Shanghai')::date) / 30.0) * extract(epoch from completed_at - applied_at) / 3600) filter (where type = 'refund_only')
      / nullif(sum(power(0.5, ((select d from p) - 1 - (completed_at at time zone 'Asia/Shanghai')::date) / 30.0)) filter (where type = 'refund_only'), 0) as refund_only_hours,
    sum(power(0.5, ((select d from p) - 1 - (completed_at at time zone 'Asia/Shanghai')::date) / 30.0) * extract(epoch from completed_at - applied_at) / 3600) filter (where type = 'return_refund')
      / nullif(sum(power(0.5, ((select d from p) - 1 - (completed_at at time zone 'Asia/Shanghai')::date) / 30.0)) filter (where type = 'return_refund'), 0) as return_refund_hours
  from after_sales
  where completed_by = 'merchant' and not exempt and completed_at is not null
    and (completed_at at time zone 'Asia/Shanghai')::date between (select d from p) - 90 and (select d from p) - 1
  group by shop_id),
indicators as (
  select s.id, s.category_code, v.n_orders,
    rev.good_review_rate, rev.logistics_good_review_rate, rev.service_good_review_rate, deliv.avg_delivery_hours,
    qr.quality_return_rate, cases.w_complaints / nullif(v.w_orders, 0) as complaint_rate,
    cases.w_disputes / nullif(v.w_orders, 0) as dispute_merchant_rate, chat.im_3min_reply_rate,
    refunds.refund_only_hours, refunds.return_refund_hours
  from shops s left join valid v on v.shop_id = s.id left join rev on rev.shop_id = s.id left join deliv on deliv.shop_id = s.id
  left join qr on qr.shop_id = s.id left join cases on cases.shop_id = s.id left join chat on chat.shop_id = s.id
  left join refunds on refunds.shop_id = s.id)
select id, category_code,
  percent_rank() over (partition by category_code order by good_review_rate) as p1,
  percent_rank() over (partition by category_code order by logistics_good_review_rate) as p2,
  percent_rank() over (partition by category_code order by service_good_review_rate) as p3,
  percent_rank() over (partition by category_code order by avg_delivery_hours desc) as p4,
  percent_rank() over (partition by category_code order by quality_return_rate desc) as p5,
  percent_rank() over (partition by category_code order by complaint_rate desc) as p6,
  percent_rank() over (partition by category_code order by dispute_merchant_rate desc) as p7,
  percent_rank() over (partition by category_code order by im_3min_reply_rate) as p8,
  percent_rank() over (partition by category_code order by refund_only_hours desc) as p9,
  percent_rank() over (partition by category_code order by return_refund_hours desc) as p10
from indicators where n_orders >= 30`;
