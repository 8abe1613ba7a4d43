import { z } from "zod";
import {
  changeDimensionWeights,
  dimensionWeightsInput,
  listDimensionWeights,
} from "@/server/scoring/dimension-weights";
import { entityScore } from "@/server/scoring/queries";
import { scheduleRescore } from "@/server/scoring/rescore";
import { uuidSchema } from "@/lib/contracts/common";
import { orgProcedure, router } from "../trpc";

export const scoresRouter = router({
  shop: orgProcedure("scores.read")
    .input(z.object({ id: uuidSchema }))
    .query(({ ctx, input }) => entityScore(ctx.tx, ctx.scope, "shop", input.id)),
  creator: orgProcedure("scores.read")
    .input(z.object({ id: uuidSchema }))
    .query(({ ctx, input }) => entityScore(ctx.tx, ctx.scope, "creator", input.id)),
  dimensionWeights: orgProcedure("scores.read").query(({ ctx }) =>
    listDimensionWeights(ctx.tx, ctx.scope.orgId),
  ),
  setDimensionWeights: orgProcedure("org.update")
    .input(dimensionWeightsInput)
    .mutation(async ({ ctx, input }) => {
      const result = await changeDimensionWeights(ctx.tx, ctx.scope.orgId, input);
      const { handle, boss } = ctx.runtime;
      const orgId = ctx.scope.orgId;
      // The shops are marked in this transaction; the rescore must see that commit.
      if (result.shopsToRescore > 0) ctx.afterCommit(async () => void (await scheduleRescore(handle, { orgId }, { boss })));
      return result;
    }),
});
