import { calibrationRunInput, parametersRefInput, startCalibrationInput } from "@/lib/contracts/scoring-parameters";
import { adoptCalibration, calibrationRunView, createCalibrationRun, getCalibrationRun, latestCalibrationRun, runCalibration } from "@/server/calibration/service";
import { queueCalibration } from "@/server/jobs/calibration";
import { scheduleRescore } from "@/server/scoring/rescore";
import { orgProcedure, router } from "../trpc";

/** 校准: fit an organisation's cut-offs and weights from its own platform-reported scores, in the background; adopt them in one step. */
export const calibrationRouter = router({
  start: orgProcedure("org.update")
    .input(startCalibrationInput)
    .mutation(async ({ ctx, input }) => {
      const run = await createCalibrationRun(ctx.tx, ctx.scope, input);
      const { handle, boss } = ctx.runtime;
      const job = { orgId: ctx.scope.orgId, runId: run.id };
      // After the commit: the job reads the run, and runs its own transactions (PGlite has one connection).
      ctx.afterCommit(async () => {
        if (boss) await queueCalibration(boss, job);
        else await runCalibration(handle, job);
      });
      return calibrationRunView(run);
    }),
  get: orgProcedure("scores.read")
    .input(calibrationRunInput)
    .query(async ({ ctx, input }) => calibrationRunView(await getCalibrationRun(ctx.tx, ctx.scope.orgId, input.id))),
  latest: orgProcedure("scores.read")
    .input(parametersRefInput)
    .query(async ({ ctx, input }) => {
      const run = await latestCalibrationRun(ctx.tx, ctx.scope.orgId, input);
      return run ? calibrationRunView(run) : null;
    }),
  adopt: orgProcedure("org.update")
    .input(calibrationRunInput)
    .mutation(async ({ ctx, input }) => {
      const { run, adopted, shopsToRescore } = await adoptCalibration(ctx.tx, ctx.scope, input.id);
      const { handle, boss } = ctx.runtime;
      const orgId = ctx.scope.orgId;
      if (shopsToRescore > 0) ctx.afterCommit(async () => void (await scheduleRescore(handle, { orgId }, { boss })));
      return { run: calibrationRunView(run), adopted, shopsToRescore };
    }),
});
