import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { checklistComments, checklistEvidenceFiles, checklistItems, checklists, users } from "@/db/schema";
import type { ChecklistStepView, ChecklistSummary, ChecklistView, TaskBucket, TaskRow } from "@/lib/contracts/checklists";
import type { ChecklistStatus } from "@/lib/contracts/playbooks";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { getEntity } from "@/server/entities/queries";
import { tableOf } from "@/server/entities/tables";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, todayInShanghai, type Day } from "@/server/lib/time";
import { canUpdateItem, canWriteChecklists, loadChecklist, membersWithAccess, visibleChecklists } from "./access";
import { effectPanel } from "./effect-summary";

type EntityRef = { entityKind: EntityKind; entityId: string };
type EntityInfo = { name: string; ownerUserId: string | null };

/** Names (and owners) of the entities checklists point at, read per kind. */
async function entitiesOf(tx: Tx, orgId: string, refs: readonly EntityRef[]): Promise<Map<string, EntityInfo>> {
  const found = new Map<string, EntityInfo>();
  for (const kind of ["shop", "creator"] as const) {
    const ids = [...new Set(refs.filter((r) => r.entityKind === kind).map((r) => r.entityId))];
    if (ids.length === 0) continue;
    const table = tableOf(kind);
    const rows = await tx
      .select({ id: table.id, name: table.name, ownerUserId: table.ownerUserId })
      .from(table)
      .where(and(eq(table.orgId, orgId), inArray(table.id, ids)));
    for (const row of rows) found.set(`${kind}/${row.id}`, { name: row.name, ownerUserId: row.ownerUserId });
  }
  return found;
}

export async function getChecklistView(tx: Tx, scope: OrgScope, id: string): Promise<ChecklistView> {
  const checklist = await loadChecklist(tx, scope, id);
  const entity = await getEntity(tx, scope, checklist.entityKind, checklist.entityId);
  const items = await tx
    .select()
    .from(checklistItems)
    .where(and(eq(checklistItems.orgId, scope.orgId), eq(checklistItems.checklistId, checklist.id)))
    .orderBy(asc(checklistItems.position), asc(checklistItems.occurrence));
  const itemIds = items.map((i) => i.id);
  const comments = itemIds.length
    ? await tx
        .select({ id: checklistComments.id, itemId: checklistComments.itemId, authorUserId: checklistComments.authorUserId, authorName: users.name, body: checklistComments.body, createdAt: checklistComments.createdAt })
        .from(checklistComments)
        .leftJoin(users, eq(users.id, checklistComments.authorUserId))
        .where(and(eq(checklistComments.orgId, scope.orgId), inArray(checklistComments.itemId, itemIds)))
        .orderBy(asc(checklistComments.createdAt))
    : [];
  const files = itemIds.length
    ? await tx
        .select({ id: checklistEvidenceFiles.id, itemId: checklistEvidenceFiles.itemId, fileName: checklistEvidenceFiles.fileName, contentType: checklistEvidenceFiles.contentType, byteSize: checklistEvidenceFiles.byteSize, createdAt: checklistEvidenceFiles.createdAt })
        .from(checklistEvidenceFiles)
        .where(and(eq(checklistEvidenceFiles.orgId, scope.orgId), inArray(checklistEvidenceFiles.itemId, itemIds)))
        .orderBy(asc(checklistEvidenceFiles.createdAt))
    : [];
  const steps: ChecklistStepView[] = checklist.playbook.steps.map((step, position) => ({
    key: step.key,
    position,
    textZh: step.textZh,
    textEn: step.textEn,
    cadence: step.cadence,
    evidenceKind: step.evidence,
    items: [],
  }));
  for (const item of items) {
    let step = steps.find((s) => s.key === item.stepKey);
    if (!step) {
      step = { key: item.stepKey, position: item.position, textZh: item.textZh, textEn: item.textEn, cadence: item.cadence, evidenceKind: item.evidenceKind, items: [] };
      steps.push(step);
    }
    step.items.push({
      id: item.id,
      stepKey: item.stepKey,
      position: item.position,
      occurrence: item.occurrence,
      textZh: item.textZh,
      textEn: item.textEn,
      cadence: item.cadence,
      evidenceKind: item.evidenceKind,
      assigneeUserId: item.assigneeUserId,
      dueDay: item.dueDay,
      status: item.status,
      evidenceNote: item.evidenceNote,
      evidenceUrl: item.evidenceUrl,
      completedAt: item.completedAt,
      comments: comments.filter((c) => c.itemId === item.id).map(({ itemId: _itemId, ...c }) => c),
      files: files.filter((f) => f.itemId === item.id).map(({ itemId: _itemId, ...f }) => f),
      canUpdate: checklist.status === "open" && canUpdateItem(scope, item),
    });
  }
  // Newest occurrence first within a step: today's work on top.
  for (const step of steps) step.items.sort((a, b) => b.occurrence - a.occurrence);
  return {
    id: checklist.id,
    entityKind: checklist.entityKind,
    entityId: checklist.entityId,
    entityName: entity.name,
    playbookCode: checklist.playbookCode,
    titleZh: checklist.playbook.titleZh,
    titleEn: checklist.playbook.titleEn,
    dimension: checklist.playbook.dimension,
    reason: checklist.reason,
    status: checklist.status,
    startDay: checklist.startDay,
    dueDay: checklist.dueDay,
    closedAt: checklist.closedAt,
    steps,
    assignable: await membersWithAccess(tx, scope.orgId, checklist.entityKind, checklist.entityId),
    canWrite: checklist.status === "open" && canWriteChecklists(scope),
    effect: await effectPanel(tx, scope.orgId, checklist),
  };
}

const itemCounts = (today: Day) => ({
  itemsTotal: sql<number>`count(${checklistItems.id})::int`,
  itemsDone: sql<number>`count(${checklistItems.id}) filter (where ${checklistItems.status} in ('done', 'skipped'))::int`,
  itemsOverdue: sql<number>`count(${checklistItems.id}) filter (where ${checklistItems.status} in ('todo', 'in_progress') and ${checklistItems.dueDay} < ${today})::int`,
  nextDueDay: sql<string | null>`min(${checklistItems.dueDay}) filter (where ${checklistItems.status} in ('todo', 'in_progress'))`,
});

/** Checklists the member may see, with progress: the agency view (all shops) and an entity's card (one). */
export async function listChecklists(
  tx: Tx,
  scope: OrgScope,
  filter: { status?: ChecklistStatus; entityKind?: EntityKind; entityId?: string; ownerUserId?: string; today?: Day } = {},
): Promise<ChecklistSummary[]> {
  const today = filter.today ?? todayInShanghai();
  const rows = await tx
    .select({
      id: checklists.id,
      entityKind: checklists.entityKind,
      entityId: checklists.entityId,
      playbookCode: checklists.playbookCode,
      playbook: checklists.playbook,
      status: checklists.status,
      startDay: checklists.startDay,
      dueDay: checklists.dueDay,
      ...itemCounts(today),
    })
    .from(checklists)
    .leftJoin(checklistItems, and(eq(checklistItems.orgId, checklists.orgId), eq(checklistItems.checklistId, checklists.id)))
    .where(
      and(
        visibleChecklists(scope),
        filter.status ? eq(checklists.status, filter.status) : undefined,
        filter.entityKind ? eq(checklists.entityKind, filter.entityKind) : undefined,
        filter.entityId ? eq(checklists.entityId, filter.entityId) : undefined,
      ),
    )
    .groupBy(checklists.orgId, checklists.id)
    .orderBy(asc(checklists.startDay));
  const entities = await entitiesOf(tx, scope.orgId, rows);
  const ownerIds = [...new Set([...entities.values()].flatMap((e) => (e.ownerUserId ? [e.ownerUserId] : [])))];
  const owners = new Map(
    ownerIds.length ? (await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ownerIds))).map((u) => [u.id, u.name]) : [],
  );
  return rows.flatMap(({ playbook, ...row }) => {
    const entity = entities.get(`${row.entityKind}/${row.entityId}`);
    if (!entity) return [];
    if (filter.ownerUserId && entity.ownerUserId !== filter.ownerUserId) return [];
    return [
      {
        ...row,
        entityName: entity.name,
        titleZh: playbook.titleZh,
        titleEn: playbook.titleEn,
        ownerUserId: entity.ownerUserId,
        ownerName: entity.ownerUserId ? (owners.get(entity.ownerUserId) ?? null) : null,
      },
    ];
  });
}

export function bucketOf(dueDay: Day | null, today: Day): TaskBucket {
  if (dueDay === null) return "later";
  if (dueDay < today) return "overdue";
  if (dueDay === today) return "today";
  if (dueDay <= addDays(today, 6)) return "week";
  return "later";
}

/** The caller's open items across the shops and creator accounts they may see, soonest due first. */
export async function myTasks(tx: Tx, scope: OrgScope, today: Day = todayInShanghai()): Promise<TaskRow[]> {
  if (!scope.userId) return [];
  const rows = await tx
    .select({
      itemId: checklistItems.id,
      checklistId: checklists.id,
      entityKind: checklists.entityKind,
      entityId: checklists.entityId,
      playbook: checklists.playbook,
      textZh: checklistItems.textZh,
      textEn: checklistItems.textEn,
      occurrence: checklistItems.occurrence,
      cadence: checklistItems.cadence,
      dueDay: checklistItems.dueDay,
      status: checklistItems.status,
    })
    .from(checklistItems)
    .innerJoin(checklists, and(eq(checklists.orgId, checklistItems.orgId), eq(checklists.id, checklistItems.checklistId)))
    .where(
      and(
        visibleChecklists(scope),
        eq(checklists.status, "open"),
        eq(checklistItems.orgId, scope.orgId),
        eq(checklistItems.assigneeUserId, scope.userId),
        inArray(checklistItems.status, ["todo", "in_progress"]),
      ),
    )
    .orderBy(sql`${checklistItems.dueDay} asc nulls last`, asc(checklistItems.position));
  const entities = await entitiesOf(tx, scope.orgId, rows);
  return rows.flatMap(({ playbook, ...row }) => {
    const entity = entities.get(`${row.entityKind}/${row.entityId}`);
    if (!entity) return [];
    return [{ ...row, entityName: entity.name, titleZh: playbook.titleZh, titleEn: playbook.titleEn, bucket: bucketOf(row.dueDay, today) }];
  });
}
