/**
 * The floor for a history (issue 15, (c)): what the database alone does to store the ten
 * douyin-shop-v1 indicators and their per-category percentiles of every shop for every day of a
 * range, from the same roll-ups, in one statement per range of days (the benchmark runs two side by
 * side, bench/lib/history-floor.ts), into a table with score_snapshots' key.
 *
 * A day's window is not summed again for every day. Each roll-up row enters a window on one day
 * (the later of the first day whose window holds its anchor day and the day it became visible) and
 * leaves it after the last, so every (entity, day) gets its sums as a running total of those entries
 * and exits. A weight 2^(−age/H) factors into 2^(anchor/H) · 2^(−day/H), and the second factor
 * cancels in every indicator (each is a ratio of two sums over the same window), so entries carry
 * 2^(anchor/H) alone. Windows, H, the eligibility bar, the cohort size and the comparison's
 * decimals are the rule set's (scoring.md §1–§5). Denominators are also counted as whole numbers, which a running total keeps exact: an
 * indicator is missing when its count is zero, not when floating-point sums cancel to near zero.
 *
 * Percentiles as scoring.md §5 says (values compared at the rule set's decimals, P = (B + 0.5·T) / N, a
 * category cohort under its minimum size falls back to every eligible shop), with window functions over each
 * day's cohort on one narrow row per (shop, day, indicator). B + 0.5·T is computed as
 * (rank − 1 + the count up to and with the value's ties) / 2, which rounds to the same double.
 * Only summaries, no dimension scores: a floor that does less than the engine can only be faster.
 * The benchmark checks its values against the engine's stored summaries.
 */
import type { RuleSet } from "@/server/scoring/rule-sets";
import { assertFloorIndicators, FLOOR_INDICATORS, MAIN_WEIGHTED } from "./floor-indicators";

export const HISTORY_FLOOR_TABLE = "bench_history";

/** Main-window counts (whole numbers) that tell a missing value. */
const MAIN_COUNTS = ["product_reviews", "logistics_reviews", "service_reviews", "delivered_orders", "chat_turns", "refund_only_completed", "return_refund_completed"];

export const CREATE_HISTORY_FLOOR_TABLE = `create table ${HISTORY_FLOOR_TABLE} (
  org_id uuid not null, entity_kind text not null, entity_id uuid not null, rule_set text not null, day date not null,
  state text not null, valid_orders integer not null, indicator_values float8[] not null, indicator_percentiles float8[] not null,
  primary key (org_id, entity_kind, entity_id, rule_set, day))`;

/**
 * One statement: every shop of the tenant, every day from `from` to `to`, stored in
 * HISTORY_FLOOR_TABLE, under `ruleSet` (whose indicators must be FLOOR_INDICATORS').
 */
export function historyFloorSql(from: string, to: string, ruleSet: RuleSet): string {
  assertFloorIndicators(ruleSet, "history");
  const f = `'${from}'::date`;
  const t = `'${to}'::date`;
  const { main, quality_return: quality } = ruleSet.windows;
  const h = ruleSet.halfLifeDays;
  const minValidOrders = ruleSet.eligibility.minValidOrders;
  const scale = `1e${ruleSet.comparisonDecimals}`;
  const mainEntry = `greatest(r.day + ${main.toDaysBefore}, r.visible_day)`;
  const mainExit = `r.day + ${main.fromDaysBefore + 1}`;
  const qualityEntry = `greatest(r.day + ${quality.toDaysBefore}, r.visible_day)`;
  const qualityExit = `r.day + ${quality.fromDaysBefore + 1}`;
  // Each roll-up row as up to four events: into and out of the main window, into and out of the quality-return window.
  const eventColumns = [
    `e.m * r.valid_orders as n_orders`,
    ...MAIN_COUNTS.map((c) => `e.m * r.${c} as n_${c}`),
    ...MAIN_WEIGHTED.map((c) => `e.m * k * r.${c} as w_${c}`),
    `e.q * k * r.quality_returns as q_returns`,
    `e.q * k * r.valid_orders as q_orders`,
    `e.q * r.valid_orders as n_q_orders`,
  ];
  const summed = ["n_orders", ...MAIN_COUNTS.map((c) => `n_${c}`), ...MAIN_WEIGHTED.map((c) => `w_${c}`), "q_returns", "q_orders", "n_q_orders"];
  const values = FLOOR_INDICATORS.map((i, k) => `case when ${i.count} > 0 then ${i.numerator} / ${i.denominator} end as v${k}`);
  const goodness = FLOOR_INDICATORS.map(
    (i, k) => `case when n_orders >= ${minValidOrders} and v${k} is not null then ${i.higherIsBetter ? "" : "-"}round(v${k} * ${scale}) / ${scale} end as g${k}`,
  );
  const positions = FLOOR_INDICATORS.map((_, k) => k);
  return `
insert into ${HISTORY_FLOOR_TABLE} (org_id, entity_kind, entity_id, rule_set, day, state, valid_orders, indicator_values, indicator_percentiles)
with events as (
  select r.entity_id, greatest(e.d, ${f}) as day, ${eventColumns.join(", ")}
  from daily_rollups r
  cross join lateral (select power(2::float8, (r.day - ${f})::float8 / ${h})) as w(k)
  cross join lateral (values (${mainEntry}, 1::float8, 0::float8), (${mainExit}, -1, 0), (${qualityEntry}, 0, 1), (${qualityExit}, 0, -1)) as e(d, m, q)
  where r.entity_kind = 'shop' and r.day between ${f} - ${Math.max(main.fromDaysBefore, quality.fromDaysBefore)} and ${t} - ${Math.min(main.toDaysBefore, quality.toDaysBefore)} and e.d <= ${t}
    and case when e.m <> 0 then ${mainEntry} < ${mainExit} and ${mainExit} > ${f} else ${qualityEntry} < ${qualityExit} and ${qualityExit} > ${f} end),
changes as (
  select entity_id, day, ${summed.map((c) => `sum(${c}) as ${c}`).join(", ")} from events group by entity_id, day),
totals as (
  select s.id as entity_id, s.org_id, s.category_code, g.day::date as day, ${summed.map((c) => `coalesce(sum(c.${c}) over running, 0) as ${c}`).join(", ")}
  from shops s
  cross join generate_series(${f}, ${t}, interval '1 day') as g(day)
  left join changes c on c.entity_id = s.id and c.day = g.day::date
  window running as (partition by s.id order by g.day rows unbounded preceding)),
valued as (select entity_id, org_id, category_code, day, n_orders, ${values.join(", ")} from totals),
graded as materialized (select *, ${goodness.join(", ")} from valued),
graded_long as (
  select entity_id, day, category_code, u.k, u.g
  from graded cross join lateral unnest(array[${positions.map((k) => `g${k}`).join(", ")}], array[${positions.join(", ")}]) as u(g, k)
  where u.g is not null),
cohort_sizes as (
  select day, category_code, array[${positions.map((k) => `count(g${k})`).join(", ")}] as n from graded group by day, category_code),
day_sizes as (
  select day, array[${positions.map((k) => `sum(n[${k + 1}])`).join(", ")}] as n from cohort_sizes group by day),
ranked as (
  select l.entity_id, l.day, l.k,
    case when c.n[l.k + 1] >= ${ruleSet.cohort.minSize}
      then ((rank() over category) - 1 + count(*) over category)::float8 / (2 * c.n[l.k + 1])
      else ((rank() over everyone) - 1 + count(*) over everyone)::float8 / (2 * d.n[l.k + 1]) end as p
  from graded_long l join cohort_sizes c on c.day = l.day and c.category_code = l.category_code join day_sizes d on d.day = l.day
  window category as (partition by l.day, l.k, l.category_code order by l.g), everyone as (partition by l.day, l.k order by l.g)),
percentiles as (
  select entity_id, day, array[${positions.map((k) => `max(p) filter (where k = ${k})`).join(", ")}] as p
  from ranked group by entity_id, day)
select g.org_id, 'shop', g.entity_id, '${ruleSet.name}', g.day, case when g.n_orders >= ${minValidOrders} then 'scored' else 'insufficient_data' end, g.n_orders::int,
  array[${positions.map((k) => `g.v${k}`).join(", ")}],
  coalesce(p.p, array_fill(null::float8, array[${positions.length}]))
from graded g left join percentiles p on p.entity_id = g.entity_id and p.day = g.day`;
}
