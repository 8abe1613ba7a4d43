import { createUser } from "@/server/users/service";
import { createOrganisation, listMyOrganisations } from "@/server/orgs/service";
import { invitationTokenInput } from "@/lib/contracts/invitations";
import { signUpInput } from "@/lib/contracts/auth";
import { acceptInvitation, describeInvitation } from "@/server/invitations/service";
import { authedProcedure, publicProcedure, router } from "../trpc";

export const authRouter = router({
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    const user = await createUser(ctx.runtime.handle, { email: input.email, password: input.password, name: input.name, locale: ctx.locale });
    let orgId: string | null = null;
    if (input.inviteToken) {
      orgId = (await acceptInvitation(ctx.runtime.handle, { token: input.inviteToken, userId: user.id })).orgId;
    } else if (input.orgName) {
      orgId = (await createOrganisation(ctx.runtime.handle, { name: input.orgName, kind: input.orgKind, ownerUserId: user.id })).orgId;
    }
    return { id: user.id, email: user.email, orgId };
  }),
  me: authedProcedure.query(async ({ ctx }) => ({
    user: { id: ctx.user.id, email: ctx.user.email, name: ctx.user.name, locale: ctx.user.locale },
    organisations: await listMyOrganisations(ctx.runtime.handle, ctx.user.id),
  })),
  describeInvitation: publicProcedure
    .input(invitationTokenInput)
    .query(({ ctx, input }) => describeInvitation(ctx.runtime.handle, input.token)),
  acceptInvitation: authedProcedure
    .input(invitationTokenInput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.runtime.handle, { token: input.token, userId: ctx.user.id })),
});
