import { and, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { afterSales, orders, reviews } from "@/db/schema";
import { reviewFactKey } from "@/lib/contracts/queues";
import type { OrgScope } from "@/server/lib/scope";
import { createAppeal, decideAppeal } from "@/server/queues/appeals";
import { saveProblemLogEntry } from "@/server/queues/problem-log";
import { updateReviewCase } from "@/server/queues/review-ledger";
import { markShopFactsChanged } from "@/server/scoring/refresh";

const HOUR = 3_600_000;

/**
 * Something in every daily queue of the demo organisation on first sign-in, relative to the
 * seed's "now": paid orders not picked up (two already late), open after-sales near their
 * automatic completion, bad reviews in every status with owners and notes, an upheld appeal (its
 * review exempt, rescored with the rest of the seed) and a pending one, and problem-log entries.
 */
export async function seedDemoQueues(tx: Tx, scope: OrgScope, input: { shopIds: readonly string[]; ownerUserId: string; colleagueUserId: string; now: Date }): Promise<void> {
  const { now } = input;
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
  const [first, second, third] = input.shopIds;
  if (!first) return;
  for (const [index, shopId] of [first, second, third].entries()) {
    if (!shopId) continue;
    const prefix = `demo-q${index + 1}`;
    // Pickup at risk: paid 2, 9, 20, 27 and 31 hours ago, none picked up yet.
    const pending = [2, 9, 20, 27, 31].map((hours, k) => ({
      orgId: scope.orgId,
      shopId,
      orderId: `${prefix}-p${k + 1}`,
      paidAt: ago(hours + index),
      orderType: "normal",
      status: "paid",
      amount: "129.00",
      productName: ["法式碎花连衣裙", "高腰阔腿牛仔裤", "纯棉T恤", "针织开衫", "真丝衬衫"][k] ?? null,
    }));
    // After-sales: delivered orders with applications the merchant has not handled yet.
    const delivered = [4, 5, 6].map((days, k) => ({
      orgId: scope.orgId,
      shopId,
      orderId: `${prefix}-a${k + 1}`,
      paidAt: ago(days * 24),
      orderType: "normal",
      status: "completed",
      pickedUpAt: ago(days * 24 - 8),
      deliveredAt: ago(days * 24 - 56),
      amount: "199.00",
      productName: "羊毛大衣",
    }));
    await tx.insert(orders).values([...pending, ...delivered]);
    await tx.insert(afterSales).values(
      [
        { hours: 40, type: "refund_only", reason: "不想要了", reasonCategory: "no_reason" },
        { hours: 30, type: "return_refund", reason: "尺码不合适", reasonCategory: "size" },
        { hours: 6, type: "return_refund", reason: "质量问题", reasonCategory: "quality" },
      ].map((a, k) => ({ orgId: scope.orgId, shopId, aftersaleId: `${prefix}-as${k + 1}`, orderId: `${prefix}-a${k + 1}`, appliedAt: ago(a.hours + index), type: a.type, reason: a.reason, reasonCategory: a.reasonCategory })),
    );
    await markShopFactsChanged(tx, scope.orgId, shopId, null);
  }

  // The first shop's latest bad reviews, handled in every way the ledger knows.
  const bad = await tx
    .select({ orderId: reviews.orderId, reviewedAt: reviews.reviewedAt })
    .from(reviews)
    .where(and(eq(reviews.orgId, scope.orgId), eq(reviews.shopId, first), sql`least(coalesce(${reviews.productStars}, 5), coalesce(${reviews.logisticsStars}, 5), coalesce(${reviews.serviceStars}, 5)) <= 2`))
    .orderBy(desc(reviews.reviewedAt))
    .limit(8);
  const ref = (k: number) => {
    const review = bad[k];
    return review ? { shopId: first, orderId: review.orderId, reviewedAt: review.reviewedAt.toISOString() } : null;
  };
  const handling = [
    { status: "contacted", owner: input.colleagueUserId, note: "已电话外呼，买家同意换货 called back, exchange agreed" },
    { status: "resolved", owner: input.ownerUserId, note: "补发新品，买家已追评 resent, buyer updated the review" },
    { status: "contacted", owner: input.ownerUserId, note: "等待买家回复 waiting for the buyer" },
    { status: "resolved", owner: input.colleagueUserId, note: "部分退款 5 元 partial refund ¥5" },
  ] as const;
  for (const [k, h] of handling.entries()) {
    const review = ref(k + 2);
    if (review) await updateReviewCase(tx, scope, { ...review, status: h.status, ownerUserId: h.owner, note: h.note }, now);
  }
  const upheld = ref(0);
  if (upheld) {
    const { id } = await createAppeal(tx, scope, {
      ...upheld,
      subject: "review",
      factKey: reviewFactKey(upheld.orderId, new Date(upheld.reviewedAt)),
      reason: "同行恶意差评，买家未收货即评价 malicious review before delivery",
      evidenceNote: "物流记录显示评价时包裹仍在途 tracking shows the parcel in transit",
      evidenceUrl: "https://example.com/demo-evidence",
      deadlineDay: null,
    });
    await decideAppeal(tx, scope, { id, outcome: "upheld" }, now);
  }
  const pending = ref(1);
  if (pending) {
    await createAppeal(tx, scope, {
      ...pending,
      subject: "review",
      factKey: reviewFactKey(pending.orderId, new Date(pending.reviewedAt)),
      reason: "评价内容含辱骂 abusive content",
      evidenceNote: "评价截图已上传至申诉单 screenshot attached on the platform",
      deadlineDay: new Date(now.getTime() + 3 * 24 * HOUR + 8 * HOUR).toISOString().slice(0, 10),
    });
  }
  await createAppeal(tx, scope, { shopId: first, subject: "penalty", factKey: "WG20260001", reason: "虚假发货判罚：已在 48 小时内揽收 fake-shipment penalty: picked up within 48 h", evidenceNote: "揽收记录 pickup scan", deadlineDay: null });

  const linked = bad.slice(0, 3).map((r) => `review:${reviewFactKey(r.orderId, r.reviewedAt)}`);
  await saveProblemLogEntry(tx, scope, { shopId: first, problemType: "size", cases: 12, owningTeam: "商品部 product team", fix: "详情页增加尺码表 add a size chart", effect: "尺码退货 −30% size returns −30%", checklistId: null, factRefs: linked }, now);
  await saveProblemLogEntry(tx, scope, { shopId: first, problemType: "logistics", cases: 8, owningTeam: "仓储物流部 warehouse", fix: "换用顺丰，每日 16:00 前发货 switch carrier, ship before 16:00", effect: "平均到货 −9 h delivery −9 h", checklistId: null, factRefs: ["order:demo-q1-p5"] }, now);
  if (second) await saveProblemLogEntry(tx, scope, { shopId: second, problemType: "quality", cases: 5, owningTeam: "品控 QC", fix: "入库抽检 5% sample 5% of incoming stock", effect: null, checklistId: null, factRefs: [] }, now);
}
