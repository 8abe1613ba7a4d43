import { indicatorFactsInput } from "@/lib/contracts/insight";
import { indicatorFactsPage } from "@/server/insight/service";
import { orgProcedure, router } from "../trpc";

export const insightRouter = router({
  /** The facts behind one indicator of a shop or creator account on a day: one page, sorted and filtered, with totals. */
  indicatorFacts: orgProcedure("scores.read")
    .input(indicatorFactsInput)
    .query(({ ctx, input }) => indicatorFactsPage(ctx.tx, ctx.scope, input)),
});
