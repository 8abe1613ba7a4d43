import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rowsOf } from "@/db/security";
import type { PortfolioView } from "@/lib/contracts/portfolio";
import type { OrgScope } from "@/server/lib/scope";
import type { Day } from "@/server/lib/time";
import type { ThresholdCrossing } from "./risk";
import { portfolioViewCte, viewFilterSql, viewOrderSql } from "./view-sql";
export { SPARKLINE_DAYS } from "./view-sql";

/** Biggest movers shown each way. */
export const MOVERS = 3;

/** A page row as the database returns it (json: numbers and days as JSON values). */
export type RawPortfolioRow = {
  kind: "shop" | "creator";
  id: string;
  name: string;
  alias: string | null;
  external_id: string;
  category_code: string;
  category_zh: string | null;
  category_en: string | null;
  rule_set: string;
  owner_user_id: string | null;
  owner_name: string | null;
  score_day: string | null;
  state: "scored" | "insufficient_data" | null;
  valid_orders: number | null;
  overall: number | null;
  overall7: number | null;
  overall30: number | null;
  risk_day: string | null;
  risk_threshold: number | null;
  stale: boolean;
  recalculating: boolean;
  dimensions: { code: string; score: number | null }[] | null;
  dimensions_packed: string | null;
  sparkline: [string, number | null][] | null;
  fresh_orders: string | null;
  fresh_reviews: string | null;
  fresh_after_sales: string | null;
  fresh_complaints: string | null;
  fresh_chats: string | null;
  grantees: { userId: string; name: string }[] | null;
};

export type RawMover = { kind: "shop" | "creator"; id: string; name: string; rule_set: string; overall: number; overall7: number };

export type RawPortfolioPage = {
  total: number;
  bands: Record<string, number> | null;
  unscored: number;
  at_risk: number;
  stale: number;
  recalculating: boolean;
  movers_up: RawMover[];
  movers_down: RawMover[];
  rows: RawPortfolioRow[];
};

/** The details only a shown row needs: sparkline, dimensions, data freshness per kind, grants, category names. */
function rowDetailsSql(scope: OrgScope): SQL {
  const org = sql`${scope.orgId}::uuid`;
  return sql`
    cat.name_zh as category_zh, cat.name_en as category_en,
    (select json_agg(json_build_array(s.day, s.overall) order by s.day) from score_snapshots s
      where s.org_id = ${org} and s.entity_kind = v.kind and s.entity_id = v.id and s.rule_set = v.rule_set
        and s.day between v.sparkline_from and v.score_day) as sparkline,
    (select json_agg(json_build_object('code', d->>'code', 'score', (d->>'score')::float8)) from json_array_elements(snap.result->'dimensions') d) as dimensions,
    encode(snap.dimension_scores, 'hex') as dimensions_packed,
    fresh.orders as fresh_orders, fresh.reviews as fresh_reviews, fresh.after_sales as fresh_after_sales,
    fresh.complaints as fresh_complaints, fresh.chats as fresh_chats,
    (select json_agg(json_build_object('userId', g.user_id, 'name', gu.name) order by gu.name) from membership_shop_grants g
      join users gu on gu.id = g.user_id
      where v.kind = 'shop' and g.org_id = ${org} and g.shop_id = v.id) as grantees`;
}

function rowDetailJoinsSql(scope: OrgScope, viewDay: Day): SQL {
  const org = sql`${scope.orgId}::uuid`;
  return sql`
    left join categories cat on cat.code = v.category_code
    left join score_snapshots snap on snap.org_id = ${org} and snap.entity_kind = v.kind and snap.entity_id = v.id
      and snap.rule_set = v.rule_set and snap.day = v.score_day
    left join lateral (
      select max(r.day) filter (where r.valid_orders > 0) as orders,
        max(r.day) filter (where r.product_reviews + r.logistics_reviews + r.service_reviews > 0) as reviews,
        max(r.day) filter (where r.quality_returns + r.refund_only_completed + r.return_refund_completed > 0) as after_sales,
        max(r.day) filter (where r.complaints + r.merchant_disputes > 0) as complaints,
        max(r.day) filter (where r.chat_turns > 0) as chats
      from daily_rollups r
      where r.org_id = ${org} and r.entity_kind = v.kind and r.entity_id = v.id and r.visible_day <= ${viewDay}::date
    ) fresh on true`;
}

/**
 * One statement for a portfolio page: the filtered count, the tiles over the whole portfolio as of
 * the view day, and the page's rows with their details, so a view costs one round trip.
 */
export async function selectPortfolioPage(tx: Tx, scope: OrgScope, view: PortfolioView, options: PageOptions): Promise<RawPortfolioPage> {
  await withoutJit(tx);
  const [result] = rowsOf<RawPortfolioPage>(await tx.execute(portfolioPageSql(tx, scope, view, options)));
  if (!result) throw new Error("portfolio query returned no row");
  return result;
}

/**
 * The fallback lookups in CASE branches are costed as if every row took them, which lifts the
 * estimate over jit_above_cost: compiling the plan then took ~0.7 s for a query that runs in
 * ~50 ms. Off for the rest of this transaction only.
 */
export async function withoutJit(tx: Tx): Promise<void> {
  await tx.execute(sql`set local jit = off`);
}

type PageOptions = { viewDay: Day; crossings: readonly ThresholdCrossing[]; limit: number; offset: number };

/** The statement itself (EXPLAIN ANALYZE measures it as is). */
export function portfolioPageSql(tx: Tx, scope: OrgScope, view: PortfolioView, options: PageOptions): SQL {
  const order = viewOrderSql(view);
  return sql`
      with ${portfolioViewCte(tx, scope, { viewDay: options.viewDay, sort: view.sort, crossings: options.crossings })},
      f as (select * from v where ${viewFilterSql(scope, view)}),
      pg as (select v.*, row_number() over (order by ${order}) as position from f v order by ${order} limit ${options.limit} offset ${options.offset})
      select
        (select count(*)::int from f) as total,
        (select json_object_agg(b.band, b.n) from (select band, count(*)::int as n from v where state = 'scored' group by band) b) as bands,
        (select count(*)::int from v where state is distinct from 'scored') as unscored,
        (select count(*)::int from v where risk_day is not null) as at_risk,
        (select count(*)::int from v where stale) as stale,
        (select coalesce(bool_or(recalculating), false) from v) as recalculating,
        (select coalesce(json_agg(m), '[]'::json) from (
          select kind, id, name, rule_set, overall, overall7 from v where change7 > 0 order by change7 desc, name limit ${MOVERS}) m) as movers_up,
        (select coalesce(json_agg(m), '[]'::json) from (
          select kind, id, name, rule_set, overall, overall7 from v where change7 < 0 order by change7 asc, name limit ${MOVERS}) m) as movers_down,
        (select coalesce(json_agg(r order by r.position), '[]'::json) from (
          select v.*, ${rowDetailsSql(scope)}
          from pg v ${rowDetailJoinsSql(scope, options.viewDay)}) r) as rows`;
}
