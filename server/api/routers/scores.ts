import {
  changeDimensionWeights,
  dimensionWeightsInput,
  listDimensionWeights,
} from "@/server/scoring/dimension-weights";
import { entityScoreAsOf } from "@/server/scoring/as-of";
import { scheduleRescore } from "@/server/scoring/rescore";
import { entityScoreInput } from "@/lib/contracts/scores";
import { compareRuleSetInput } from "@/lib/contracts/rule-compare";
import { compareUnderRuleSet } from "@/server/scoring/current/compare";
import { orgProcedure, orgScopeProcedure, router } from "../trpc";

export const scoresRouter = router({
  // Scoring a day that is not stored opens its own transactions, so the guard's has to end first.
  shop: orgScopeProcedure("scores.read")
    .input(entityScoreInput)
    .query(({ ctx, input }) => entityScoreAsOf(ctx.runtime.handle, ctx.scope, "shop", input.id, { day: input.day })),
  creator: orgScopeProcedure("scores.read")
    .input(entityScoreInput)
    .query(({ ctx, input }) => entityScoreAsOf(ctx.runtime.handle, ctx.scope, "creator", input.id, { day: input.day })),
  // A shop's days recomputed under another 100-point or SPS rule set (nothing stored); its own transactions, like the reads above.
  compareShop: orgScopeProcedure("scores.read")
    .input(compareRuleSetInput)
    .query(({ ctx, input }) => compareUnderRuleSet(ctx.runtime.handle, ctx.scope, input)),
  dimensionWeights: orgProcedure("scores.read").query(({ ctx }) =>
    listDimensionWeights(ctx.tx, ctx.scope.orgId),
  ),
  setDimensionWeights: orgProcedure("org.update")
    .input(dimensionWeightsInput)
    .mutation(async ({ ctx, input }) => {
      const result = await changeDimensionWeights(ctx.tx, ctx.scope, input);
      const { handle, boss } = ctx.runtime;
      const orgId = ctx.scope.orgId;
      // The shops are marked in this transaction; the rescore must see that commit.
      if (result.shopsToRescore > 0) ctx.afterCommit(async () => void (await scheduleRescore(handle, { orgId }, { boss })));
      return result;
    }),
});
