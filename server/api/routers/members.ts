import { z } from "zod";
import { roles } from "@/db/schema/orgs";
import { changeRole, listMembers, removeMember, setShopGrants } from "@/server/members/service";
import { createInvitation, listInvitations, revokeInvitation } from "@/server/invitations/service";
import { emailSchema, uuidSchema } from "@/server/lib/text";
import { orgProcedure, router } from "../trpc";

const roleSchema = z.enum(roles);

export const membersRouter = router({
  list: orgProcedure("members.read").query(({ ctx }) => listMembers(ctx.tx, ctx.scope)),
  changeRole: orgProcedure("members.manage")
    .input(z.object({ userId: uuidSchema, role: roleSchema }))
    .mutation(({ ctx, input }) => changeRole(ctx.tx, ctx.scope, input)),
  remove: orgProcedure("members.manage")
    .input(z.object({ userId: uuidSchema }))
    .mutation(({ ctx, input }) => removeMember(ctx.tx, ctx.scope, input.userId)),
  setShopGrants: orgProcedure("members.manage")
    .input(z.object({ userId: uuidSchema, limited: z.boolean(), shopIds: z.array(uuidSchema).max(1000) }))
    .mutation(({ ctx, input }) => setShopGrants(ctx.tx, ctx.scope, input)),
  invitations: orgProcedure("members.manage").query(({ ctx }) => listInvitations(ctx.tx, ctx.scope)),
  invite: orgProcedure("members.manage")
    .input(z.object({ role: roleSchema, email: emailSchema.optional(), shopIds: z.array(uuidSchema).max(1000).default([]) }))
    .mutation(({ ctx, input }) => createInvitation(ctx.tx, ctx.scope, input)),
  revokeInvitation: orgProcedure("members.manage")
    .input(z.object({ id: uuidSchema }))
    .mutation(({ ctx, input }) => revokeInvitation(ctx.tx, ctx.scope, input.id)),
});
