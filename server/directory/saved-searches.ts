import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { savedSearches } from "@/db/schema";
import { saveSearchInput, type SaveSearchInput } from "@/lib/contracts/directory";
import { notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { todayInShanghai, type Day } from "@/server/lib/time";
import { matchOrganisation } from "./matcher";

export async function listSavedSearches(tx: Tx, scope: OrgScope) {
  return tx
    .select({ id: savedSearches.id, name: savedSearches.name, filter: savedSearches.filter, bar: savedSearches.bar, createdAt: savedSearches.createdAt })
    .from(savedSearches)
    .where(eq(savedSearches.orgId, scope.orgId))
    .orderBy(asc(savedSearches.name));
}

/**
 * Saves a search for the member. What matches it now is what they are looking at, so it is
 * recorded as already known: only cards that come to match later are notified.
 */
export async function saveSearch(tx: Tx, scope: OrgScope, raw: SaveSearchInput, today: Day = todayInShanghai()) {
  const input = saveSearchInput.parse(raw);
  const [row] = await tx
    .insert(savedSearches)
    .values({ orgId: scope.orgId, userId: scope.userId, name: input.name, filter: input.filter, bar: input.bar })
    .returning({ id: savedSearches.id, name: savedSearches.name });
  if (!row) throw new Error("saved search insert returned no row");
  await matchOrganisation(tx, scope.orgId, today, { silentFor: row.id });
  return row;
}

export async function deleteSavedSearch(tx: Tx, scope: OrgScope, id: string) {
  const deleted = await tx.delete(savedSearches).where(and(eq(savedSearches.orgId, scope.orgId), eq(savedSearches.id, id))).returning({ id: savedSearches.id });
  if (deleted.length === 0) throw notFound("savedSearchNotFound");
  return { id };
}
