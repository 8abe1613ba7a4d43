import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rowsOf } from "@/db/security";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import { PROBLEM_TYPES, type ProblemType, type VocSource } from "@/lib/contracts/voc";
import type { OrgScope } from "@/server/lib/scope";
import { dictionaryEntries, readDictionary } from "./dictionary";
import { BAD_REVIEW, between, shanghaiWallClock, VALID_ORDER, vocEntity, type VocEntity } from "./entity-orders";
import { addMonths, monthsEndingWith, monthStart, shanghaiMonthOf, type Month } from "./months";
import { taggerFor } from "./tagger";

/** How many products the summary names per problem type. */
const PRODUCTS_PER_PROBLEM = 5;
/** How many reviews and after-sales one problem-and-month list returns, newest first. */
const ITEMS_LIMIT = 100;

/**
 * The customer's voice of one entity: the text of its bad reviews (some rating below 好评) and the
 * reasons of its after-sales, on its valid orders, the after-sales that count (not exempt) only,
 * the same facts the engine scores (scoring.md §3). Blank texts say nothing and are left out.
 * Tagging happens on read (ADR 0013): the SQL groups identical texts, the tagger runs once per
 * distinct text and dictionary, and counts are summed from there.
 */
function voiceSql(entity: VocEntity, from: Date, to: Date) {
  const period = { from, to };
  return sql`
    select 'review' as source, r.order_id, r.shop_id, r.content as text, r.reviewed_at as at,
           r.product_stars, r.logistics_stars, r.service_stars,
           coalesce(o.product_id, o.product_name) as product_key, o.product_name
      from reviews r join orders o on o.org_id = r.org_id and o.shop_id = r.shop_id and o.order_id = r.order_id
     where r.org_id = ${entity.orgId} and ${entity.ownOrders} and ${VALID_ORDER} and ${BAD_REVIEW}
       and ${between(sql`r.reviewed_at`, period)} and nullif(btrim(r.content), '') is not null
    union all
    select 'aftersale', a.order_id, a.shop_id, a.reason, a.applied_at,
           null, null, null,
           coalesce(o.product_id, o.product_name), o.product_name
      from after_sales a join orders o on o.org_id = a.org_id and o.shop_id = a.shop_id and o.order_id = a.order_id
     where a.org_id = ${entity.orgId} and ${entity.ownOrders} and ${VALID_ORDER} and not a.exempt
       and ${between(sql`a.applied_at`, period)} and nullif(btrim(a.reason), '') is not null`;
}

type GroupedVoice = { month: Month; source: VocSource; text: string; product_key: string | null; product_name: string | null; count: number };

export type ProblemCount = { month: Month; problemType: ProblemType; reviews: number; afterSales: number };
export type ProblemProduct = { productKey: string | null; productName: string | null; count: number };

export type ProblemSummary = {
  months: Month[];
  /** Non-zero counts only; a review or after-sale naming two problems counts in both. */
  counts: ProblemCount[];
  /** Every problem type with its total over the months, largest first (ties in PROBLEM_TYPES order). */
  totals: { problemType: ProblemType; total: number }[];
  /** The products each problem is heard about most, over the months. */
  products: { problemType: ProblemType; products: ProblemProduct[] }[];
  dictionary: { custom: boolean };
};

/** Problem counts per Shanghai month for the last `months` months up to `now`, with their products. */
export async function problemSummary(tx: Tx, scope: OrgScope, input: { kind: ScoredEntityKind; id: string; months: number }, now = new Date()): Promise<ProblemSummary> {
  const entity = await vocEntity(tx, scope, input.kind, input.id);
  const months = monthsEndingWith(shanghaiMonthOf(now), input.months);
  const from = monthStart(months[0] ?? shanghaiMonthOf(now));
  const voice = sql`(${voiceSql(entity, from, now)}) v`;
  const grouped = rowsOf<GroupedVoice>(
    await tx.execute(sql`
      select to_char(${shanghaiWallClock(sql`v.at`)}, 'YYYY-MM') as month, v.source, v.text, v.product_key,
             min(v.product_name) as product_name, count(*)::int as count
        from ${voice}
       group by 1, 2, 3, 4`),
  );
  const dictionary = await readDictionary(tx, scope.orgId);
  const tagger = await taggerFor(dictionary.entries);

  const counts = new Map<string, ProblemCount>();
  const products = new Map<ProblemType, Map<string, ProblemProduct>>();
  for (const row of grouped) {
    for (const problemType of tagger.tag(row.text)) {
      const key = `${row.month}|${problemType}`;
      const count = counts.get(key) ?? { month: row.month, problemType, reviews: 0, afterSales: 0 };
      if (row.source === "review") count.reviews += row.count;
      else count.afterSales += row.count;
      counts.set(key, count);
      const ofType = products.get(problemType) ?? new Map<string, ProblemProduct>();
      const productKey = row.product_key ?? "";
      const product = ofType.get(productKey) ?? { productKey: row.product_key, productName: row.product_name, count: 0 };
      product.count += row.count;
      ofType.set(productKey, product);
      products.set(problemType, ofType);
    }
  }
  const sortedCounts = [...counts.values()].sort((a, b) => (a.month === b.month ? PROBLEM_TYPES.indexOf(a.problemType) - PROBLEM_TYPES.indexOf(b.problemType) : a.month < b.month ? -1 : 1));
  const totals = PROBLEM_TYPES.map((problemType) => ({
    problemType,
    total: sortedCounts.filter((c) => c.problemType === problemType).reduce((sum, c) => sum + c.reviews + c.afterSales, 0),
  })).sort((a, b) => b.total - a.total || PROBLEM_TYPES.indexOf(a.problemType) - PROBLEM_TYPES.indexOf(b.problemType));
  return {
    months,
    counts: sortedCounts,
    totals,
    products: totals.map(({ problemType }) => ({
      problemType,
      products: [...(products.get(problemType)?.values() ?? [])]
        .sort((a, b) => b.count - a.count || (a.productName ?? "").localeCompare(b.productName ?? "", "zh-CN"))
        .slice(0, PRODUCTS_PER_PROBLEM),
    })),
    dictionary: { custom: dictionary.custom },
  };
}

type VoiceItemRow = {
  source: VocSource;
  order_id: string;
  text: string;
  at_ms: number;
  product_stars: number | null;
  logistics_stars: number | null;
  service_stars: number | null;
  product_name: string | null;
};

export type ProblemItem = {
  source: VocSource;
  at: Date;
  orderId: string;
  text: string;
  productName: string | null;
  stars: { product: number | null; logistics: number | null; service: number | null } | null;
};

/** The reviews and after-sales behind one problem in one month, newest first (the link from a count). */
export async function problemItems(
  tx: Tx,
  scope: OrgScope,
  input: { kind: ScoredEntityKind; id: string; problemType: ProblemType; month: Month },
): Promise<{ total: number; items: ProblemItem[] }> {
  const entity = await vocEntity(tx, scope, input.kind, input.id);
  const rows = rowsOf<VoiceItemRow>(
    await tx.execute(sql`
      select v.source, v.order_id, v.text, (extract(epoch from v.at) * 1000)::float8 as at_ms,
             v.product_stars, v.logistics_stars, v.service_stars, v.product_name
        from (${voiceSql(entity, monthStart(input.month), monthStart(addMonths(input.month, 1)))}) v
       order by v.at desc, v.source, v.shop_id, v.order_id`),
  );
  const tagger = await taggerFor(await dictionaryEntries(tx, scope.orgId));
  const matching = rows.filter((row) => tagger.tag(row.text).includes(input.problemType));
  return {
    total: matching.length,
    items: matching.slice(0, ITEMS_LIMIT).map((row) => ({
      source: row.source,
      at: new Date(Number(row.at_ms)),
      orderId: row.order_id,
      text: row.text,
      productName: row.product_name,
      stars: row.source === "review" ? { product: row.product_stars, logistics: row.logistics_stars, service: row.service_stars } : null,
    })),
  };
}
