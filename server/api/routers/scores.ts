import { z } from "zod";
import { entityScore, portfolio } from "@/server/scoring/queries";
import { uuidSchema } from "@/server/lib/text";
import { orgProcedure, router } from "../trpc";

export const scoresRouter = router({
  shop: orgProcedure("scores.read")
    .input(z.object({ id: uuidSchema }))
    .query(({ ctx, input }) => entityScore(ctx.tx, ctx.scope, "shop", input.id)),
  creator: orgProcedure("scores.read")
    .input(z.object({ id: uuidSchema }))
    .query(({ ctx, input }) => entityScore(ctx.tx, ctx.scope, "creator", input.id)),
  portfolio: orgProcedure("scores.read").query(({ ctx }) => portfolio(ctx.tx, ctx.scope)),
});
