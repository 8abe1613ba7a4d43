/**
 * The floor for scoring one day (issue 15): what the database alone does with the same roll-ups —
 * the ten douyin-shop-v1 indicators of every shop, recency-weighted in float8, then each
 * indicator's peer percentile P = (B + 0.5·T) / N per category (scoring.md §5: values compared at
 * the rule set's decimals; a category cohort under its minimum size falls back to every eligible
 * shop) — in one statement. Windows, half-life, eligibility bar, cohort size and decimals are the
 * rule set's. No explanation, no snapshots: the benchmark checks that it returns the engine's numbers.
 */
import type { RuleSet } from "@/server/scoring/rule-sets";
import { assertFloorIndicators, FLOOR_INDICATORS, MAIN_WEIGHTED } from "./floor-indicators";

/** The statement for scoring day `day` under `ruleSet` (whose indicators must be FLOOR_INDICATORS'). */
export function oneDayFloorSql(day: string, ruleSet: RuleSet): string {
  assertFloorIndicators(ruleSet, "one-day");
  const { main, quality_return: quality } = ruleSet.windows;
  const h = ruleSet.halfLifeDays;
  const scale = `1e${ruleSet.comparisonDecimals}`;
  return `
with p as (select '${day}'::date as d),
main as (
  select r.entity_id,
    sum(r.valid_orders) as n_orders,
    ${MAIN_WEIGHTED.map((c) => `sum(w * r.${c}) as w_${c}`).join(", ")}
  from (select r.*, power(0.5::float8, ((select d from p) - ${main.toDaysBefore} - r.day)::float8 / ${h}) as w from daily_rollups r
        where r.entity_kind = 'shop' and r.day between (select d from p) - ${main.fromDaysBefore} and (select d from p) - ${main.toDaysBefore}
          and r.visible_day <= (select d from p)) r
  group by r.entity_id),
quality as (
  select r.entity_id, sum(w * r.quality_returns) as q_returns, sum(w * r.valid_orders) as q_orders
  from (select r.*, power(0.5::float8, ((select d from p) - ${quality.toDaysBefore} - r.day)::float8 / ${h}) as w from daily_rollups r
        where r.entity_kind = 'shop' and r.day between (select d from p) - ${quality.fromDaysBefore} and (select d from p) - ${quality.toDaysBefore}
          and r.visible_day <= (select d from p)) r
  group by r.entity_id),
indicators as (
  select s.id, s.category_code,
    unnest(array[${FLOOR_INDICATORS.map((i) => `'${i.code}'`).join(", ")}]) as code,
    unnest(array[${FLOOR_INDICATORS.map((i) => `${i.numerator} / nullif(${i.denominator}, 0)`).join(", ")}]) as value,
    unnest(array[${FLOOR_INDICATORS.map((i) => i.higherIsBetter).join(", ")}]) as higher_is_better
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
