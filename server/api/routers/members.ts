import { changeRole, listMembers, removeMember, setShopGrants } from "@/server/members/service";
import { createInvitation, listInvitations, revokeInvitation } from "@/server/invitations/service";
import { inviteInput } from "@/lib/contracts/invitations";
import { changeRoleInput, memberInput, setShopGrantsInput } from "@/lib/contracts/members";
import { idInput } from "@/lib/contracts/common";
import { memberResetLinkInput } from "@/lib/contracts/auth";
import { issueMemberResetLink } from "@/server/users/password-reset";
import { orgProcedure, orgScopeProcedure, router } from "../trpc";

export const membersRouter = router({
  list: orgProcedure("members.read").query(({ ctx }) => listMembers(ctx.tx, ctx.scope)),
  changeRole: orgProcedure("members.manage")
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => changeRole(ctx.tx, ctx.scope, input)),
  remove: orgProcedure("members.manage")
    .input(memberInput)
    .mutation(({ ctx, input }) => removeMember(ctx.tx, ctx.scope, input.userId)),
  setShopGrants: orgProcedure("members.manage")
    .input(setShopGrantsInput)
    .mutation(({ ctx, input }) => setShopGrants(ctx.tx, ctx.scope, input)),
  invitations: orgProcedure("members.manage").query(({ ctx }) => listInvitations(ctx.tx, ctx.scope)),
  invite: orgProcedure("members.manage")
    .input(inviteInput)
    .mutation(({ ctx, input }) => createInvitation(ctx.tx, ctx.scope, input)),
  revokeInvitation: orgProcedure("members.manage")
    .input(idInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.tx, ctx.scope, input.id)),
  /** An owner's one-time password reset link for a member (shown once; only its hash is kept). */
  resetLink: orgScopeProcedure("members.manage")
    .input(memberResetLinkInput)
    .mutation(({ ctx, input }) => issueMemberResetLink(ctx.runtime.handle, ctx.scope, input.userId)),
});
