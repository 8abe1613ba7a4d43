import { z } from "zod";
import { idInput, uuidSchema } from "@/lib/contracts/common";
import {
  addToShortlistInput,
  cardIdsInput,
  createShortlistInput,
  directorySearchInput,
  entityRefInput,
  listCardInput,
  renameShortlistInput,
  saveSearchInput,
  shortlistItemRefInput,
  updateShortlistItemInput,
} from "@/lib/contracts/directory";
import { cardOfEntity, listCard, unlistCard } from "@/server/directory/listing";
import { runDirectoryMatcher } from "@/server/directory/matcher";
import { deleteSavedSearch, listSavedSearches, saveSearch } from "@/server/directory/saved-searches";
import { cardHistories, cardsById, searchDirectory } from "@/server/directory/search";
import {
  addToShortlist,
  createShortlist,
  deleteShortlist,
  getShortlist,
  listShortlists,
  removeFromShortlist,
  renameShortlist,
  updateShortlistItem,
} from "@/server/directory/shortlists";
import { orgProcedure, router } from "../trpc";

/**
 * The business directory (issue 13). Reading cards is the documented cross-organisation read
 * (published fields only); everything else is the caller's own organisation's.
 */
export const directoryRouter = router({
  search: orgProcedure("directory.read").input(directorySearchInput).query(({ ctx, input }) => searchDirectory(ctx.tx, input)),
  compare: orgProcedure("directory.read")
    .input(cardIdsInput)
    .query(async ({ ctx, input }) => ({ cards: await cardsById(ctx.tx, input.cardIds), history: await cardHistories(ctx.tx, input.cardIds) })),

  entityCard: orgProcedure("directory.read").input(entityRefInput).query(({ ctx, input }) => cardOfEntity(ctx.tx, ctx.scope, input.kind, input.id)),
  list: orgProcedure("directory.read")
    .input(listCardInput)
    .mutation(async ({ ctx, input }) => {
      const listed = await listCard(ctx.tx, ctx.scope, input);
      const { handle } = ctx.runtime;
      // Other organisations' saved searches learn of the new card once it is committed.
      ctx.afterCommit(async () => void (await runDirectoryMatcher(handle)));
      return listed;
    }),
  unlist: orgProcedure("directory.read").input(entityRefInput).mutation(({ ctx, input }) => unlistCard(ctx.tx, ctx.scope, input.kind, input.id)),

  shortlists: orgProcedure("directory.read").query(({ ctx }) => listShortlists(ctx.tx, ctx.scope)),
  shortlist: orgProcedure("directory.read").input(idInput).query(({ ctx, input }) => getShortlist(ctx.tx, ctx.scope, input.id)),
  createShortlist: orgProcedure("directory.write").input(createShortlistInput).mutation(({ ctx, input }) => createShortlist(ctx.tx, ctx.scope, input.name)),
  renameShortlist: orgProcedure("directory.write").input(renameShortlistInput).mutation(({ ctx, input }) => renameShortlist(ctx.tx, ctx.scope, input.id, input.name)),
  deleteShortlist: orgProcedure("directory.write").input(idInput).mutation(({ ctx, input }) => deleteShortlist(ctx.tx, ctx.scope, input.id)),
  addToShortlist: orgProcedure("directory.write").input(addToShortlistInput).mutation(({ ctx, input }) => addToShortlist(ctx.tx, ctx.scope, input)),
  updateShortlistItem: orgProcedure("directory.write").input(updateShortlistItemInput).mutation(({ ctx, input }) => updateShortlistItem(ctx.tx, ctx.scope, input)),
  removeFromShortlist: orgProcedure("directory.write").input(shortlistItemRefInput).mutation(({ ctx, input }) => removeFromShortlist(ctx.tx, ctx.scope, input)),

  savedSearches: orgProcedure("directory.read").query(({ ctx }) => listSavedSearches(ctx.tx, ctx.scope)),
  saveSearch: orgProcedure("directory.write").input(saveSearchInput).mutation(({ ctx, input }) => saveSearch(ctx.tx, ctx.scope, input)),
  deleteSavedSearch: orgProcedure("directory.write").input(z.object({ id: uuidSchema })).mutation(({ ctx, input }) => deleteSavedSearch(ctx.tx, ctx.scope, input.id)),
});
