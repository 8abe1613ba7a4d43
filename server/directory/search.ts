import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rowsOf } from "@/db/security";
import { directorySearchInput, scaleOfFilter, type DirectoryDimension, type DirectoryFilter, type DirectorySearchInput } from "@/lib/contracts/directory";
import { categoryCodeFor } from "@/server/catalog/service";
import { addDays, todayInShanghai, type Day } from "@/server/lib/time";
import { publicCard, type CardRow, type PublicCard } from "./public-card";

/**
 * The directory's read path: published cards only (directory_cards, directory_card_days), never a
 * fact, score or entity table, so nothing unlisted can appear. Without a date the card row holds
 * the newest values (indexed filters and sort, one statement); "as of day D" reads each card's
 * newest day on or before D from its per-day values (ADR 0014).
 */

const DIMENSION_COLUMN: Record<DirectoryDimension, string> = { product: "product", logistics: "logistics", service: "service" };
const SORT_EXPRESSION = { score: "v.overall", goodReviewRate: "v.good_review_rate", freshness: "v.day", name: "c.name" } as const;

/**
 * Whether the search keeps to one scale: it names one, or bounds a score (read on the 5-point
 * scale when it names none). Only then may scores be compared as they are.
 */
function keepsToOneScale(filter: DirectoryFilter): boolean {
  return filter.scale !== undefined || filter.minScore !== undefined || Object.values(filter.minDimensions ?? {}).some((min) => min !== undefined);
}

/**
 * The sort expression. Over cards of one scale the score sorts as it is (the indexed column);
 * over both, by its share of the card's maximum (85 of 100 → 0.85, 4.78 of 5 → 0.956), so the
 * cards interleave instead of every 100-point card outranking every 5-point one.
 */
function sortExpression(input: DirectoryFilter & { sort: keyof typeof SORT_EXPRESSION }): string {
  if (input.sort === "score" && !keepsToOneScale(input)) return "v.overall / c.score_max";
  return SORT_EXPRESSION[input.sort];
}

/** Filter conditions on a values source `v` (the card itself, or its day row) and the card `c`. */
async function conditions(tx: Tx, filter: DirectoryFilter, today: Day): Promise<SQL[]> {
  const where: SQL[] = [];
  if (filter.kind) where.push(sql`c.entity_kind = ${filter.kind}`);
  if (filter.category) where.push(sql`c.category_code = ${await categoryCodeFor(tx, filter.category)}`);
  if (filter.ruleSet) where.push(sql`c.rule_set = ${filter.ruleSet}`);
  // A score bound is read on one scale: cards scored on another never meet it (an 85 of 100 is not ≥ 4.5 of 5).
  if (keepsToOneScale(filter)) where.push(sql`c.score_max = ${scaleOfFilter(filter)}::float8`);
  if (filter.minScore !== undefined) where.push(sql`v.overall >= ${filter.minScore}`);
  if (filter.minGoodReviewRate !== undefined) where.push(sql`v.good_review_rate >= ${filter.minGoodReviewRate}`);
  for (const [dimension, min] of Object.entries(filter.minDimensions ?? {})) {
    if (min === undefined) continue;
    // The key is one of DIRECTORY_DIMENSIONS (the zod schema admits no other), so it names a column.
    where.push(sql`${sql.raw(`v.dim_${DIMENSION_COLUMN[dimension as DirectoryDimension]}`)} >= ${min}`);
  }
  if (filter.trend) where.push(sql`v.trend = ${filter.trend}`);
  if (filter.freshWithinDays !== undefined) where.push(sql`v.day >= ${addDays(today, -filter.freshWithinDays)}::date`);
  return where;
}

const CARD_COLUMNS = sql.raw(`c.id, c.entity_kind as "entityKind", c.name, c.fields, c.category_code as "categoryCode",
  cat.name_zh as "categoryZh", cat.name_en as "categoryEn", c.rule_set as "ruleSet", c.contact, c.score_decimals as "scoreDecimals", c.score_min as "scoreMin", c.score_max as "scoreMax",
  v.day::text as day, v.overall, v.dim_product as product, v.dim_logistics as logistics, v.dim_service as service,
  v.good_review_rate as "goodReviewRate", v.trend_30 as "trend30", v.trend_90 as "trend90", v.trend, v.indicators, c.updated_at as "updatedAt"`);

/** Where the values come from: the card's newest (no date), or its newest day on or before D. */
const valuesSource = (date: Day | undefined) =>
  date
    ? sql`directory_cards c cross join lateral (
        select d.day, d.overall, d.dim_product, d.dim_logistics, d.dim_service, d.good_review_rate, d.trend_30, d.trend_90, d.trend, d.indicators
        from directory_card_days d where d.card_id = c.id and d.day <= ${date}::date order by d.day desc limit 1) v`
    : sql`directory_cards c cross join lateral (select c.day, c.overall, c.dim_product, c.dim_logistics, c.dim_service, c.good_review_rate, c.trend_30, c.trend_90, c.trend, c.indicators) v`;

export type DirectoryPage = { total: number; page: number; pageSize: number; cards: PublicCard[] };

/** The one statement of a directory page (exported so its plan can be inspected: EXPLAIN ANALYZE in ADR 0014). */
export async function directorySearchStatement(tx: Tx, rawInput: DirectorySearchInput, today: Day = todayInShanghai()): Promise<SQL> {
  const input = directorySearchInput.parse(rawInput);
  const where = await conditions(tx, input, input.date ?? today);
  const direction = sql.raw(input.descending ? "desc" : "asc");
  const sortColumn = sql.raw(sortExpression(input));
  return sql`
      select ${CARD_COLUMNS}, count(*) over ()::int as total
      from ${valuesSource(input.date)}
      left join categories cat on cat.code = c.category_code
      ${where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``}
      order by ${sortColumn} ${direction} nulls last, c.id
      limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`;
}

export async function searchDirectory(tx: Tx, rawInput: DirectorySearchInput, today: Day = todayInShanghai()): Promise<DirectoryPage> {
  const input = directorySearchInput.parse(rawInput);
  const rows = rowsOf<CardRow & { total: number }>(await tx.execute(await directorySearchStatement(tx, input, today)));
  return { total: rows[0]?.total ?? 0, page: input.page, pageSize: input.pageSize, cards: rows.map(publicCard) };
}

/** Whether the search matches any of the given cards (the matcher's question), by card id. */
export async function matchingCardIds(tx: Tx, filter: DirectoryFilter, cardIds: readonly string[] | null, today: Day = todayInShanghai()): Promise<string[]> {
  const where = await conditions(tx, filter, today);
  if (cardIds) {
    if (cardIds.length === 0) return [];
    where.push(sql`c.id in (${sql.join(cardIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  }
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`select c.id from ${valuesSource(undefined)} ${where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``}`),
  );
  return rows.map((r) => r.id);
}

/** Published cards by id (compare, shortlists, export): unknown or unlisted ids are simply absent. */
export async function cardsById(tx: Tx, cardIds: readonly string[]): Promise<PublicCard[]> {
  if (cardIds.length === 0) return [];
  const rows = rowsOf<CardRow>(
    await tx.execute(sql`select ${CARD_COLUMNS} from ${valuesSource(undefined)} left join categories cat on cat.code = c.category_code
      where c.id in (${sql.join(cardIds.map((id) => sql`${id}::uuid`), sql`, `)})`),
  );
  return rows.map(publicCard);
}

/**
 * Published shop cards by their platform shop id (a creator's merchants, whose ids its own export
 * holds): the id is matched here and never returned; the cards carry only their listed fields.
 */
export async function shopCardsByPlatformId(tx: Tx, platformIds: readonly string[]): Promise<Map<string, PublicCard>> {
  if (platformIds.length === 0) return new Map();
  const rows = rowsOf<CardRow & { platformId: string }>(
    await tx.execute(sql`select ${CARD_COLUMNS}, c.platform_id as "platformId" from ${valuesSource(undefined)} left join categories cat on cat.code = c.category_code
      where c.entity_kind = 'shop' and c.platform_id in (${sql.join(platformIds.map((id) => sql`${id}`), sql`, `)})`),
  );
  return new Map(rows.map((row) => [row.platformId, publicCard(row)]));
}

/** A card's published daily overall scores (the compare chart's trend lines): only when the owner shows the overall and the trend. */
export async function cardHistories(tx: Tx, cardIds: readonly string[], days = 90, today: Day = todayInShanghai()) {
  if (cardIds.length === 0) return [];
  return rowsOf<{ cardId: string; day: string; overall: number | null }>(
    await tx.execute(sql`select d.card_id as "cardId", d.day::text as day, d.overall from directory_card_days d
      join directory_cards c on c.id = d.card_id and c.org_id = d.org_id
      where d.card_id in (${sql.join(cardIds.map((id) => sql`${id}::uuid`), sql`, `)})
        and 'trend' = any(c.fields) and 'overall' = any(c.fields) and d.day >= ${addDays(today, -days)}::date
      order by d.card_id, d.day`),
  );
}
