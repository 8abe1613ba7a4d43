import { apiKeyIdInput, createApiKeyInput } from "@/lib/contracts/api-keys";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/api-keys/service";
import { orgProcedure, router } from "../trpc";

/** The organisation's public-API keys: owners and administrators only (apiKeys.manage). */
export const apiKeysRouter = router({
  list: orgProcedure("apiKeys.manage").query(({ ctx }) => listApiKeys(ctx.tx, ctx.scope)),
  create: orgProcedure("apiKeys.manage")
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.tx, ctx.scope, input)),
  revoke: orgProcedure("apiKeys.manage")
    .input(apiKeyIdInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.tx, ctx.scope, input.id)),
});
