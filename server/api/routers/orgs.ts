import { createOrganisation, deleteOrganisation, getOrganisation, updateOrganisation } from "@/server/orgs/service";
import { createOrgInput, deleteOrgInput, updateOrgInput } from "@/lib/contracts/orgs";
import { permissionsOf } from "@/server/authz/permissions";
import { authedProcedure, orgProcedure, router } from "../trpc";

export const orgsRouter = router({
  create: authedProcedure
    .input(createOrgInput)
    .mutation(({ ctx, input }) => createOrganisation(ctx.runtime.handle, { ...input, ownerUserId: ctx.user.id })),
  current: orgProcedure("org.read").query(async ({ ctx }) => ({
    ...(await getOrganisation(ctx.tx, ctx.scope)),
    role: ctx.role,
    limited: ctx.scope.shopIds !== null,
    permissions: permissionsOf(ctx.role),
  })),
  update: orgProcedure("org.update")
    .input(updateOrgInput)
    .mutation(({ ctx, input }) => updateOrganisation(ctx.tx, ctx.scope, input)),
  delete: orgProcedure("org.delete")
    .input(deleteOrgInput)
    .mutation(({ ctx, input }) => deleteOrganisation(ctx.tx, ctx.scope, input.confirmName)),
});
