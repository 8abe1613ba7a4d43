import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { reviewCases, reviews } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { reviewFactKey, type ReviewCaseStatus, type ReviewLedgerRow, type UpdateReviewCaseInput } from "@/lib/contracts/queues";
import { audit } from "@/server/lib/audit";
import { badInput, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { isoInstantSql } from "@/server/scoring/store/exemptions";
import { assertShopVisible, ORDER_SHOP_JOIN, queueOrders, VALID_ORDER, type QueueFilter } from "./scope";

/** The ledger covers the score's main window: older bad reviews no longer weigh. */
export const LEDGER_LOOKBACK_DAYS = 90;
const LEDGER_LIMIT = 1000;
/** 1–2★: some rating of the review is at most this. */
const BAD_STARS = 2;

type Row = {
  shop_id: string;
  shop_name: string;
  order_id: string;
  reviewed_iso: string;
  product_name: string | null;
  product_stars: number | null;
  logistics_stars: number | null;
  service_stars: number | null;
  content: string | null;
  status: ReviewCaseStatus | null;
  owner_user_id: string | null;
  owner_name: string | null;
  note: string | null;
  exempt: boolean;
};

/**
 * Every 1–2★ review of a valid order in the last LEDGER_LOOKBACK_DAYS, with how it is handled;
 * unhandled first (new, contacted, appealed, then resolved), newest first within. Imports feed it:
 * a review without a review_cases row is new. The review's columns are those the reviews fact
 * table stores (order, product, date, ratings, masked text); no buyer data exists to show.
 */
export async function reviewLedger(tx: Tx, scope: OrgScope, filter: QueueFilter & { status?: ReviewCaseStatus }, now = new Date()): Promise<ReviewLedgerRow[]> {
  const where = await queueOrders(tx, scope, filter);
  const since = new Date(now.getTime() - LEDGER_LOOKBACK_DAYS * 86_400_000);
  const status = sql`coalesce(rc.status, 'new')`;
  const rows = rowsOf<Row>(
    await tx.execute(sql`
      select r.shop_id, s.name as shop_name, r.order_id, ${isoInstantSql(sql`r.reviewed_at`)} as reviewed_iso,
             o.product_name, r.product_stars, r.logistics_stars, r.service_stars, r.content,
             rc.status, rc.owner_user_id, u.name as owner_name, rc.note,
             exists (select 1 from fact_exemptions fe where fe.org_id = r.org_id and fe.shop_id = r.shop_id and fe.fact_kind = 'review'
                       and fe.fact_key = r.order_id || '@' || ${isoInstantSql(sql`r.reviewed_at`)}) as exempt
        from reviews r
        join orders o on o.org_id = r.org_id and o.shop_id = r.shop_id and o.order_id = r.order_id
        ${ORDER_SHOP_JOIN}
        left join review_cases rc on rc.org_id = r.org_id and rc.shop_id = r.shop_id and rc.order_id = r.order_id and rc.reviewed_at = r.reviewed_at
        left join users u on u.id = rc.owner_user_id
       where r.org_id = ${scope.orgId} and ${where} and ${VALID_ORDER}
         and least(coalesce(r.product_stars, 5), coalesce(r.logistics_stars, 5), coalesce(r.service_stars, 5)) <= ${BAD_STARS}
         and r.reviewed_at > ${since.toISOString()}::timestamptz and r.reviewed_at <= ${now.toISOString()}::timestamptz
         ${filter.status ? sql`and ${status} = ${filter.status}` : sql``}
       order by case ${status} when 'new' then 0 when 'contacted' then 1 when 'appealed' then 2 else 3 end, r.reviewed_at desc, r.shop_id, r.order_id
       limit ${LEDGER_LIMIT}`),
  );
  return rows.map((row) => ({
    shopId: row.shop_id,
    shopName: row.shop_name,
    orderId: row.order_id,
    reviewedAt: row.reviewed_iso,
    productName: row.product_name,
    productStars: row.product_stars,
    logisticsStars: row.logistics_stars,
    serviceStars: row.service_stars,
    content: row.content,
    status: row.status ?? "new",
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    note: row.note,
    exempt: row.exempt,
  }));
}

/** The member in charge must belong to the organisation and see the shop (a limited member only their granted shops). */
async function assertOwnerSeesShop(tx: Tx, orgId: string, userId: string, shopId: string): Promise<void> {
  const [found] = rowsOf<{ ok: boolean }>(
    await tx.execute(sql`
      select true as ok from memberships m
       where m.org_id = ${orgId} and m.user_id = ${userId}
         and (not m.limited_to_grants or exists (select 1 from membership_shop_grants g where g.org_id = m.org_id and g.user_id = m.user_id and g.shop_id = ${shopId}::uuid))`),
  );
  if (!found) throw badInput("queues.ownerNoAccess", "ownerUserId");
}

/** Sets a bad review's status, owner or note (what is not given stays). Resolving stamps the day it counts as handled. */
export async function updateReviewCase(tx: Tx, scope: OrgScope, input: UpdateReviewCaseInput, now = new Date()): Promise<{ status: ReviewCaseStatus }> {
  await assertShopVisible(tx, scope, input.shopId);
  const reviewedAt = new Date(input.reviewedAt);
  const [review] = await tx
    .select({ orderId: reviews.orderId })
    .from(reviews)
    .where(and(eq(reviews.orgId, scope.orgId), eq(reviews.shopId, input.shopId), eq(reviews.orderId, input.orderId), eq(reviews.reviewedAt, reviewedAt)));
  if (!review) throw notFound("queues.reviewNotFound");
  if (input.ownerUserId) await assertOwnerSeesShop(tx, scope.orgId, input.ownerUserId, input.shopId);
  const key = { orgId: scope.orgId, shopId: input.shopId, orderId: input.orderId, reviewedAt };
  const [current] = await tx
    .select()
    .from(reviewCases)
    .where(and(eq(reviewCases.orgId, key.orgId), eq(reviewCases.shopId, key.shopId), eq(reviewCases.orderId, key.orderId), eq(reviewCases.reviewedAt, reviewedAt)));
  const status = input.status ?? current?.status ?? "new";
  const resolvedAt = status === "resolved" ? (current?.status === "resolved" ? current.resolvedAt : now) : null;
  const values = {
    status,
    ownerUserId: input.ownerUserId === undefined ? (current?.ownerUserId ?? null) : input.ownerUserId,
    note: input.note === undefined ? (current?.note ?? null) : input.note || null,
    resolvedAt,
    updatedBy: scope.userId,
    updatedAt: now,
  };
  await tx
    .insert(reviewCases)
    .values({ ...key, ...values })
    .onConflictDoUpdate({ target: [reviewCases.orgId, reviewCases.shopId, reviewCases.orderId, reviewCases.reviewedAt], set: values });
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "queues.reviewCase.update", target: `${input.shopId}:${reviewFactKey(input.orderId, reviewedAt)}`, data: { status } });
  return { status };
}
