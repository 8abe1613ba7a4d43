import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { appeals, factExemptions, reviewCases } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { reviewFactKey, type AppealOutcome, type AppealRow, type AppealSubject, type CreateAppealInput, type ExemptFactKind } from "@/lib/contracts/queues";
import { audit } from "@/server/lib/audit";
import { badInput, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { shanghaiDayOf, type Day } from "@/server/lib/time";
import { markShopFactsChanged } from "@/server/scoring/refresh";
import { isoInstantSql } from "@/server/scoring/store/exemptions";
import { assertShopVisible, queueOrders, type QueueFilter } from "./scope";

/** The contested fact as stored: its order (if any) and the earliest day a score could count it. */
type FactFound = { orderId: string | null; sinceDay: Day };

const splitReviewKey = (key: string) => {
  const at = key.lastIndexOf("@");
  const reviewedAt = new Date(key.slice(at + 1));
  return at > 0 && !Number.isNaN(reviewedAt.getTime()) ? { orderId: key.slice(0, at), reviewedAt } : null;
};

/**
 * Finds the fact an appeal names in the shop. Every fact of an order is anchored on or after the
 * order's paid day, so rescoring from that day covers whatever its exemption changes.
 */
async function findFact(tx: Tx, orgId: string, shopId: string, subject: Exclude<AppealSubject, "penalty">, key: string): Promise<FactFound | null> {
  const paidDay = (rows: { order_id: string | null; paid_iso: number | null; own_iso: number }[]): FactFound | null => {
    const [row] = rows;
    return row ? { orderId: row.order_id, sinceDay: shanghaiDayOf(new Date(Number(row.paid_iso ?? row.own_iso))) } : null;
  };
  const order = (orderId: SqlText) => sql`left join orders o on o.org_id = ${orgId} and o.shop_id = ${shopId}::uuid and o.order_id = ${orderId}`;
  if (subject === "review") {
    const ref = splitReviewKey(key);
    if (!ref) return null;
    return paidDay(rowsOf(await tx.execute(sql`
      select r.order_id, (extract(epoch from o.paid_at) * 1000)::float8 as paid_iso, (extract(epoch from r.reviewed_at) * 1000)::float8 as own_iso from reviews r ${order(sql`r.order_id`)}
       where r.org_id = ${orgId} and r.shop_id = ${shopId}::uuid and r.order_id = ${ref.orderId} and r.reviewed_at = ${ref.reviewedAt.toISOString()}::timestamptz`)));
  }
  if (subject === "after_sale") {
    return paidDay(rowsOf(await tx.execute(sql`
      select a.order_id, (extract(epoch from o.paid_at) * 1000)::float8 as paid_iso, (extract(epoch from a.applied_at) * 1000)::float8 as own_iso from after_sales a ${order(sql`a.order_id`)}
       where a.org_id = ${orgId} and a.shop_id = ${shopId}::uuid and a.aftersale_id = ${key}`)));
  }
  if (subject === "complaint") {
    return paidDay(rowsOf(await tx.execute(sql`
      select c.order_id, (extract(epoch from o.paid_at) * 1000)::float8 as paid_iso, (extract(epoch from c.created_at) * 1000)::float8 as own_iso from complaints c ${order(sql`c.order_id`)}
       where c.org_id = ${orgId} and c.shop_id = ${shopId}::uuid and c.case_id = ${key}`)));
  }
  return paidDay(rowsOf(await tx.execute(sql`
    select o.order_id, (extract(epoch from o.paid_at) * 1000)::float8 as paid_iso, (extract(epoch from o.paid_at) * 1000)::float8 as own_iso from orders o
     where o.org_id = ${orgId} and o.shop_id = ${shopId}::uuid and o.order_id = ${key}`)));
}
type SqlText = ReturnType<typeof sql>;

/** Files an appeal. A review under appeal shows as "appealed" in the bad-review ledger. */
export async function createAppeal(tx: Tx, scope: OrgScope, given: CreateAppealInput): Promise<{ id: string }> {
  await assertShopVisible(tx, scope, given.shopId);
  // A review's key is written one way only (its exemption is matched on the text).
  const reviewRef = given.subject === "review" ? splitReviewKey(given.factKey) : null;
  const input = reviewRef ? { ...given, factKey: reviewFactKey(reviewRef.orderId, reviewRef.reviewedAt) } : given;
  let orderId: string | null = null;
  if (input.subject !== "penalty") {
    const fact = await findFact(tx, scope.orgId, input.shopId, input.subject, input.factKey);
    if (!fact) throw badInput("queues.factNotFound", "factKey");
    orderId = fact.orderId;
  }
  const [created] = await tx
    .insert(appeals)
    .values({
      orgId: scope.orgId,
      shopId: input.shopId,
      subject: input.subject,
      factKey: input.factKey,
      orderId,
      reason: input.reason,
      evidenceNote: input.evidenceNote || null,
      evidenceUrl: input.evidenceUrl || null,
      deadlineDay: input.deadlineDay ?? null,
      createdBy: scope.userId,
    })
    .returning({ id: appeals.id });
  const id = created?.id ?? "";
  if (input.subject === "review") {
    const ref = splitReviewKey(input.factKey);
    if (ref) {
      const values = { status: "appealed" as const, updatedBy: scope.userId, updatedAt: new Date(), resolvedAt: null };
      await tx
        .insert(reviewCases)
        .values({ orgId: scope.orgId, shopId: input.shopId, orderId: ref.orderId, reviewedAt: ref.reviewedAt, ...values })
        .onConflictDoUpdate({ target: [reviewCases.orgId, reviewCases.shopId, reviewCases.orderId, reviewCases.reviewedAt], set: values });
    }
  }
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "queues.appeal.create", target: id, data: { subject: input.subject } });
  return { id };
}

/**
 * Records the platform's decision. Upheld: the fact becomes exempt (fact_exemptions) and the shop's
 * facts are marked changed from the fact's earliest day, so the caller's scheduleRescore rebuilds
 * and rescores it. Moving away from upheld removes the exemption the same way. Returns whether
 * the facts changed (the caller schedules the rescore after commit).
 */
export async function decideAppeal(tx: Tx, scope: OrgScope, input: { id: string; outcome: AppealOutcome }, now = new Date()): Promise<{ factsChanged: boolean }> {
  const [appeal] = await tx.select().from(appeals).where(and(eq(appeals.orgId, scope.orgId), eq(appeals.id, input.id)));
  if (!appeal) throw notFound("queues.appealNotFound");
  await assertShopVisible(tx, scope, appeal.shopId).catch(() => {
    throw notFound("queues.appealNotFound");
  });
  if (appeal.outcome === input.outcome) return { factsChanged: false };
  await tx
    .update(appeals)
    .set({ outcome: input.outcome, decidedAt: input.outcome === "pending" ? null : now, decidedBy: input.outcome === "pending" ? null : scope.userId, updatedAt: now })
    .where(and(eq(appeals.orgId, scope.orgId), eq(appeals.id, appeal.id)));
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "queues.appeal.decide", target: appeal.id, data: { outcome: input.outcome } });
  if (appeal.subject === "penalty" || (appeal.outcome !== "upheld" && input.outcome !== "upheld")) return { factsChanged: false };
  const fact = await findFact(tx, scope.orgId, appeal.shopId, appeal.subject, appeal.factKey);
  const factKind: ExemptFactKind = appeal.subject;
  const key = { orgId: scope.orgId, shopId: appeal.shopId, factKind, factKey: appeal.factKey };
  if (input.outcome === "upheld") {
    await tx.insert(factExemptions).values({ ...key, appealId: appeal.id }).onConflictDoNothing();
  } else {
    await tx
      .delete(factExemptions)
      .where(and(eq(factExemptions.orgId, key.orgId), eq(factExemptions.shopId, key.shopId), eq(factExemptions.factKind, factKind), eq(factExemptions.factKey, key.factKey), eq(factExemptions.appealId, appeal.id)));
  }
  // Facts deleted by an undo since the appeal leave nothing to rescore from; the whole history is then safe.
  await markShopFactsChanged(tx, scope.orgId, appeal.shopId, fact?.sinceDay ?? null);
  return { factsChanged: true };
}

type Row = {
  id: string;
  shop_id: string;
  shop_name: string;
  subject: AppealSubject;
  fact_key: string;
  reason: string;
  evidence_note: string | null;
  evidence_url: string | null;
  deadline_day: string | null;
  outcome: AppealOutcome;
  decided_iso: string | null;
  created_iso: string;
};

/** Appeals of the member's shops: pending first (nearest deadline first), then decided, newest first. */
export async function listAppeals(tx: Tx, scope: OrgScope, filter: QueueFilter & { outcome?: AppealOutcome }): Promise<AppealRow[]> {
  // Penalties and facts without an order have no author: a creator's appeals are those about its orders.
  const where = await queueOrders(tx, scope, filter, { org: sql`a.org_id`, shop: sql`a.shop_id`, author: sql`o.author_id` });
  const rows = rowsOf<Row>(
    await tx.execute(sql`
      select a.id, a.shop_id, s.name as shop_name, a.subject, a.fact_key, a.reason, a.evidence_note, a.evidence_url,
             a.deadline_day::text as deadline_day, a.outcome, ${isoInstantSql(sql`a.decided_at`)} as decided_iso, ${isoInstantSql(sql`a.created_at`)} as created_iso
        from appeals a
        join shops s on s.org_id = a.org_id and s.id = a.shop_id
        left join orders o on o.org_id = a.org_id and o.shop_id = a.shop_id and o.order_id = a.order_id
       where ${where}
         ${filter.outcome ? sql`and a.outcome = ${filter.outcome}` : sql``}
       order by case a.outcome when 'pending' then 0 else 1 end, a.deadline_day nulls last, a.created_at desc
       limit 500`),
  );
  return rows.map((row) => ({
    id: row.id,
    shopId: row.shop_id,
    shopName: row.shop_name,
    subject: row.subject,
    factKey: row.fact_key,
    reason: row.reason,
    evidenceNote: row.evidence_note,
    evidenceUrl: row.evidence_url,
    deadlineDay: row.deadline_day,
    outcome: row.outcome,
    decidedAt: row.decided_iso,
    createdAt: row.created_iso,
  }));
}
