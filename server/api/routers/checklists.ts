import {
  addCommentInput,
  agencyChecklistsInput,
  assignItemInput,
  checklistIdInput,
  closeChecklistInput,
  entityChecklistsInput,
  myTasksInput,
  setItemDueInput,
  setItemStatusInput,
} from "@/lib/contracts/checklists";
import { playbookEffects } from "@/server/checklists/effect-summary";
import { addComment, assignItem, closeChecklist, setItemDue, setItemStatus } from "@/server/checklists/items";
import { getChecklistView, listChecklists, myTasks } from "@/server/checklists/queries";
import { orgProcedure, router } from "../trpc";

/**
 * Checklists (playbooks applied to a shop or creator account). Changing an item asks only for
 * read access here: the service lets writers change any item and every member their own.
 */
export const checklistsRouter = router({
  get: orgProcedure("checklists.read").input(checklistIdInput).query(({ ctx, input }) => getChecklistView(ctx.tx, ctx.scope, input.id)),
  list: orgProcedure("checklists.read").input(agencyChecklistsInput).query(({ ctx, input }) => listChecklists(ctx.tx, ctx.scope, input ?? {})),
  forEntity: orgProcedure("checklists.read")
    .input(entityChecklistsInput)
    .query(({ ctx, input }) => listChecklists(ctx.tx, ctx.scope, { entityKind: input.kind, entityId: input.id, status: "open" })),
  myTasks: orgProcedure("checklists.read").input(myTasksInput).query(({ ctx, input }) => myTasks(ctx.tx, ctx.scope, input?.today)),
  effects: orgProcedure("checklists.read").query(({ ctx }) => playbookEffects(ctx.tx, ctx.scope.orgId, ctx.scope)),
  assign: orgProcedure("checklists.write").input(assignItemInput).mutation(({ ctx, input }) => assignItem(ctx.tx, ctx.scope, input)),
  setDue: orgProcedure("checklists.write").input(setItemDueInput).mutation(({ ctx, input }) => setItemDue(ctx.tx, ctx.scope, input)),
  setStatus: orgProcedure("checklists.read").input(setItemStatusInput).mutation(({ ctx, input }) => setItemStatus(ctx.tx, ctx.scope, input)),
  comment: orgProcedure("checklists.read").input(addCommentInput).mutation(({ ctx, input }) => addComment(ctx.tx, ctx.scope, input)),
  close: orgProcedure("checklists.write").input(closeChecklistInput).mutation(({ ctx, input }) => closeChecklist(ctx.tx, ctx.scope, input)),
});
