import { secretKey } from "@/server/sync/secrets";
import { queueShopSync } from "@/server/sync/jobs";
import { runShopSync } from "@/server/sync/run";
import { connectShopInput, setPausedInput, shopRefInput } from "@/lib/contracts/sync";
import { connectShop, scoreComparison, setSyncPaused, shopSyncStatus } from "@/server/sync/service";
import { notFound } from "@/server/lib/errors";
import { orgProcedure, router } from "../trpc";

export const syncRouter = router({
  status: orgProcedure("imports.read")
    .input(shopRefInput)
    .query(({ ctx, input }) => shopSyncStatus(ctx.tx, ctx.scope, input.shopId)),
  connect: orgProcedure("sync.manage")
    .input(connectShopInput)
    .mutation(({ ctx, input }) => connectShop(ctx.tx, secretKey(ctx.runtime.handle), ctx.scope, input)),
  setPaused: orgProcedure("imports.write")
    .input(setPausedInput)
    .mutation(({ ctx, input }) => setSyncPaused(ctx.tx, ctx.scope, input.shopId, input.paused)),
  syncNow: orgProcedure("imports.write")
    .input(shopRefInput)
    .mutation(async ({ ctx, input }) => {
      const status = await shopSyncStatus(ctx.tx, ctx.scope, input.shopId);
      const { handle, boss } = ctx.runtime;
      const scope = ctx.scope;
      // After the commit: the run opens its own transactions (and PGlite has one connection).
      if (!status.connected) throw notFound("sync.notConnected");
      ctx.afterCommit(async () => {
        if (boss) await queueShopSync(boss, { orgId: scope.orgId, shopId: input.shopId, trigger: "manual" });
        else await runShopSync(handle, scope, input.shopId, { trigger: "manual" });
      });
      return { queued: true };
    }),
  scoreComparison: orgProcedure("scores.read")
    .input(shopRefInput)
    .query(({ ctx, input }) => scoreComparison(ctx.tx, ctx.scope, input.shopId)),
});
