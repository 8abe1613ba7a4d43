import { removePenaltyTypeInput, setPenaltyTypeInput } from "@/lib/contracts/penalty-types";
import { listPenaltyTypeOverrides, removePenaltyTypeOverride, setPenaltyTypeOverride, type PenaltyTypeChange } from "@/server/penalty-types/overrides";
import { scheduleRescore } from "@/server/scoring/rescore";
import { orgProcedure, router, type Context, type OrgContext } from "../trpc";

type WriteContext = Context & OrgContext & { afterCommit: (task: () => Promise<void>) => void };

// The shops are marked in the write's transaction; the rescore must see that commit (as parameters.save does).
function rescoreAfterCommit(ctx: WriteContext, change: PenaltyTypeChange): PenaltyTypeChange {
  const { handle, boss } = ctx.runtime;
  const orgId = ctx.scope.orgId;
  if (change.shopsToRescore > 0) ctx.afterCommit(async () => void (await scheduleRescore(handle, { orgId }, { boss })));
  return change;
}

/** 处罚类型映射: the organisation's penalty label → type mappings; members read them, administrators change them. */
export const penaltyTypesRouter = router({
  list: orgProcedure("org.read").query(({ ctx }) => listPenaltyTypeOverrides(ctx.tx, ctx.scope.orgId)),
  set: orgProcedure("org.update")
    .input(setPenaltyTypeInput)
    .mutation(async ({ ctx, input }) => rescoreAfterCommit(ctx, await setPenaltyTypeOverride(ctx.tx, ctx.scope, input))),
  remove: orgProcedure("org.update")
    .input(removePenaltyTypeInput)
    .mutation(async ({ ctx, input }) => rescoreAfterCommit(ctx, await removePenaltyTypeOverride(ctx.tx, ctx.scope, input))),
});
