import { and, asc, eq, getTableColumns, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Tx } from "@/db/client";
import { scoredEntityKinds, type ListEntitiesInput, type ScoredEntityKind } from "@/lib/contracts/entities";
import { categoryCodeFor } from "@/server/catalog/service";
import { notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { containsPattern } from "@/server/lib/search";
import { rowsOf, tableOf } from "./tables";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one platform we score today; the platform id is unique per organisation and platform. */
export const PLATFORM = "douyin" as const;

export const entityNotFound = (kind: ScoredEntityKind) => notFound(scoredEntityKinds[kind].notFoundKey);

/**
 * The rows of a kind a member may see. Limited members (e.g. a client brand's viewer) see only
 * their granted shops, and no creator account: those belong to the organisation as a whole.
 */
export function visibleEntities(kind: ScoredEntityKind, scope: OrgScope): SQL {
  const table = tableOf(kind);
  const inOrg = eq(table.orgId, scope.orgId);
  if (scope.shopIds === null) return inOrg;
  if (!scoredEntityKinds[kind].grantScoped || scope.shopIds.length === 0) return sql`false`;
  return and(inOrg, inArray(table.id, scope.shopIds)) ?? inOrg;
}

async function selectVisible<K extends ScoredEntityKind>(tx: Tx, scope: OrgScope, kind: K, where: SQL | undefined) {
  const table = tableOf(kind);
  return rowsOf(kind, await tx.select().from(table).where(and(visibleEntities(kind, scope), where)).orderBy(asc(table.name)));
}

export async function listEntities<K extends ScoredEntityKind>(tx: Tx, scope: OrgScope, kind: K, input: ListEntitiesInput) {
  const table = tableOf(kind);
  const filters: (SQL | undefined)[] = [];
  if (!input.includeArchived) filters.push(isNull(table.archivedAt));
  if (input.search) {
    const pattern = containsPattern(input.search);
    const columns: Record<string, AnyPgColumn> = getTableColumns(table);
    const searched = ["name", "externalId", ...scoredEntityKinds[kind].searchFields].flatMap((field) => columns[field] ?? []);
    filters.push(or(...searched.map((column) => ilike(column, pattern))));
  }
  if (input.category) filters.push(eq(table.categoryCode, await categoryCodeFor(tx, input.category)));
  return selectVisible(tx, scope, kind, and(...filters));
}

export async function getEntity<K extends ScoredEntityKind>(tx: Tx, scope: OrgScope, kind: K, id: string) {
  const [row] = await selectVisible(tx, scope, kind, eq(tableOf(kind).id, id));
  if (!row) throw entityNotFound(kind);
  return row;
}

/** An entity by its id, its platform id or its name, as the CLI and manifests name it. */
export async function findEntityByRef<K extends ScoredEntityKind>(tx: Tx, scope: OrgScope, kind: K, ref: string) {
  const table = tableOf(kind);
  const byPlatformId = eq(table.externalId, ref);
  const [row] = await selectVisible(tx, scope, kind, UUID.test(ref) ? or(eq(table.id, ref), byPlatformId) : or(byPlatformId, eq(table.name, ref)));
  if (!row) throw entityNotFound(kind);
  return row;
}

/** The organisation's entity with this platform id, whoever asks (create, update, bulk upsert). */
export async function findByExternalId<K extends ScoredEntityKind>(tx: Tx, orgId: string, kind: K, externalId: string) {
  const table = tableOf(kind);
  const rows = await tx
    .select()
    .from(table)
    .where(and(eq(table.orgId, orgId), eq(table.platform, PLATFORM), eq(table.externalId, externalId)));
  return rowsOf(kind, rows)[0];
}

/** Every id names an entity of the organisation (invitations, grants, imports), else its not-found error. */
export async function assertEntitiesInOrg(tx: Tx, kind: ScoredEntityKind, orgId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const table = tableOf(kind);
  const found = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.orgId, orgId), inArray(table.id, [...ids])));
  if (found.length !== new Set(ids).size) throw entityNotFound(kind);
}
