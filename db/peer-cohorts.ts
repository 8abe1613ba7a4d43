import { sql } from "drizzle-orm";
import type { Db } from "./client";

export const DEFAULT_PEER_MIN_ORGS = 5;

/**
 * KOUBEI_PEER_MIN_ORGS: how many distinct OTHER organisations must have entities in a cohort
 * before any of them joins it (scoring.md §5, ADR 0009). 1 lets every benchmarking
 * organisation's entities count, as in a group of organisations that trust each other.
 */
export function peerMinOrganisations(env: Record<string, string | undefined> = process.env): number {
  const raw = env.KOUBEI_PEER_MIN_ORGS?.trim();
  if (!raw) return DEFAULT_PEER_MIN_ORGS;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 1_000_000) {
    throw new Error(`KOUBEI_PEER_MIN_ORGS must be a whole number of organisations, at least 1 (got "${raw}")`);
  }
  return Number(raw);
}

/**
 * The deployment's threshold lives in the database, as a function only the schema owner can
 * replace, so that no caller of koubei_peer_values can pass a smaller one. Applied with the
 * security setup at every start (server and CLI), from their environment.
 */
export async function applyPeerMinOrganisations(db: Db, minOrgs: number): Promise<void> {
  if (!Number.isInteger(minOrgs) || minOrgs < 1) throw new RangeError(`peer minimum must be a whole number ≥ 1, got ${minOrgs}`);
  await db.execute(
    sql.raw(`create or replace function koubei_peer_min_orgs() returns int language sql immutable as $$ select ${minOrgs} $$`),
  );
}

/**
 * The privacy rule's masking, one text for both reads below. From a `peer` CTE of other
 * organisations' rows (rid, org_id, category_code, vals), `masked` gives each row's values, null
 * where fewer than koubei_peer_min_orgs() other organisations hold the indicator at all, and per
 * value the organisations sharing its category cohort (0: too few, the value ranks only in the
 * all-categories cohort) and its pool.
 */
const MASKED_CELLS = `cell as (
  select p.rid, p.org_id, p.category_code, x.pos,
         case when x.val in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8) then null else x.val end as val
  from peer p cross join lateral unnest(p.vals) with ordinality as x(val, pos)
), by_category as (
  select c.category_code, c.pos, count(distinct c.org_id)::int as orgs from cell c where c.val is not null group by 1, 2
), by_position as (
  select c.pos, count(distinct c.org_id)::int as orgs from cell c where c.val is not null group by 1
), masked as (
  select c.rid,
         array_agg(case when bp.orgs >= koubei_peer_min_orgs() then c.val end order by c.pos) as vals,
         array_agg(case when bp.orgs >= koubei_peer_min_orgs() and bc.orgs >= koubei_peer_min_orgs() then bc.orgs else 0 end order by c.pos) as category_orgs,
         array_agg(case when bp.orgs >= koubei_peer_min_orgs() then bp.orgs else 0 end order by c.pos) as pool_orgs
  from cell c
  left join by_category bc on bc.category_code = c.category_code and bc.pos = c.pos
  left join by_position bp on bp.pos = c.pos
  group by c.rid`;

/**
 * The one read of other organisations' indicator values. Private by construction (scoring.md §5):
 * - nothing for an organisation that does not take part in benchmarking, and demo organisations
 *   only meet demo organisations;
 * - only entities eligible under `p_min_valid_orders` are returned and counted, so the counts
 *   describe exactly the rows a cohort can hold;
 * - a value keeps its place in its category's cohort (`category_orgs` > 0) only when at least
 *   koubei_peer_min_orgs() other organisations hold that indicator in that category, and is
 *   returned at all only when as many hold it in some category (`pool_orgs`, the all-categories
 *   cohort); the same per entity for the "beats" cohorts;
 * - no organisation or entity identity: a category, an order count, values and the counts.
 */
export const PEER_VALUES_SQL = `
drop function if exists koubei_peer_values(text, date);

create or replace function koubei_peer_values(p_kind text, p_day date, p_min_valid_orders int)
returns table(category_code text, valid_orders int, vals double precision[], category_orgs int[], pool_orgs int[],
              beats_category_orgs int, beats_pool_orgs int)
language sql stable security definer set search_path = public as
$$
with asker as (
  select o.demo from organisations o where o.org_id = koubei_current_org() and o.benchmarking
), peer as (
  select row_number() over () as rid, v.org_id, v.category_code, v.valid_orders, v."values" as vals
  from indicator_values v
  join organisations o on o.org_id = v.org_id and o.benchmarking
  join asker a on a.demo = o.demo
  left join shops s on v.entity_kind = 'shop' and s.org_id = v.org_id and s.id = v.entity_id
  left join creators c on v.entity_kind = 'creator' and c.org_id = v.org_id and c.id = v.entity_id
  where v.entity_kind = p_kind and v.day = p_day and v.valid_orders >= greatest(p_min_valid_orders, 0)
    and v.org_id <> koubei_current_org()
    and coalesce(s.archived_at, c.archived_at) is null
), ${MASKED_CELLS}), entity_category as (
  select p.category_code, count(distinct p.org_id)::int as orgs from peer p group by 1
), entity_pool as (
  select count(distinct p.org_id)::int as orgs from peer p
)
select p.category_code, p.valid_orders, m.vals, m.category_orgs, m.pool_orgs,
       case when ec.orgs >= koubei_peer_min_orgs() then ec.orgs else 0 end, ep.orgs
from peer p
join masked m on m.rid = p.rid
join entity_category ec on ec.category_code = p.category_code
cross join entity_pool ep
where ep.orgs >= koubei_peer_min_orgs()
$$;
`;

/**
 * koubei_peer_values for the 100-point and SPS rule sets (server/scoring/current): the same
 * privacy rule over current_indicator_values, for one rule set and day. Only eligible (formal
 * stage) shops, which are all a cohort holds; no organisation or shop identity.
 */
export const CURRENT_PEER_VALUES_SQL = `
create or replace function koubei_current_peer_values(p_rule_set text, p_day date)
returns table(category_code text, vals double precision[], category_orgs int[])
language sql stable security definer set search_path = public as
$$
with asker as (
  select o.demo from organisations o where o.org_id = koubei_current_org() and o.benchmarking
), peer as (
  select row_number() over () as rid, v.org_id, v.category_code, v."values" as vals
  from current_indicator_values v
  join organisations o on o.org_id = v.org_id and o.benchmarking
  join asker a on a.demo = o.demo
  join shops s on s.org_id = v.org_id and s.id = v.shop_id and s.archived_at is null
  where v.rule_set = p_rule_set and v.day = p_day and v.eligible and v.org_id <> koubei_current_org()
), ${MASKED_CELLS})
select p.category_code, m.vals, m.category_orgs
from peer p
join masked m on m.rid = p.rid
$$;
`;
