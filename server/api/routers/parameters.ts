import { parametersRefInput, saveParametersInput } from "@/lib/contracts/scoring-parameters";
import { saveParameters } from "@/server/parameters/entries";
import { describeParameters, listParameterCategories } from "@/server/parameters/explain";
import { scheduleRescore } from "@/server/scoring/rescore";
import { orgProcedure, router } from "../trpc";

/** 评分参数: the organisation's cut-offs and weights under the 100-point rule sets, each number with its source. */
export const parametersRouter = router({
  get: orgProcedure("scores.read")
    .input(parametersRefInput)
    .query(({ ctx, input }) => describeParameters(ctx.tx, ctx.scope.orgId, input)),
  categories: orgProcedure("scores.read").query(({ ctx }) => listParameterCategories(ctx.tx, ctx.scope.orgId)),
  // An administrator's decision, like the dimension weights of the 5-point rules.
  save: orgProcedure("org.update")
    .input(saveParametersInput)
    .mutation(async ({ ctx, input }) => {
      const result = await saveParameters(ctx.tx, ctx.scope, input);
      const { handle, boss } = ctx.runtime;
      const orgId = ctx.scope.orgId;
      // The shops are marked in this transaction; the rescore must see that commit.
      if (result.shopsToRescore > 0) ctx.afterCommit(async () => void (await scheduleRescore(handle, { orgId }, { boss })));
      return result;
    }),
});
