import { randomBytes } from "node:crypto";
import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { shops } from "@/db/schema";
import { categoryCodeFor } from "@/server/catalog/service";
import { upsertByExternalId, type EntityListRow } from "@/server/catalog/upsert-by-external-id";
import { audit } from "@/server/lib/audit";
import { conflict, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { containsPattern } from "@/server/lib/search";
import type { CreateShopInput, ListShopsInput, UpdateShopInput } from "./schemas";

/** Every id names a shop of the organisation (invitations, grants, imports), else shopNotFound. */
export async function assertShopsInOrg(tx: Tx, orgId: string, shopIds: readonly string[]): Promise<void> {
  if (shopIds.length === 0) return;
  const found = await tx
    .select({ id: shops.id })
    .from(shops)
    .where(and(eq(shops.orgId, orgId), inArray(shops.id, [...shopIds])));
  if (found.length !== new Set(shopIds).size) throw notFound("shopNotFound");
}

/** Limited members (e.g. a client brand's viewer) only ever see their granted shops. */
export function visibleShops(scope: OrgScope): SQL {
  const inOrg = eq(shops.orgId, scope.orgId);
  if (scope.shopIds === null) return inOrg;
  if (scope.shopIds.length === 0) return sql`false`;
  return and(inOrg, inArray(shops.id, scope.shopIds)) ?? inOrg;
}

export async function listShops(tx: Tx, scope: OrgScope, input: ListShopsInput) {
  const filters: (SQL | undefined)[] = [visibleShops(scope)];
  if (!input.includeArchived) filters.push(isNull(shops.archivedAt));
  if (input.search) filters.push(or(ilike(shops.name, containsPattern(input.search)), ilike(shops.externalId, containsPattern(input.search))));
  if (input.category) filters.push(eq(shops.categoryCode, await categoryCodeFor(tx, input.category)));
  return tx
    .select()
    .from(shops)
    .where(and(...filters))
    .orderBy(asc(shops.name));
}

export async function getShop(tx: Tx, scope: OrgScope, id: string) {
  const [shop] = await tx.select().from(shops).where(and(visibleShops(scope), eq(shops.id, id)));
  if (!shop) throw notFound("shopNotFound");
  return shop;
}

/** A shop by its id or its platform id, as the CLI and manifests name it. */
export async function findShopByRef(tx: Tx, scope: OrgScope, ref: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const [shop] = await tx
    .select()
    .from(shops)
    .where(and(visibleShops(scope), isUuid ? or(eq(shops.id, ref), eq(shops.externalId, ref)) : or(eq(shops.externalId, ref), eq(shops.name, ref))));
  if (!shop) throw notFound("shopNotFound");
  return shop;
}

const generatedExternalId = () => `manual-${randomBytes(5).toString("hex")}`;

export async function createShop(tx: Tx, scope: OrgScope, input: CreateShopInput) {
  const categoryCode = await categoryCodeFor(tx, input.category);
  const externalId = input.externalId ?? generatedExternalId();
  const [existing] = await tx
    .select({ id: shops.id })
    .from(shops)
    .where(and(eq(shops.orgId, scope.orgId), eq(shops.platform, "douyin"), eq(shops.externalId, externalId)));
  if (existing) throw conflict("externalIdTaken", "externalId");
  const [shop] = await tx
    .insert(shops)
    .values({
      orgId: scope.orgId,
      name: input.name,
      categoryCode,
      externalId,
      openedAt: input.openedAt ?? null,
      ...(input.ruleSet ? { ruleSet: input.ruleSet } : {}),
    })
    .returning();
  if (!shop) throw new Error("insert returned no row");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "shop.create", target: shop.id, data: { name: shop.name } });
  return shop;
}

export async function updateShop(tx: Tx, scope: OrgScope, input: UpdateShopInput) {
  const current = await getShop(tx, scope, input.id);
  const patch: Partial<typeof shops.$inferInsert> = { updatedAt: new Date() };
  if (input.name !== undefined) patch.name = input.name;
  if (input.category !== undefined) patch.categoryCode = await categoryCodeFor(tx, input.category);
  if (input.openedAt !== undefined) patch.openedAt = input.openedAt ?? null;
  if (input.ruleSet !== undefined) patch.ruleSet = input.ruleSet;
  if (input.externalId !== undefined && input.externalId !== current.externalId) {
    const [taken] = await tx
      .select({ id: shops.id })
      .from(shops)
      .where(and(eq(shops.orgId, scope.orgId), eq(shops.externalId, input.externalId)));
    if (taken) throw conflict("externalIdTaken", "externalId");
    patch.externalId = input.externalId;
  }
  const [shop] = await tx.update(shops).set(patch).where(and(eq(shops.orgId, scope.orgId), eq(shops.id, input.id))).returning();
  if (!shop) throw notFound("shopNotFound");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "shop.update", target: shop.id, data: patch });
  return shop;
}

export async function setShopArchived(tx: Tx, scope: OrgScope, id: string, archived: boolean) {
  await getShop(tx, scope, id);
  const [shop] = await tx
    .update(shops)
    .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
    .where(and(eq(shops.orgId, scope.orgId), eq(shops.id, id)))
    .returning();
  if (!shop) throw notFound("shopNotFound");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: archived ? "shop.archive" : "shop.unarchive", target: id });
  return shop;
}

/** Bulk create-or-update by external id: re-running the same list never duplicates a shop. */
export function upsertShops(tx: Tx, scope: OrgScope, rows: EntityListRow[]) {
  return upsertByExternalId(tx, rows, {
    find: async (externalId) =>
      (await tx.select().from(shops).where(and(eq(shops.orgId, scope.orgId), eq(shops.platform, "douyin"), eq(shops.externalId, externalId))))[0],
    create: (row) => createShop(tx, scope, row),
    update: (id, row) => updateShop(tx, scope, { id, name: row.name, category: row.categoryCode }),
  });
}
