import { idInput } from "@/lib/contracts/common";
import {
  appealsInput,
  createAppealInput,
  decideAppealInput,
  problemLogEntryInput,
  problemLogInput,
  queueFilterInput,
  replyTemplateInput,
  reviewLedgerInput,
  updateReviewCaseInput,
} from "@/lib/contracts/queues";
import { afterSalesQueue } from "@/server/queues/after-sales";
import { createAppeal, decideAppeal, listAppeals } from "@/server/queues/appeals";
import { pickupQueue } from "@/server/queues/pickup";
import { deleteProblemLogEntry, listProblemLog, saveProblemLogEntry } from "@/server/queues/problem-log";
import { reviewLedger, updateReviewCase } from "@/server/queues/review-ledger";
import { deleteReplyTemplate, listReplyTemplates, saveReplyTemplate } from "@/server/queues/templates";
import { scheduleRescore } from "@/server/scoring/rescore";
import { orgProcedure, router } from "../trpc";

/** 今日待办 Daily operations queues: pickup at risk, after-sales deadlines, bad reviews, appeals (申诉), problem log. */
export const queuesRouter = router({
  pickup: orgProcedure("scores.read").input(queueFilterInput).query(({ ctx, input }) => pickupQueue(ctx.tx, ctx.scope, input)),
  afterSales: orgProcedure("scores.read").input(queueFilterInput).query(({ ctx, input }) => afterSalesQueue(ctx.tx, ctx.scope, input)),
  reviews: orgProcedure("scores.read").input(reviewLedgerInput).query(({ ctx, input }) => reviewLedger(ctx.tx, ctx.scope, input)),
  updateReview: orgProcedure("queues.write").input(updateReviewCaseInput).mutation(({ ctx, input }) => updateReviewCase(ctx.tx, ctx.scope, input)),
  templates: orgProcedure("org.read").query(({ ctx }) => listReplyTemplates(ctx.tx, ctx.scope.orgId)),
  saveTemplate: orgProcedure("queues.write").input(replyTemplateInput).mutation(({ ctx, input }) => saveReplyTemplate(ctx.tx, ctx.scope, input)),
  deleteTemplate: orgProcedure("queues.write").input(idInput).mutation(({ ctx, input }) => deleteReplyTemplate(ctx.tx, ctx.scope, input.id)),
  appeals: orgProcedure("scores.read").input(appealsInput).query(({ ctx, input }) => listAppeals(ctx.tx, ctx.scope, input)),
  createAppeal: orgProcedure("queues.write").input(createAppealInput).mutation(({ ctx, input }) => createAppeal(ctx.tx, ctx.scope, input)),
  decideAppeal: orgProcedure("queues.write")
    .input(decideAppealInput)
    .mutation(async ({ ctx, input }) => {
      const result = await decideAppeal(ctx.tx, ctx.scope, input);
      const { handle, boss } = ctx.runtime;
      const orgId = ctx.scope.orgId;
      // The exemption and the dirty mark commit with the decision; the rescore must see them.
      if (result.factsChanged) ctx.afterCommit(async () => void (await scheduleRescore(handle, { orgId }, { boss })));
      return result;
    }),
  problems: orgProcedure("scores.read").input(problemLogInput).query(({ ctx, input }) => listProblemLog(ctx.tx, ctx.scope, input)),
  saveProblem: orgProcedure("queues.write").input(problemLogEntryInput).mutation(({ ctx, input }) => saveProblemLogEntry(ctx.tx, ctx.scope, input)),
  deleteProblem: orgProcedure("queues.write").input(idInput).mutation(({ ctx, input }) => deleteProblemLogEntry(ctx.tx, ctx.scope, input.id)),
});
