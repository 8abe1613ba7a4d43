import { digestPreferencesSchema, digestPreviewInput } from "@/lib/contracts/digest";
import { previewDigest } from "@/server/digest/deliver";
import { readDigestPreferences, saveDigestPreferences } from "@/server/digest/preferences";
import { todayInShanghai } from "@/server/lib/time";
import { orgProcedure, router } from "../trpc";

/** The member's daily brief and weekly digest: a preview of what they receive, and their choices. */
export const digestRouter = router({
  preview: orgProcedure("scores.read")
    .input(digestPreviewInput)
    .query(({ ctx, input }) => previewDigest(ctx.tx, ctx.scope, input.kind, input.day ?? todayInShanghai(), ctx.locale)),
  preferences: orgProcedure("org.read").query(({ ctx }) => readDigestPreferences(ctx.tx, ctx.scope)),
  setPreferences: orgProcedure("org.read")
    .input(digestPreferencesSchema)
    .mutation(({ ctx, input }) => saveDigestPreferences(ctx.tx, ctx.scope, input)),
});
