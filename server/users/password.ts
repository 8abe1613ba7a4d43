import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { users } from "@/db/schema";
import { UNKNOWN_ADDRESS } from "@/server/auth/client-address";
import { passwordHasher } from "@/server/auth/password-hash";
import { claimOrRefuse, forgetAttempts, THROTTLE_RULES, throttleKey } from "@/server/auth/throttle";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/lib/errors";
import { bumpSessionVersion, replacePasswordHash } from "./session-version";

/**
 * Sign-out and "sign out everywhere": sessions are JWTs carrying the user's session version, and
 * every call compares it with the database, so bumping it ends every session the user holds.
 */
export async function endAllSessions(handle: DbHandle, userId: string) {
  await withTenant(handle, { orgId: null, userId }, (tx) => bumpSessionVersion(tx, userId));
}

/** Sets a new password and ends every session, the one asking included (it signs in again). */
export async function setPasswordAndEndSessions(handle: DbHandle, userId: string, newPassword: string) {
  const passwordHash = await passwordHasher.hash(newPassword);
  await withTenant(handle, { orgId: null, userId }, (tx) => replacePasswordHash(tx, userId, passwordHash));
}

/**
 * Password change from the account page: the current password is required (a borrowed, unlocked
 * session must not be enough), and guessing it is throttled like sign-in.
 */
export async function changePassword(
  handle: DbHandle,
  input: { userId: string; currentPassword: string; newPassword: string; address?: string },
) {
  const [user] = await withTenant(handle, { orgId: null, userId: input.userId }, (tx) =>
    tx.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId)),
  );
  if (!user) throw new AppError("UNAUTHORIZED", "errors.signInRequired");
  const key = throttleKey.signInAccountAtAddress(user.email, input.address ?? UNKNOWN_ADDRESS);
  await claimOrRefuse(handle, [{ key, rule: THROTTLE_RULES.signInAccountAtAddress }]);
  if (!(await passwordHasher.verify(user.passwordHash, input.currentPassword))) {
    throw new AppError("BAD_INPUT", "errors.wrongCurrentPassword", { field: "currentPassword" });
  }
  await forgetAttempts(handle, key);
  await setPasswordAndEndSessions(handle, input.userId, input.newPassword);
}
