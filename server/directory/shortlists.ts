import { and, asc, count, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { shortlistItems, shortlists } from "@/db/schema";
import type { ShortlistStatus } from "@/lib/contracts/directory";
import { notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { cardsById } from "./search";
import type { PublicCard } from "./public-card";

const shortlistNotFound = () => notFound("shortlistNotFound");

export async function listShortlists(tx: Tx, scope: OrgScope) {
  const rows = await tx
    .select({ id: shortlists.id, name: shortlists.name, createdAt: shortlists.createdAt, items: count(shortlistItems.cardId) })
    .from(shortlists)
    .leftJoin(shortlistItems, and(eq(shortlistItems.orgId, shortlists.orgId), eq(shortlistItems.shortlistId, shortlists.id)))
    .where(eq(shortlists.orgId, scope.orgId))
    .groupBy(shortlists.id, shortlists.name, shortlists.createdAt)
    .orderBy(asc(shortlists.name));
  return rows;
}

async function assertShortlist(tx: Tx, scope: OrgScope, id: string) {
  const [row] = await tx.select({ id: shortlists.id, name: shortlists.name }).from(shortlists).where(and(eq(shortlists.orgId, scope.orgId), eq(shortlists.id, id)));
  if (!row) throw shortlistNotFound();
  return row;
}

export async function createShortlist(tx: Tx, scope: OrgScope, name: string) {
  const [row] = await tx.insert(shortlists).values({ orgId: scope.orgId, name, createdBy: scope.userId }).returning({ id: shortlists.id, name: shortlists.name });
  if (!row) throw new Error("shortlist insert returned no row");
  return row;
}

export async function renameShortlist(tx: Tx, scope: OrgScope, id: string, name: string) {
  await assertShortlist(tx, scope, id);
  await tx.update(shortlists).set({ name, updatedAt: new Date() }).where(and(eq(shortlists.orgId, scope.orgId), eq(shortlists.id, id)));
  return { id, name };
}

export async function deleteShortlist(tx: Tx, scope: OrgScope, id: string) {
  await assertShortlist(tx, scope, id);
  await tx.delete(shortlists).where(and(eq(shortlists.orgId, scope.orgId), eq(shortlists.id, id)));
  return { id };
}

export type ShortlistEntry = { cardId: string; note: string; status: ShortlistStatus; addedAt: Date; card: PublicCard | null };

/** A shortlist with each candidate's current published card (null once its owner unlisted it). */
export async function getShortlist(tx: Tx, scope: OrgScope, id: string) {
  const shortlist = await assertShortlist(tx, scope, id);
  const items = await tx
    .select({ cardId: shortlistItems.cardId, note: shortlistItems.note, status: shortlistItems.status, addedAt: shortlistItems.addedAt })
    .from(shortlistItems)
    .where(and(eq(shortlistItems.orgId, scope.orgId), eq(shortlistItems.shortlistId, id)))
    .orderBy(asc(shortlistItems.addedAt));
  const cards = new Map((await cardsById(tx, items.map((i) => i.cardId))).map((c) => [c.card, c]));
  const entries: ShortlistEntry[] = items.map((i) => ({ ...i, card: cards.get(i.cardId) ?? null }));
  return { ...shortlist, items: entries };
}

export async function addToShortlist(tx: Tx, scope: OrgScope, input: { shortlistId: string; cardId: string; note?: string }) {
  await assertShortlist(tx, scope, input.shortlistId);
  // Only a card that is listed now can be added; the same answer as for an id that never existed.
  const [card] = await cardsById(tx, [input.cardId]);
  if (!card) throw notFound("cardNotFound");
  await tx
    .insert(shortlistItems)
    .values({ orgId: scope.orgId, shortlistId: input.shortlistId, cardId: input.cardId, note: input.note ?? "" })
    .onConflictDoNothing();
  return { shortlistId: input.shortlistId, cardId: input.cardId };
}

export async function updateShortlistItem(tx: Tx, scope: OrgScope, input: { shortlistId: string; cardId: string; note?: string; status?: ShortlistStatus }) {
  await assertShortlist(tx, scope, input.shortlistId);
  const changed = await tx
    .update(shortlistItems)
    .set({ ...(input.note !== undefined ? { note: input.note } : {}), ...(input.status ? { status: input.status } : {}), updatedAt: new Date() })
    .where(and(eq(shortlistItems.orgId, scope.orgId), eq(shortlistItems.shortlistId, input.shortlistId), eq(shortlistItems.cardId, input.cardId)))
    .returning({ cardId: shortlistItems.cardId });
  if (changed.length === 0) throw notFound("cardNotFound");
  return input;
}

export async function removeFromShortlist(tx: Tx, scope: OrgScope, input: { shortlistId: string; cardId: string }) {
  await assertShortlist(tx, scope, input.shortlistId);
  await tx.delete(shortlistItems).where(and(eq(shortlistItems.orgId, scope.orgId), eq(shortlistItems.shortlistId, input.shortlistId), eq(shortlistItems.cardId, input.cardId)));
  return input;
}
