import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { directoryCardDays, directoryCards } from "@/db/schema";
import { CARD_FIELDS, type CardField, type ListCardInput } from "@/lib/contracts/directory";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { scoredEntityKinds } from "@/lib/contracts/entities";
import { can } from "@/server/authz/permissions";
import { getEntity } from "@/server/entities/queries";
import { forbidden } from "@/server/lib/errors";
import { audit } from "@/server/lib/audit";
import type { OrgScope } from "@/server/lib/scope";
import { todayInShanghai, type Day } from "@/server/lib/time";
import { refreshDirectoryCards } from "./refresh";

/** Publishing is a change to the entity: it takes the kind's write permission (and, below, the member's reach). */
function assertMayPublish(scope: OrgScope, kind: EntityKind): void {
  if (!can(scope.role, scoredEntityKinds[kind].permissions.write)) throw forbidden();
}

/** A new card takes every stored day of its entity (at most the history the scorer keeps). */
const EARLIEST_DAY = "2000-01-01";

/** The chosen fields, once each, in the catalogue's order. */
const normalisedFields = (fields: readonly CardField[]) => CARD_FIELDS.filter((f) => fields.includes(f));

/**
 * Publishes (or republishes with other fields) an entity's card. getEntity applies the member's
 * reach, so a member limited to some shops lists only those. The values are rewritten from stored
 * scores with the new mask, so a field hidden now leaves the card and all its days at once.
 */
export async function listCard(tx: Tx, scope: OrgScope, input: ListCardInput, today: Day = todayInShanghai()) {
  assertMayPublish(scope, input.kind);
  const entity = await getEntity(tx, scope, input.kind, input.id);
  const fields = normalisedFields(input.fields);
  const contact = fields.includes("contact") ? (input.contact?.trim() || null) : null;
  const existing = await cardRow(tx, scope.orgId, input.kind, entity.id);
  let cardId: string;
  if (existing) {
    cardId = existing.id;
    // Hidden now: cleared from the card and every stored day before the refresh writes the visible ones.
    await tx.delete(directoryCardDays).where(and(eq(directoryCardDays.orgId, scope.orgId), eq(directoryCardDays.cardId, cardId)));
    await tx
      .update(directoryCards)
      .set({ fields, contact, day: null, overall: null, product: null, logistics: null, service: null, goodReviewRate: null, trend30: null, trend90: null, trend: null, indicators: null, updatedAt: new Date() })
      .where(and(eq(directoryCards.orgId, scope.orgId), eq(directoryCards.id, cardId)));
  } else {
    const [created] = await tx
      .insert(directoryCards)
      .values({ orgId: scope.orgId, entityKind: input.kind, entityId: entity.id, name: entity.name, platformId: entity.externalId, fields, contact })
      .returning({ id: directoryCards.id });
    if (!created) throw new Error("card insert returned no row");
    cardId = created.id;
  }
  await refreshDirectoryCards(tx, scope.orgId, { kind: input.kind, entityIds: [entity.id], from: EARLIEST_DAY, to: today });
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: existing ? "directory.relist" : "directory.list", target: `${input.kind}:${entity.id}`, data: { cardId, fields } });
  return { cardId, fields };
}

/** Removes the card and its days at once; shortlists elsewhere keep only its id and see it as unlisted. */
export async function unlistCard(tx: Tx, scope: OrgScope, kind: EntityKind, id: string) {
  assertMayPublish(scope, kind);
  const entity = await getEntity(tx, scope, kind, id);
  return { unlisted: await deleteCard(tx, scope, kind, entity.id, {}) };
}

/**
 * An archived entity leaves the directory with it: others would otherwise keep seeing a card that
 * no longer refreshes. The archive itself was the permission check; relisting after unarchiving is
 * the owner's choice again.
 */
export async function withdrawCardOfArchived(tx: Tx, scope: OrgScope, kind: EntityKind, entityId: string) {
  return deleteCard(tx, scope, kind, entityId, { reason: "archived" });
}

async function deleteCard(tx: Tx, scope: OrgScope, kind: EntityKind, entityId: string, data: Record<string, unknown>): Promise<boolean> {
  const deleted = await tx
    .delete(directoryCards)
    .where(and(eq(directoryCards.orgId, scope.orgId), eq(directoryCards.entityKind, kind), eq(directoryCards.entityId, entityId)))
    .returning({ id: directoryCards.id });
  if (deleted.length > 0) await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "directory.unlist", target: `${kind}:${entityId}`, data });
  return deleted.length > 0;
}

/** The entity's own card as the entity page's listing control shows it (null when not listed). */
export async function cardOfEntity(tx: Tx, scope: OrgScope, kind: EntityKind, id: string) {
  const entity = await getEntity(tx, scope, kind, id);
  const card = await cardRow(tx, scope.orgId, kind, entity.id);
  return card ? { cardId: card.id, fields: card.fields, contact: card.contact, day: card.day, listedAt: card.listedAt } : null;
}

async function cardRow(tx: Tx, orgId: string, kind: EntityKind, entityId: string) {
  const [row] = await tx
    .select({ id: directoryCards.id, fields: directoryCards.fields, contact: directoryCards.contact, day: directoryCards.day, listedAt: directoryCards.listedAt })
    .from(directoryCards)
    .where(and(eq(directoryCards.orgId, orgId), eq(directoryCards.entityKind, kind), eq(directoryCards.entityId, entityId)));
  return row ?? null;
}
