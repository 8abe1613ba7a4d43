import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { checklists, problemLogEntries } from "@/db/schema";
import { rowsOf } from "@/db/security";
import type { ProblemLogEntryInput, ProblemLogRow } from "@/lib/contracts/queues";
import type { ProblemType } from "@/lib/contracts/voc";
import { audit } from "@/server/lib/audit";
import { badInput, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { assertShopVisible, queueOrders, type QueueFilter } from "./scope";

type Row = {
  id: string;
  shop_id: string;
  shop_name: string;
  problem_type: ProblemType;
  cases: number;
  owning_team: string;
  fix: string;
  effect: string | null;
  checklist_id: string | null;
  fact_refs: string[];
  updated_ms: number;
};

/**
 * The problem-attribution log of the member's shops (one shop, or the shops a creator account sells
 * for are not narrowed: a creator has no log of its own), most cases first.
 */
export async function listProblemLog(tx: Tx, scope: OrgScope, filter: QueueFilter): Promise<ProblemLogRow[]> {
  const shopOnly = filter.kind === "creator" ? { shopId: filter.shopId } : filter;
  const where = await queueOrders(tx, scope, shopOnly, { org: sql`p.org_id`, shop: sql`p.shop_id`, author: sql`null` });
  const rows = rowsOf<Row>(
    await tx.execute(sql`
      select p.id, p.shop_id, s.name as shop_name, p.problem_type, p.cases, p.owning_team, p.fix, p.effect, p.checklist_id, p.fact_refs,
             (extract(epoch from p.updated_at) * 1000)::float8 as updated_ms
        from problem_log_entries p
        join shops s on s.org_id = p.org_id and s.id = p.shop_id
       where ${where}
       order by p.cases desc, p.updated_at desc
       limit 500`),
  );
  return rows.map((row) => ({
    id: row.id,
    shopId: row.shop_id,
    shopName: row.shop_name,
    problemType: row.problem_type,
    cases: row.cases,
    owningTeam: row.owning_team,
    fix: row.fix,
    effect: row.effect,
    checklistId: row.checklist_id,
    factRefs: typeof row.fact_refs === "string" ? (JSON.parse(row.fact_refs) as string[]) : row.fact_refs,
    updatedAt: new Date(Number(row.updated_ms)).toISOString(),
  }));
}

/** Creates or edits an entry; a linked checklist must be one of the organisation's, on the same shop. */
export async function saveProblemLogEntry(tx: Tx, scope: OrgScope, input: ProblemLogEntryInput, now = new Date()): Promise<{ id: string }> {
  await assertShopVisible(tx, scope, input.shopId);
  if (input.checklistId) {
    const [checklist] = await tx
      .select({ id: checklists.id })
      .from(checklists)
      .where(and(eq(checklists.orgId, scope.orgId), eq(checklists.id, input.checklistId), eq(checklists.entityKind, "shop"), eq(checklists.entityId, input.shopId)));
    if (!checklist) throw badInput("queues.checklistNotFound", "checklistId");
  }
  const values = {
    shopId: input.shopId,
    problemType: input.problemType,
    cases: input.cases,
    owningTeam: input.owningTeam,
    fix: input.fix,
    effect: input.effect || null,
    checklistId: input.checklistId ?? null,
    factRefs: [...new Set(input.factRefs)],
    updatedAt: now,
  };
  let id = input.id;
  if (id) {
    const visible = await entryOfVisibleShop(tx, scope, id);
    const updated = await tx
      .update(problemLogEntries)
      .set(values)
      .where(and(eq(problemLogEntries.orgId, scope.orgId), eq(problemLogEntries.id, visible)))
      .returning({ id: problemLogEntries.id });
    if (updated.length === 0) throw notFound("queues.problemNotFound");
  } else {
    const [created] = await tx.insert(problemLogEntries).values({ ...values, orgId: scope.orgId, createdBy: scope.userId }).returning({ id: problemLogEntries.id });
    id = created?.id ?? "";
  }
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "queues.problem.save", target: id });
  return { id };
}

export async function deleteProblemLogEntry(tx: Tx, scope: OrgScope, id: string): Promise<void> {
  await entryOfVisibleShop(tx, scope, id);
  await tx.delete(problemLogEntries).where(and(eq(problemLogEntries.orgId, scope.orgId), eq(problemLogEntries.id, id)));
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "queues.problem.delete", target: id });
}

/** An entry of a shop the member sees; not found otherwise (the same answer as an entry that does not exist). */
async function entryOfVisibleShop(tx: Tx, scope: OrgScope, id: string): Promise<string> {
  const [entry] = await tx.select({ shopId: problemLogEntries.shopId }).from(problemLogEntries).where(and(eq(problemLogEntries.orgId, scope.orgId), eq(problemLogEntries.id, id)));
  if (!entry) throw notFound("queues.problemNotFound");
  await assertShopVisible(tx, scope, entry.shopId).catch(() => {
    throw notFound("queues.problemNotFound");
  });
  return id;
}
