import { and, isNull, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scoredEntityKinds, SCORED_ENTITY_KINDS, type ScoredEntityKind } from "@/lib/contracts/entities";
import type { PortfolioFilters, PortfolioSortKey, PortfolioView } from "@/lib/contracts/portfolio";
import { visibleEntities } from "@/server/entities/queries";
import { tableOf } from "@/server/entities/tables";
import { containsPattern } from "@/server/lib/search";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, type Day } from "@/server/lib/time";
import type { ThresholdCrossing } from "./risk";
import { bandKeySql, dimensionScoreSql, shownAtLeastSql, shownAtMostSql } from "./score-sql";

/** Days in the sparkline, ending on the row's score day. */
export const SPARKLINE_DAYS = 30;

/** Data whose newest day is more than this many days behind the view day is flagged stale: facts of day D arrive on D+1, so three days is a sync or an import missed twice. */
export const STALE_AFTER_DAYS = 3;

/** The visible, unarchived entities of both kinds, in the columns the portfolio reads. */
function visibleEntitiesSql(tx: Tx, scope: OrgScope): SQL {
  const selects = SCORED_ENTITY_KINDS.map((kind: ScoredEntityKind) => {
    const t = tableOf(kind);
    return tx
      .select({
        kind: sql<string>`${scoredEntityKinds[kind].kind}::text`.as("kind"),
        id: t.id,
        name: t.name,
        alias: t.alias,
        externalId: sql<string>`${t.externalId}`.as("external_id"),
        categoryCode: sql<string>`${t.categoryCode}`.as("category_code"),
        ruleSet: sql<string>`${t.ruleSet}`.as("rule_set"),
        ownerUserId: sql<string>`${t.ownerUserId}`.as("owner_user_id"),
        rollupVersion: sql<number>`${t.rollupVersion}`.as("rollup_version"),
      })
      .from(t)
      .where(and(visibleEntities(kind, scope), isNull(t.archivedAt)));
  });
  return sql.join(
    selects.map((select) => sql`(${select})`),
    sql` union all `,
  );
}

/** Dimension sort keys → dimension codes. */
const sortedDimension = (sort: PortfolioSortKey): string | null => (sort.startsWith("dimension.") ? sort.slice("dimension.".length) : null);

/**
 * The portfolio's working set, one row per visible entity as of the view day: the newest stored
 * score on or before it, the scores 7 and 30 days before that, the newest day of data, the band,
 * risk and whether a rescore is pending. Scores of the view day and 7 and 30 days before are
 * joined on the full primary key with the days as plain values (index bounds, whatever the
 * planner's row estimates); only entities without a score on the view day fall back to a probe
 * for their newest earlier one (a scalar subquery in CASE runs only when its branch is taken).
 */
export function portfolioViewCte(tx: Tx, scope: OrgScope, view: { viewDay: Day; sort: PortfolioSortKey; crossings: readonly ThresholdCrossing[] }): SQL {
  const org = sql`${scope.orgId}::uuid`;
  const day = sql`${view.viewDay}::date`;
  const dimension = sortedDimension(view.sort);
  const dimensionSort = (row: string) =>
    dimension ? dimensionScoreSql(sql.raw(`${row}.result`), sql.raw(`${row}.dimension_scores`), sql.raw(`${row}.rule_set`), dimension) : sql`null::float8`;
  const riskJson = JSON.stringify(view.crossings.map((c) => ({ key: `${c.entityKind}:${c.entityId}`, crossing_day: c.crossingDay, threshold: c.thresholdMinScore })));
  const dayOf = (back: number) => sql`${addDays(view.viewDay, -back)}::date`;
  const sameEntity = (alias: string) => sql.raw(`${alias}.entity_kind = e.kind and ${alias}.entity_id = e.id and ${alias}.rule_set = e.rule_set`);
  /** The stored overall `back` days before an earlier score day (entities not scored on the view day only). */
  const earlierChange = (back: number) => sql`(select x.overall from (
      select p.day, p.overall from score_snapshots p
      where p.org_id = ${org} and p.entity_kind = pick.kind and p.entity_id = pick.id and p.rule_set = pick.rule_set and p.day < (pick.earlier).day
      order by p.day desc limit ${back}::int) x
    where x.day = (pick.earlier).day - ${back}::int)`;
  return sql`
    ent as (${visibleEntitiesSql(tx, scope)}),
    pick as (
      select e.*, d0.day as on_day, d0.state as on_state, d0.valid_orders as on_valid_orders, d0.overall as on_overall,
        d0.rollup_version as on_version, ${dimensionSort("d0")} as on_dimension_sort, d7.overall as on_overall7, d30.overall as on_overall30,
        (case when d0.day is null then (
          select s from score_snapshots s
          where s.org_id = ${org} and ${sameEntity("s")} and s.day < ${day}
          order by s.day desc limit 1) end) as earlier
      from ent e
      left join score_snapshots d0 on d0.org_id = ${org} and ${sameEntity("d0")} and d0.day = ${day}
      left join score_snapshots d7 on d7.org_id = ${org} and ${sameEntity("d7")} and d7.day = ${dayOf(7)}
      left join score_snapshots d30 on d30.org_id = ${org} and ${sameEntity("d30")} and d30.day = ${dayOf(30)}
    ),
    cur as (
      select pick.kind, pick.id, pick.name, pick.alias, pick.external_id, pick.category_code, pick.rule_set, pick.owner_user_id, pick.rollup_version,
        coalesce(pick.on_day, (pick.earlier).day) as score_day,
        coalesce(pick.on_day, (pick.earlier).day) - ${SPARKLINE_DAYS - 1}::int as sparkline_from,
        coalesce(pick.on_state, (pick.earlier).state) as state,
        coalesce(pick.on_valid_orders, (pick.earlier).valid_orders) as valid_orders,
        (case when pick.on_day is not null then pick.on_overall else (pick.earlier).overall end) as overall,
        coalesce(pick.on_version, (pick.earlier).rollup_version) as snapshot_version,
        (case when pick.on_day is not null then pick.on_dimension_sort else ${dimension ? dimensionScoreSql(sql`(pick.earlier).result`, sql`(pick.earlier).dimension_scores`, sql`(pick.earlier).rule_set`, dimension) : sql`null::float8`} end) as dimension_sort,
        (case when pick.on_day is not null then pick.on_overall7 when (pick.earlier).day is not null then ${earlierChange(7)} end) as overall7,
        (case when pick.on_day is not null then pick.on_overall30 when (pick.earlier).day is not null then ${earlierChange(30)} end) as overall30,
        (select r.day from daily_rollups r where r.org_id = ${org} and r.entity_kind = pick.kind and r.entity_id = pick.id
           and r.visible_day <= ${day} order by r.day desc limit 1) as last_data_day,
        risk.crossing_day as risk_day, risk.threshold as risk_threshold,
        (pick.rollup_version > coalesce(pick.on_version, (pick.earlier).rollup_version)
          or exists (select 1 from rollup_dirty d where d.org_id = ${org} and d.entity_kind = pick.kind and d.entity_id = pick.id)) as recalculating
      from pick
      left join json_to_recordset(${riskJson}::json) as risk(key text, crossing_day date, threshold float8)
        on risk.key = pick.kind || ':' || pick.id::text
    ),
    v as (
      select cur.*,
        ${bandKeySql(sql`cur.overall`, sql`cur.rule_set`)} as band,
        cur.overall - cur.overall7 as change7,
        cur.overall - cur.overall30 as change30,
        (cur.last_data_day is null or cur.last_data_day < ${addDays(view.viewDay, -STALE_AFTER_DAYS)}::date) as stale,
        u.name as owner_name
      from cur
      left join memberships m on m.org_id = ${org} and m.user_id = cur.owner_user_id
      left join users u on u.id = m.user_id
    )`;
}

/** The filters and the search as one predicate over `v`. */
export function viewFilterSql(scope: OrgScope, view: PortfolioView): SQL {
  const f: PortfolioFilters = view.filters;
  const parts: SQL[] = [sql`true`];
  if (f.kind) parts.push(sql`v.kind = ${f.kind}`);
  if (f.category) parts.push(sql`v.category_code = ${f.category}`);
  if (f.owner === "none") parts.push(sql`v.owner_name is null`);
  else if (f.owner) parts.push(sql`v.owner_user_id = ${f.owner}::uuid and v.owner_name is not null`);
  if (f.grantee)
    parts.push(sql`v.kind = 'shop' and exists (select 1 from membership_shop_grants g
      where g.org_id = ${scope.orgId}::uuid and g.user_id = ${f.grantee}::uuid and g.shop_id = v.id)`);
  if (f.ruleSet) parts.push(sql`v.rule_set = ${f.ruleSet}`);
  if (f.bands && f.bands.length > 0) parts.push(sql`v.band in (${sql.join(f.bands.map((band) => sql`${band}`), sql`, `)})`);
  if (f.atRisk !== undefined) parts.push(f.atRisk ? sql`v.risk_day is not null` : sql`v.risk_day is null`);
  if (f.scoreMin !== undefined) parts.push(sql`v.overall is not null and ${shownAtLeastSql(sql`v.overall`, sql`v.rule_set`, f.scoreMin)}`);
  if (f.scoreMax !== undefined) parts.push(sql`v.overall is not null and ${shownAtMostSql(sql`v.overall`, sql`v.rule_set`, f.scoreMax)}`);
  if (f.stale !== undefined) parts.push(f.stale ? sql`v.stale` : sql`not v.stale`);
  if (f.insufficient !== undefined) parts.push(f.insufficient ? sql`v.state = 'insufficient_data'` : sql`v.state = 'scored'`);
  if (view.search) {
    const pattern = containsPattern(view.search);
    parts.push(sql`(v.name ilike ${pattern} or v.alias ilike ${pattern} or v.external_id ilike ${pattern})`);
  }
  return sql.join(parts, sql` and `);
}

const SORT_KEYS: Record<PortfolioSortKey, SQL[]> = {
  name: [sql`v.name`],
  kind: [sql`v.kind`],
  alias: [sql`v.alias`],
  owner: [sql`v.owner_name`],
  category: [sql`v.category_code`],
  ruleSet: [sql`v.rule_set`],
  overall: [sql`v.overall`],
  "dimension.product": [sql`v.dimension_sort`],
  "dimension.logistics": [sql`v.dimension_sort`],
  "dimension.service": [sql`v.dimension_sort`],
  change7: [sql`v.change7`],
  change30: [sql`v.change30`],
  risk: [sql`v.risk_day`],
  // Scored before insufficient; among the insufficient, the closest to a score first.
  state: [sql`(case v.state when 'scored' then 0 when 'insufficient_data' then 1 end)`, sql`-v.valid_orders`],
  freshness: [sql`v.last_data_day`],
};

/** The sort, entities without a value last either way, then by name and id so pages never overlap. */
export function viewOrderSql(view: PortfolioView): SQL {
  const direction = view.direction === "desc" ? sql`desc` : sql`asc`;
  const keys = SORT_KEYS[view.sort].map((key) => sql`${key} ${direction} nulls last`);
  return sql.join([...keys, sql`v.name asc`, sql`v.id asc`], sql`, `);
}
