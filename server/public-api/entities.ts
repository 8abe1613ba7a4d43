import type { Tx } from "@/db/client";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import type { PublicEntity } from "@/lib/contracts/public-api";
import { getEntity, listEntities } from "@/server/entities/queries";
import type { OrgScope } from "@/server/lib/scope";

type EntityRow = { id: string; name: string; externalId: string; categoryCode: string; ruleSet: string; archivedAt: Date | null };

/** A shop or creator account as the public API shows it: identity and rule set, nothing internal. */
export const toPublicEntity = (kind: ScoredEntityKind, row: EntityRow): PublicEntity => ({
  id: row.id,
  kind,
  name: row.name,
  externalId: row.externalId,
  categoryCode: row.categoryCode,
  ruleSet: row.ruleSet,
  archived: row.archivedAt !== null,
});

export async function listPublicEntities(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, input: { search?: string; includeArchived?: "true" | "false" }) {
  const rows = await listEntities(tx, scope, kind, { search: input.search, includeArchived: input.includeArchived === "true" });
  return { items: rows.map((row) => toPublicEntity(kind, row)) };
}

export async function getPublicEntity(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, id: string): Promise<PublicEntity> {
  return toPublicEntity(kind, await getEntity(tx, scope, kind, id));
}
