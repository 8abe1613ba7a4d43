import type { DbHandle } from "@/db/client";
import type { SignUpInput } from "@/lib/contracts/auth";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/contracts/locales";
import { acceptInvitation, assertInvitationAddress } from "@/server/invitations/service";
import { sendMailInBackground } from "@/server/mail/mailer";
import { createOrganisation } from "@/server/orgs/service";
import { registerAccount } from "./service";

/**
 * Public sign-up (docs/adr/0011-authentication-hardening.md). The reply never says whether the address was
 * free: a new address gets its account (and organisation, or the invitation's membership); an
 * address that already has one is left untouched and its owner is told by mail. The browser then
 * signs in with the password it just chose, which works only for the real owner.
 */
export async function signUp(
  handle: DbHandle,
  input: SignUpInput & { locale: Locale; address: string; baseUrl: string },
): Promise<{ delivery: Promise<void> }> {
  if (input.inviteToken) await assertInvitationAddress(handle, input.inviteToken, input.email);
  const outcome = await registerAccount(handle, { email: input.email, password: input.password, name: input.name, locale: input.locale, address: input.address });
  if ("existing" in outcome) {
    const delivery = sendMailInBackground({
      to: outcome.existing.email,
      locale: isLocale(outcome.existing.locale) ? outcome.existing.locale : DEFAULT_LOCALE,
      subjectKey: "mail.signUpExisting.subject",
      bodyKey: "mail.signUpExisting.body",
      params: { signIn: `${input.baseUrl}/sign-in`, reset: `${input.baseUrl}/forgot-password` },
    });
    return { delivery };
  }
  const userId = outcome.created.id;
  if (input.inviteToken) await acceptInvitation(handle, { token: input.inviteToken, userId });
  else if (input.orgName) await createOrganisation(handle, { name: input.orgName, kind: input.orgKind, defaultShopRuleSet: input.orgRuleSet, ownerUserId: userId });
  return { delivery: Promise.resolve() };
}
