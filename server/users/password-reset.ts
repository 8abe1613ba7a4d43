import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { memberships, passwordResetTokens } from "@/db/schema";
import { DEFAULT_LOCALE, isLocale } from "@/lib/contracts/locales";
import { passwordHasher } from "@/server/auth/password-hash";
import { hashSecretToken, newSecretToken } from "@/server/auth/secret-token";
import { claimOrRefuse, THROTTLE_RULES, throttleKey } from "@/server/auth/throttle";
import { withTenant } from "@/server/db/tenant";
import { audit } from "@/server/lib/audit";
import { AppError } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { sendMailInBackground } from "@/server/mail/mailer";
import { findMembership } from "@/server/orgs/service";
import { replacePasswordHash } from "./session-version";
import { findUserByEmail } from "./service";

/** An e-mailed link is short-lived; one an owner hands over by another channel lives a day. */
export const RESET_TTL_MINUTES = { mailed: 30, ownerIssued: 24 * 60 } as const;

export const resetPath = (token: string) => `/reset-password/${token}`;

async function storeResetToken(handle: DbHandle, input: { userId: string; ttlMinutes: number; issuedBy: string | null }) {
  const token = newSecretToken();
  const [row] = await withTenant(handle, { orgId: null, userId: input.userId }, (tx) =>
    tx
      .insert(passwordResetTokens)
      .values({
        tokenHash: hashSecretToken(token),
        userId: input.userId,
        issuedBy: input.issuedBy,
        expiresAt: sql`now() + make_interval(mins => ${input.ttlMinutes})`,
      })
      .returning({ expiresAt: passwordResetTokens.expiresAt }),
  );
  if (!row) throw new Error("insert returned no row");
  return { token, expiresAt: row.expiresAt };
}

/**
 * "Forgot password": mails a link when the address has an account. The caller answers the same
 * either way, and the mail leaves after the reply so its sending does not show in the timing.
 */
export async function requestPasswordReset(
  handle: DbHandle,
  input: { email: string; address: string; baseUrl: string },
): Promise<{ delivery: Promise<void> }> {
  const email = input.email.trim().toLowerCase();
  await claimOrRefuse(handle, [
    { key: throttleKey.resetMailAddress(input.address), rule: THROTTLE_RULES.resetMailAddress },
    { key: throttleKey.resetMailAccount(email), rule: THROTTLE_RULES.resetMailAccount },
  ]);
  const user = await findUserByEmail(handle, email);
  if (!user) return { delivery: Promise.resolve() };
  const { token } = await storeResetToken(handle, { userId: user.id, ttlMinutes: RESET_TTL_MINUTES.mailed, issuedBy: null });
  const delivery = sendMailInBackground({
    to: user.email,
    locale: isLocale(user.locale) ? user.locale : DEFAULT_LOCALE,
    subjectKey: "mail.passwordReset.subject",
    bodyKey: "mail.passwordReset.body",
    params: { link: `${input.baseUrl}${resetPath(token)}`, minutes: RESET_TTL_MINUTES.mailed },
  });
  return { delivery };
}

/**
 * An owner's reset link for a member who cannot receive mail; shown to the owner once. Refused
 * for anyone who also belongs to another organisation: resetting their password would hand this
 * owner the keys to organisations they do not own.
 */
export async function issueMemberResetLink(handle: DbHandle, scope: OrgScope, memberUserId: string) {
  if (scope.role !== "owner" || !scope.userId) throw new AppError("FORBIDDEN", "errors.onlyOwnerIssuesResetLinks");
  const actor = scope.userId;
  const member = await withTenant(handle, { orgId: scope.orgId, userId: actor }, (tx) => findMembership(tx, scope.orgId, memberUserId));
  if (!member) throw new AppError("NOT_FOUND", "errors.notFound");
  const elsewhere = await withTenant(handle, { orgId: null, userId: memberUserId }, (tx) =>
    tx
      .select({ orgId: memberships.orgId })
      .from(memberships)
      .where(and(eq(memberships.userId, memberUserId), ne(memberships.orgId, scope.orgId)))
      .limit(1),
  );
  if (elsewhere.length > 0) throw new AppError("FORBIDDEN", "errors.resetLinkMemberElsewhere");
  const issued = await storeResetToken(handle, { userId: memberUserId, ttlMinutes: RESET_TTL_MINUTES.ownerIssued, issuedBy: actor });
  await withTenant(handle, { orgId: scope.orgId, userId: actor }, (tx) =>
    audit(tx, { orgId: scope.orgId, actorUserId: actor, action: "member.resetLink", target: memberUserId }),
  );
  return { path: resetPath(issued.token), expiresAt: issued.expiresAt };
}

/**
 * Sets the new password if the link is unused and unexpired. Claiming the token is one
 * conditional update, so a link works once even when opened twice at the same moment; every other
 * open link of the user dies with it and every session ends.
 */
export async function resetPassword(handle: DbHandle, input: { token: string; newPassword: string }) {
  const passwordHash = await passwordHasher.hash(input.newPassword);
  const tokenHash = hashSecretToken(input.token);
  const userId = await withTenant(handle, { orgId: null }, async (tx) => {
    const [claimed] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, sql`now()`)))
      .returning({ userId: passwordResetTokens.userId });
    if (!claimed) return null;
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResetTokens.userId, claimed.userId), isNull(passwordResetTokens.usedAt)));
    await replacePasswordHash(tx, claimed.userId, passwordHash);
    return claimed.userId;
  });
  if (!userId) throw new AppError("NOT_FOUND", "errors.resetLinkInvalid");
}
