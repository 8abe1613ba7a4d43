import { and, asc, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { creators } from "@/db/schema";
import { categoryCodeFor } from "@/server/catalog/service";
import { upsertByExternalId, type EntityListRow } from "@/server/catalog/upsert-by-external-id";
import { audit } from "@/server/lib/audit";
import { conflict, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { containsPattern } from "@/server/lib/search";
import type { CreateCreatorInput, ListCreatorsInput, UpdateCreatorInput } from "./schemas";

/** Creator accounts belong to the organisation as a whole: members limited to shops see none. */
function visibleCreators(scope: OrgScope): SQL {
  return scope.shopIds === null ? eq(creators.orgId, scope.orgId) : sql`false`;
}

export async function listCreators(tx: Tx, scope: OrgScope, input: ListCreatorsInput) {
  const filters: (SQL | undefined)[] = [visibleCreators(scope)];
  if (!input.includeArchived) filters.push(isNull(creators.archivedAt));
  if (input.search) {
    filters.push(or(ilike(creators.name, containsPattern(input.search)), ilike(creators.externalId, containsPattern(input.search)), ilike(creators.handle, containsPattern(input.search))));
  }
  if (input.category) filters.push(eq(creators.categoryCode, await categoryCodeFor(tx, input.category)));
  return tx.select().from(creators).where(and(...filters)).orderBy(asc(creators.name));
}

export async function getCreator(tx: Tx, scope: OrgScope, id: string) {
  const [row] = await tx.select().from(creators).where(and(visibleCreators(scope), eq(creators.id, id)));
  if (!row) throw notFound("creatorNotFound");
  return row;
}

export async function findCreatorByRef(tx: Tx, scope: OrgScope, ref: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const [row] = await tx
    .select()
    .from(creators)
    .where(and(visibleCreators(scope), isUuid ? or(eq(creators.id, ref), eq(creators.externalId, ref)) : eq(creators.externalId, ref)));
  if (!row) throw notFound("creatorNotFound");
  return row;
}

export async function createCreator(tx: Tx, scope: OrgScope, input: CreateCreatorInput) {
  const categoryCode = await categoryCodeFor(tx, input.category);
  const [taken] = await tx
    .select({ id: creators.id })
    .from(creators)
    .where(and(eq(creators.orgId, scope.orgId), eq(creators.externalId, input.externalId)));
  if (taken) throw conflict("externalIdTaken", "externalId");
  const [row] = await tx
    .insert(creators)
    .values({ orgId: scope.orgId, name: input.name, externalId: input.externalId, handle: input.handle ?? null, categoryCode, ...(input.ruleSet ? { ruleSet: input.ruleSet } : {}) })
    .returning();
  if (!row) throw new Error("insert returned no row");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "creator.create", target: row.id, data: { name: row.name } });
  return row;
}

export async function updateCreator(tx: Tx, scope: OrgScope, input: UpdateCreatorInput) {
  const current = await getCreator(tx, scope, input.id);
  const patch: Partial<typeof creators.$inferInsert> = { updatedAt: new Date() };
  if (input.name !== undefined) patch.name = input.name;
  if (input.handle !== undefined) patch.handle = input.handle ?? null;
  if (input.category !== undefined) patch.categoryCode = await categoryCodeFor(tx, input.category);
  if (input.ruleSet !== undefined) patch.ruleSet = input.ruleSet;
  if (input.externalId !== undefined && input.externalId !== current.externalId) {
    const [taken] = await tx.select({ id: creators.id }).from(creators).where(and(eq(creators.orgId, scope.orgId), eq(creators.externalId, input.externalId)));
    if (taken) throw conflict("externalIdTaken", "externalId");
    patch.externalId = input.externalId;
  }
  const [row] = await tx.update(creators).set(patch).where(and(eq(creators.orgId, scope.orgId), eq(creators.id, input.id))).returning();
  if (!row) throw notFound("creatorNotFound");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "creator.update", target: row.id, data: patch });
  return row;
}

export async function setCreatorArchived(tx: Tx, scope: OrgScope, id: string, archived: boolean) {
  await getCreator(tx, scope, id);
  const [row] = await tx
    .update(creators)
    .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
    .where(and(eq(creators.orgId, scope.orgId), eq(creators.id, id)))
    .returning();
  if (!row) throw notFound("creatorNotFound");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: archived ? "creator.archive" : "creator.unarchive", target: id });
  return row;
}

export function upsertCreators(tx: Tx, scope: OrgScope, rows: EntityListRow[]) {
  return upsertByExternalId(tx, rows, {
    find: async (externalId) => (await tx.select().from(creators).where(and(eq(creators.orgId, scope.orgId), eq(creators.externalId, externalId))))[0],
    create: (row) => createCreator(tx, scope, row),
    update: (id, row) => updateCreator(tx, scope, { id, name: row.name, category: row.categoryCode }),
  });
}
