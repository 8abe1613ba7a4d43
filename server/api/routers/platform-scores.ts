import { platformComparisonInput, platformScoresImportInput } from "@/lib/contracts/scoring-parameters";
import { findUpload, removeUploads } from "@/server/imports/uploads";
import { comparePlatformScores, importPlatformScores } from "@/server/platform-scores/service";
import { orgProcedure, orgScopeProcedure, router } from "../trpc";

/** 平台分: the platform's own scores of a shop, imported from a file (or synced), beside Koubei's. */
export const platformScoresRouter = router({
  // The file comes through the import upload route (/api/imports/upload); its id is what this takes.
  import: orgProcedure("imports.write")
    .input(platformScoresImportInput)
    .mutation(async ({ ctx, input }) => {
      const upload = await findUpload(ctx.scope.orgId, input.uploadId);
      const summary = await importPlatformScores(ctx.tx, ctx.scope, { shopId: input.shopId, source: { path: upload.path }, fileName: upload.fileName });
      const orgId = ctx.scope.orgId;
      ctx.afterCommit(() => removeUploads(orgId, [input.uploadId]));
      return summary;
    }),
  // Scoring a day opens its own transactions, so the guard's has to end first.
  comparison: orgScopeProcedure("scores.read")
    .input(platformComparisonInput)
    .query(({ ctx, input }) => comparePlatformScores(ctx.runtime.handle, ctx.scope, input)),
});
