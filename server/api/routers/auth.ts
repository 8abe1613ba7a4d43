import { invitationTokenInput } from "@/lib/contracts/invitations";
import {
  changePasswordInput,
  requestPasswordResetInput,
  resetPasswordInput,
  signUpInput,
  type SignUpAnswer,
} from "@/lib/contracts/auth";
import { acceptInvitation, describeInvitation } from "@/server/invitations/service";
import { publicBaseUrl } from "@/server/mail/public-url";
import { listMyOrganisations } from "@/server/orgs/service";
import { changePassword, endAllSessions } from "@/server/users/password";
import { requestPasswordReset, resetPassword } from "@/server/users/password-reset";
import { signUp } from "@/server/users/sign-up";
import { authedProcedure, publicProcedure, router } from "../trpc";

export const authRouter = router({
  /** The same answer whether or not the address was free; the browser signs in next. */
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }): Promise<SignUpAnswer> => {
    await signUp(ctx.runtime.handle, { ...input, locale: ctx.locale, address: ctx.ip, baseUrl: publicBaseUrl() });
    return { status: "accepted" };
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

  /** Sign-out and "sign out everywhere" alike: the session version moves on, so every saved cookie dies. */
  signOut: authedProcedure.mutation(async ({ ctx }) => {
    await endAllSessions(ctx.runtime.handle, ctx.user.id);
    return { signedOut: true };
  }),
  changePassword: authedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.runtime.handle, { userId: ctx.user.id, ...input, address: ctx.ip });
    return { changed: true };
  }),
  /** The same answer whether or not the address has an account. */
  requestPasswordReset: publicProcedure.input(requestPasswordResetInput).mutation(async ({ ctx, input }) => {
    await requestPasswordReset(ctx.runtime.handle, { email: input.email, address: ctx.ip, baseUrl: publicBaseUrl() });
    return { status: "accepted" as const };
  }),
  resetPassword: publicProcedure.input(resetPasswordInput).mutation(async ({ ctx, input }) => {
    await resetPassword(ctx.runtime.handle, { token: input.token, newPassword: input.newPassword });
    return { changed: true };
  }),
});
