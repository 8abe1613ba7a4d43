import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { checklistItems, checklists, memberships, membershipShopGrants, users } from "@/db/schema";
import type { ChecklistMember } from "@/lib/contracts/checklists";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { can } from "@/server/authz/permissions";
import { AppError, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";

/**
 * Who sees and who changes a checklist. A checklist is as visible as its entity: a member limited
 * to some shops sees the checklists of those shops only, and none of creator accounts (as
 * entities/queries.ts visibleEntities decides for the entities themselves).
 */
export function visibleChecklists(scope: OrgScope): SQL {
  const inOrg = eq(checklists.orgId, scope.orgId);
  if (scope.shopIds === null) return inOrg;
  if (scope.shopIds.length === 0) return sql`false`;
  return and(inOrg, eq(checklists.entityKind, "shop"), inArray(checklists.entityId, scope.shopIds)) ?? inOrg;
}

export const checklistNotFound = () => notFound("checklistNotFound");
export const itemNotFound = () => notFound("checklistItemNotFound");

export async function loadChecklist(tx: Tx, scope: OrgScope, id: string) {
  const [row] = await tx
    .select()
    .from(checklists)
    .where(and(visibleChecklists(scope), eq(checklists.id, id)));
  if (!row) throw checklistNotFound();
  return row;
}

export async function loadItem(tx: Tx, scope: OrgScope, itemId: string) {
  const [row] = await tx
    .select({ item: checklistItems, checklist: checklists })
    .from(checklistItems)
    .innerJoin(checklists, and(eq(checklists.orgId, checklistItems.orgId), eq(checklists.id, checklistItems.checklistId)))
    .where(and(visibleChecklists(scope), eq(checklistItems.orgId, scope.orgId), eq(checklistItems.id, itemId)));
  if (!row) throw itemNotFound();
  return row;
}

export const canWriteChecklists = (scope: OrgScope) => can(scope.role, "checklists.write");

/** Writers change any item; any other member only the items assigned to them. */
export function canUpdateItem(scope: OrgScope, item: { assigneeUserId: string | null }): boolean {
  return canWriteChecklists(scope) || (scope.userId !== null && item.assigneeUserId === scope.userId);
}

export function assertCanUpdateItem(scope: OrgScope, item: { assigneeUserId: string | null }): void {
  if (!canUpdateItem(scope, item)) throw new AppError("FORBIDDEN", "errors.checklistItemReadOnly");
}

export function assertCanWrite(scope: OrgScope): void {
  if (!canWriteChecklists(scope)) throw new AppError("FORBIDDEN", "errors.forbidden");
}

export function assertOpen(checklist: { status: string }): void {
  if (checklist.status !== "open") throw new AppError("CONFLICT", "errors.checklistClosed");
}

/**
 * The members who may own work on an entity: every member not limited to grants, and limited
 * members granted that shop (creator accounts belong to the organisation as a whole).
 */
export async function membersWithAccess(tx: Tx, orgId: string, kind: EntityKind, entityId: string, only?: string): Promise<ChecklistMember[]> {
  const granted = sql<boolean>`exists (select 1 from ${membershipShopGrants} g where g.org_id = ${memberships.orgId} and g.user_id = ${memberships.userId} and g.shop_id = ${entityId})`;
  const access = kind === "shop" ? sql`(${memberships.limitedToGrants} = false or ${granted})` : sql`${memberships.limitedToGrants} = false`;
  return tx
    .select({ userId: memberships.userId, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), access, only ? eq(memberships.userId, only) : undefined))
    .orderBy(users.name);
}
