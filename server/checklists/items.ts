import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { checklistComments, checklistEvidenceFiles, checklistItems, checklists } from "@/db/schema";
import type { SetItemStatusInput } from "@/lib/contracts/checklists";
import { audit } from "@/server/lib/audit";
import { AppError, badInput } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { assertCanUpdateItem, assertCanWrite, assertOpen, loadChecklist, loadItem, membersWithAccess } from "./access";

async function writeItem(tx: Tx, scope: OrgScope, itemId: string, patch: Partial<typeof checklistItems.$inferInsert>) {
  const [row] = await tx
    .update(checklistItems)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(checklistItems.orgId, scope.orgId), eq(checklistItems.id, itemId)))
    .returning();
  if (!row) throw new Error("checklist item vanished inside its transaction");
  return row;
}

/** The assignee must be a member who can see the entity; a limited member only for the shops granted to them. */
export async function assignItem(tx: Tx, scope: OrgScope, input: { itemId: string; assigneeUserId: string | null }) {
  assertCanWrite(scope);
  const { item, checklist } = await loadItem(tx, scope, input.itemId);
  assertOpen(checklist);
  if (input.assigneeUserId) {
    const [member] = await membersWithAccess(tx, scope.orgId, checklist.entityKind, checklist.entityId, input.assigneeUserId);
    if (!member) throw badInput("assigneeWithoutAccess", "assigneeUserId");
  }
  const row = await writeItem(tx, scope, item.id, { assigneeUserId: input.assigneeUserId });
  await audit(tx, {
    orgId: scope.orgId,
    actorUserId: scope.userId,
    action: "checklist.item.assign",
    target: item.id,
    data: { checklistId: checklist.id, from: item.assigneeUserId, to: input.assigneeUserId },
  });
  return row;
}

export async function setItemDue(tx: Tx, scope: OrgScope, input: { itemId: string; dueDay: string | null }) {
  assertCanWrite(scope);
  const { item, checklist } = await loadItem(tx, scope, input.itemId);
  assertOpen(checklist);
  const row = await writeItem(tx, scope, item.id, { dueDay: input.dueDay });
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "checklist.item.due", target: item.id, data: { from: item.dueDay, to: input.dueDay } });
  return row;
}

async function fileCount(tx: Tx, orgId: string, itemId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(checklistEvidenceFiles)
    .where(and(eq(checklistEvidenceFiles.orgId, orgId), eq(checklistEvidenceFiles.itemId, itemId)));
  return row?.n ?? 0;
}

/**
 * Any status may follow any other (work reopens), but "done" on a step that asks for evidence
 * needs it: a note, a link, or an uploaded file, as the step says.
 */
export async function setItemStatus(tx: Tx, scope: OrgScope, input: SetItemStatusInput) {
  const { item, checklist } = await loadItem(tx, scope, input.itemId);
  assertCanUpdateItem(scope, item);
  assertOpen(checklist);
  const note = input.evidenceNote !== undefined ? input.evidenceNote || null : item.evidenceNote;
  const url = input.evidenceUrl !== undefined ? input.evidenceUrl || null : item.evidenceUrl;
  if (input.status === "done") {
    const missing =
      (item.evidenceKind === "note" && !note) ||
      (item.evidenceKind === "link" && !url) ||
      (item.evidenceKind === "file" && (await fileCount(tx, scope.orgId, item.id)) === 0);
    if (missing) throw new AppError("BAD_INPUT", `errors.evidenceRequired.${item.evidenceKind}`, { field: "evidence" });
  }
  const done = input.status === "done";
  const row = await writeItem(tx, scope, item.id, {
    status: input.status,
    evidenceNote: note,
    evidenceUrl: url,
    completedAt: done ? (item.status === "done" ? item.completedAt : new Date()) : null,
    completedBy: done ? (item.status === "done" ? item.completedBy : scope.userId) : null,
  });
  if (item.status !== input.status) {
    await audit(tx, {
      orgId: scope.orgId,
      actorUserId: scope.userId,
      action: "checklist.item.status",
      target: item.id,
      data: { checklistId: checklist.id, from: item.status, to: input.status },
    });
  }
  return row;
}

export async function addComment(tx: Tx, scope: OrgScope, input: { itemId: string; body: string }) {
  const { item } = await loadItem(tx, scope, input.itemId);
  assertCanUpdateItem(scope, item);
  const [row] = await tx.insert(checklistComments).values({ orgId: scope.orgId, itemId: item.id, authorUserId: scope.userId, body: input.body }).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Closing keeps the items as they are: "done" records that the work ended, "cancelled" that it was abandoned. */
export async function closeChecklist(tx: Tx, scope: OrgScope, input: { id: string; outcome: "done" | "cancelled" }) {
  assertCanWrite(scope);
  const checklist = await loadChecklist(tx, scope, input.id);
  assertOpen(checklist);
  const [row] = await tx
    .update(checklists)
    .set({ status: input.outcome, closedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(checklists.orgId, scope.orgId), eq(checklists.id, checklist.id)))
    .returning();
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: `checklist.${input.outcome === "done" ? "close" : "cancel"}`, target: checklist.id });
  return row;
}
