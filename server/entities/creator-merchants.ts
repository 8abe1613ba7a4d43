import { and, eq, gte, lt } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { creatorOrders } from "@/db/schema";
import type { CreatorMerchant, CreatorMerchants, MerchantCard } from "@/lib/contracts/creator-merchants";
import { shopCardsByPlatformId } from "@/server/directory/search";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, shanghaiMidnight, todayInShanghai, type Day } from "@/server/lib/time";
import { GOOD_STARS, isValidOrder } from "@/server/scoring/facts";
import { STANDARD_VALUE_PARAMS, windowBounds } from "@/server/scoring/window";
import { getEntity } from "./queries";

/** An order of the export counts as refunded when money went back: a refund amount, or the 已退款 status. */
const isRefunded = (row: { refundAmount: string | null; status: string | null }) => Number(row.refundAmount ?? 0) > 0 || row.status === "已退款";

/**
 * Per merchant a creator account sold for (its own imported orders), over the scoring main
 * window ending before `day`: valid orders paid in it, how many were refunded, and the reviews of
 * those orders. Validity and "good" are the scoring engine's (facts.ts). A creator the caller
 * may not see is NOT_FOUND.
 */
export async function creatorMerchants(tx: Tx, scope: OrgScope, input: { id: string; day?: Day }): Promise<CreatorMerchants> {
  const creator = await getEntity(tx, scope, "creator", input.id);
  const window = windowBounds(input.day ?? todayInShanghai(), STANDARD_VALUE_PARAMS.windows.main);
  const rows = await tx
    .select({
      merchantShopId: creatorOrders.merchantShopId,
      merchantShopName: creatorOrders.merchantShopName,
      orderType: creatorOrders.orderType,
      status: creatorOrders.status,
      refundAmount: creatorOrders.refundAmount,
      productStars: creatorOrders.productStars,
    })
    .from(creatorOrders)
    .where(
      and(
        eq(creatorOrders.orgId, scope.orgId),
        eq(creatorOrders.creatorId, creator.id),
        gte(creatorOrders.paidAt, shanghaiMidnight(window.first)),
        lt(creatorOrders.paidAt, shanghaiMidnight(addDays(window.last, 1))),
      ),
    );
  const byMerchant = new Map<string, CreatorMerchant>();
  for (const row of rows) {
    if (!isValidOrder(row)) continue;
    // One merchant per platform shop id; an export that names shops only by name groups by name.
    const key = row.merchantShopId ? `id:${row.merchantShopId}` : `name:${row.merchantShopName ?? ""}`;
    const merchant = byMerchant.get(key) ?? {
      merchantShopId: row.merchantShopId,
      merchantShopName: row.merchantShopName,
      orders: 0,
      refundedOrders: 0,
      refundRate: null,
      reviews: 0,
      goodReviews: 0,
      goodReviewRate: null,
      card: null,
    };
    merchant.merchantShopName ??= row.merchantShopName;
    merchant.orders += 1;
    if (isRefunded(row)) merchant.refundedOrders += 1;
    if (row.productStars !== null) {
      merchant.reviews += 1;
      if (row.productStars >= GOOD_STARS) merchant.goodReviews += 1;
    }
    byMerchant.set(key, merchant);
  }
  // Beside each merchant, its public card when its owner listed it: matched by the platform shop id.
  const cards = await shopCardsByPlatformId(tx, [...byMerchant.values()].flatMap((m) => (m.merchantShopId ? [m.merchantShopId] : [])));
  const cardOf = (id: string | null): MerchantCard | null => {
    const card = id ? cards.get(id) : undefined;
    if (!card) return null;
    return { card: card.card, day: card.day, scoreDecimals: card.scoreDecimals, scale: card.scale, ...("overall" in card ? { overall: card.overall } : {}), ...("goodReviewRate" in card ? { goodReviewRate: card.goodReviewRate } : {}) };
  };
  const merchants = [...byMerchant.values()]
    .map((m) => ({
      ...m,
      refundRate: m.orders ? m.refundedOrders / m.orders : null,
      goodReviewRate: m.reviews ? m.goodReviews / m.reviews : null,
      card: cardOf(m.merchantShopId),
    }))
    .sort((a, b) => b.orders - a.orders || (a.merchantShopName ?? "").localeCompare(b.merchantShopName ?? "", "zh-CN"));
  return { window, merchants };
}
