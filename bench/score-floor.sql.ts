/**
 * The floor for scoring one day (issue 15): what the database alone does with the same roll-ups —
 * the ten douyin-shop-v1 indicators of every shop, recency-weighted in float8, then each
 * indicator's peer percentile P = (B + 0.5·T) / N per category (scoring.md §5: values compared at
 * the rule set's decimals; a category cohort under its minimum size falls back to every eligible
 * shop) — in one statement. Windows, half-life, eligibility bar, cohort size and decimals are the
 * rule set's. No explanation, no snapshots: the benchmark checks that it returns the engine's numbers.
 */
import type { RuleSet } from "@/server/scoring/rule-sets";

const ONE_DAY_FLOOR_CODES = ["good_review_rate", "quality_return_rate", "logistics_good_review_rate", "avg_delivery_hours", "service_good_review_rate", "complaint_rate", "dispute_merchant_rate", "im_3min_reply_rate", "refund_only_hours", "return_refund_hours"];

/** The statement for scoring day `day` under `ruleSet` (whose indicators must be the ten it computes). */
export function oneDayFloorSql(day: string, ruleSet: RuleSet): string {
  const codes = ruleSet.dimensions.flatMap((d) => d.indicators.map((i) => i.code)).sort();
  if (codes.join() !== [...ONE_DAY_FLOOR_CODES].sort().join()) throw new Error(`the one-day floor computes other indicators than ${ruleSet.name}'s`);
  const { main, quality_return: quality } = ruleSet.windows;
  const h = ruleSet.halfLifeDays;
  const scale = `1e${ruleSet.comparisonDecimals}`;
  return `
with p as (select '${day}'::date as d),
main as (
  select r.entity_id,
    sum(r.valid_orders) as n_orders,
    sum(w * r.product_good) as product_good, sum(w * r.product_reviews) as product_reviews,
    sum(w * r.logistics_good) as logistics_good, sum(w * r.logistics_reviews) as logistics_reviews,
    sum(w * r.service_good) as service_good, sum(w * r.service_reviews) as service_reviews,
    sum(w * r.delivery_hours_sum) as delivery_hours, sum(w * r.delivered_orders) as delivered,
    sum(w * r.complaints) as complaints, sum(w * r.merchant_disputes) as disputes, sum(w * r.valid_orders) as orders_w,
    sum(w * r.chat_turns_answered) as answered, sum(w * r.chat_turns) as turns,
    sum(w * r.refund_only_hours_sum) as refund_only_hours, sum(w * r.refund_only_completed) as refund_only,
    sum(w * r.return_refund_hours_sum) as return_refund_hours, sum(w * r.return_refund_completed) as return_refund
  from (select r.*, power(0.5::float8, ((select d from p) - ${main.toDaysBefore} - r.day)::float8 / ${h}) as w from daily_rollups r
        where r.entity_kind = 'shop' and r.day between (select d from p) - ${main.fromDaysBefore} and (select d from p) - ${main.toDaysBefore}
          and r.visible_day <= (select d from p)) r
  group by r.entity_id),
quality as (
  select r.entity_id, sum(w * r.quality_returns) as returns, sum(w * r.valid_orders) as orders
  from (select r.*, power(0.5::float8, ((select d from p) - ${quality.toDaysBefore} - r.day)::float8 / ${h}) as w from daily_rollups r
        where r.entity_kind = 'shop' and r.day between (select d from p) - ${quality.fromDaysBefore} and (select d from p) - ${quality.toDaysBefore}
          and r.visible_day <= (select d from p)) r
  group by r.entity_id),
indicators as (
  select s.id, s.category_code,
    unnest(array[${ONE_DAY_FLOOR_CODES.map((c) => `'${c}'`).join(", ")}]) as code,
    unnest(array[m.product_good / nullif(m.product_reviews, 0), q.returns / nullif(q.orders, 0),
                 m.logistics_good / nullif(m.logistics_reviews, 0), m.delivery_hours / nullif(m.delivered, 0),
                 m.service_good / nullif(m.service_reviews, 0), m.complaints / nullif(m.orders_w, 0),
                 m.disputes / nullif(m.orders_w, 0), m.answered / nullif(m.turns, 0),
                 m.refund_only_hours / nullif(m.refund_only, 0), m.return_refund_hours / nullif(m.return_refund, 0)]) as value,
    unnest(array[true, false, true, false, true, false, false, true, false, false]) as higher_is_better
  from shops s join main m on m.entity_id = s.id left join quality q on q.entity_id = s.id
  where m.n_orders >= ${ruleSet.eligibility.minValidOrders}),
present as (
  select i.*, round(value * ${scale}) / ${scale} as compared, case when higher_is_better then round(value * ${scale}) / ${scale} else -round(value * ${scale}) / ${scale} end as goodness
  from indicators i where value is not null),
ranked as (
  select id, category_code, code, value,
    count(*) over (partition by code, category_code) as n_category,
    rank() over (partition by code, category_code order by goodness) - 1 as worse_category,
    count(*) over (partition by code, category_code, compared) as equal_category,
    count(*) over (partition by code) as n_all,
    rank() over (partition by code order by goodness) - 1 as worse_all,
    count(*) over (partition by code, compared) as equal_all
  from present)
select id, code, value,
  case when n_category >= ${ruleSet.cohort.minSize} then (worse_category + 0.5 * equal_category)::float8 / n_category
       else (worse_all + 0.5 * equal_all)::float8 / n_all end as percentile
from ranked`;
}


/** The engine's numbers for the same day, read back from the stored explanations (to check the floor against). */
export const ENGINE_INDICATORS_SQL = `
select s.entity_id as id, i->>'code' as code, (i->>'value')::float8 as value, (i->>'percentile')::float8 as percentile
from score_snapshots s, json_array_elements(s.result->'dimensions') d, json_array_elements(d->'indicators') i
where s.entity_kind = 'shop' and s.day = $1::date and s.state = 'scored' and s.result is not null`;
