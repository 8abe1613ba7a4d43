import { portfolioPageInput } from "@/lib/contracts/portfolio";
import { portfolioPage } from "@/server/portfolio/page";
import { portfolioRisks } from "@/server/portfolio/risk-source";
import { visibleGoalProgress } from "@/server/goals/service";
import { orgProcedure, router } from "../trpc";

export const portfolioRouter = router({
  page: orgProcedure("scores.read")
    .input(portfolioPageInput)
    .query(({ ctx, input }) => portfolioPage(ctx.tx, ctx.scope, input, { risks: portfolioRisks, goals: visibleGoalProgress })),
});
