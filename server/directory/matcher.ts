import { and, eq, ne, sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { savedSearches, savedSearchHits, shortlistItems } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { creatorBarSchema, directoryFilterSchema, scaleOfFilter, type CreatorBar } from "@/lib/contracts/directory";
import { withTenant } from "@/server/db/tenant";
import { logger } from "@/server/lib/logger";
import { todayInShanghai, type Day } from "@/server/lib/time";
import { notify, type NewNotification } from "@/server/notifications/service";
import type { PublicCard } from "./public-card";
import { cardsById, matchingCardIds } from "./search";

/**
 * Tells members when the directory changes in a way they asked about: a card newly matching one of
 * their saved searches (once per search and card, ever), and a shortlisted card falling under a
 * saved search's bar (once, until it is back above it). Idempotent: what was told is recorded in
 * saved_search_hits in the same transaction as the notification, so running it twice tells nothing twice.
 */
export async function runDirectoryMatcher(handle: DbHandle, today: Day = todayInShanghai()): Promise<number> {
  const orgIds = rowsOf<{ org_id: string }>(await withTenant(handle, { orgId: null }, (tx) => tx.execute(sql`select koubei_orgs_with_saved_searches() as org_id`)));
  let sent = 0;
  for (const { org_id: orgId } of orgIds) {
    try {
      sent += await withTenant(handle, { orgId }, (tx) => matchOrganisation(tx, orgId, today));
    } catch (error) {
      // One organisation's bad saved search must not keep the others uninformed.
      logger.error({ err: error, orgId }, "directory matcher failed for an organisation");
    }
  }
  return sent;
}

/** Under the bar: its score bound is read on the search's scale, so a card on another scale is judged by its good-review rate only. */
const below = (card: PublicCard, bar: CreatorBar, scale: number) =>
  (bar.minScore !== undefined && card.scale.max === scale && typeof card.overall === "number" && card.overall < bar.minScore) ||
  (bar.minGoodReviewRate !== undefined && typeof card.goodReviewRate === "number" && card.goodReviewRate < bar.minGoodReviewRate);

const cardParams = (card: PublicCard, search: string) => ({
  search,
  name: card.name,
  category: card.category?.nameZh ?? "",
  // With its scale: an 85 out of 100 is never read as a score out of 5.
  overall: typeof card.overall === "number" ? `${card.overall.toFixed(card.scoreDecimals)}/${card.scale.max}` : "—",
  goodReviewRate: typeof card.goodReviewRate === "number" ? `${(card.goodReviewRate * 100).toFixed(1)}%` : "—",
});

/** One organisation's saved searches against the cards now; `silentFor` records a new search's current matches without telling. */
export async function matchOrganisation(tx: Tx, orgId: string, today: Day, options: { silentFor?: string } = {}): Promise<number> {
  const searches = await tx.select().from(savedSearches).where(eq(savedSearches.orgId, orgId));
  if (searches.length === 0) return 0;
  const shortlisted = [
    ...new Set(
      (await tx.selectDistinct({ cardId: shortlistItems.cardId }).from(shortlistItems).where(and(eq(shortlistItems.orgId, orgId), ne(shortlistItems.status, "dropped")))).map(
        (r) => r.cardId,
      ),
    ),
  ];
  const shortlistedCards = await cardsById(tx, shortlisted);
  const messages: NewNotification[] = [];
  for (const search of searches) {
    if (options.silentFor && search.id !== options.silentFor) continue;
    const silent = options.silentFor === search.id;
    const filter = directoryFilterSchema.safeParse(search.filter);
    const bar = creatorBarSchema.safeParse(search.bar);
    if (!filter.success || !bar.success) continue;
    const hits = await tx.select({ cardId: savedSearchHits.cardId, kind: savedSearchHits.kind }).from(savedSearchHits).where(and(eq(savedSearchHits.orgId, orgId), eq(savedSearchHits.searchId, search.id)));
    const told = (kind: "match" | "below_bar") => new Set(hits.filter((h) => h.kind === kind).map((h) => h.cardId));
    // The compare view of the one card shows everything its owner publishes.
    const link = (cardId: string) => `/o/${orgId}/directory/compare?cards=${cardId}`;

    const knownMatches = told("match");
    const newMatches = (await matchingCardIds(tx, filter.data, null, today)).filter((id) => !knownMatches.has(id));
    if (newMatches.length > 0) {
      await tx.insert(savedSearchHits).values(newMatches.map((cardId) => ({ orgId, searchId: search.id, cardId, kind: "match" as const }))).onConflictDoNothing();
      if (!silent)
        for (const card of await cardsById(tx, newMatches))
          messages.push({ orgId, userId: search.userId, kind: "directory.match", messageKey: "notifications.directoryMatch", params: cardParams(card, search.name), link: link(card.card) });
    }

    const knownBelow = told("below_bar");
    const under = shortlistedCards.filter((card) => below(card, bar.data, scaleOfFilter(filter.data)));
    const newlyUnder = under.filter((card) => !knownBelow.has(card.card));
    if (newlyUnder.length > 0) {
      await tx.insert(savedSearchHits).values(newlyUnder.map((card) => ({ orgId, searchId: search.id, cardId: card.card, kind: "below_bar" as const }))).onConflictDoNothing();
      if (!silent)
        for (const card of newlyUnder)
          messages.push({ orgId, userId: search.userId, kind: "directory.belowBar", messageKey: "notifications.directoryBelowBar", params: cardParams(card, search.name), link: link(card.card) });
    }
    const underIds = new Set(under.map((c) => c.card));
    for (const cardId of knownBelow) {
      if (underIds.has(cardId)) continue;
      // Recovered (or no longer shortlisted): a later fall is news again.
      await tx.delete(savedSearchHits).where(and(eq(savedSearchHits.orgId, orgId), eq(savedSearchHits.searchId, search.id), eq(savedSearchHits.cardId, cardId), eq(savedSearchHits.kind, "below_bar")));
    }
  }
  await notify(tx, messages);
  return messages.length;
}
