import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { users } from "@/db/schema";
import { DEFAULT_LOCALE } from "@/lib/contracts/locales";
import { UNKNOWN_ADDRESS } from "@/server/auth/client-address";
import { dummyPasswordHash, passwordHasher } from "@/server/auth/password-hash";
import { claimOrRefuse, forgetAttempts, refundAttempt, THROTTLE_RULES, throttleKey } from "@/server/auth/throttle";
import { withTenant } from "@/server/db/tenant";
import { AppError, conflict } from "@/server/lib/errors";

export const hashPassword = passwordHasher.hash;

const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** For operators and tests (CLI, demo seed): says plainly when the e-mail is taken. Sign-up uses registerAccount. */
export async function createUser(
  handle: DbHandle,
  input: { email: string; password: string; name: string; locale?: string },
) {
  const created = await insertUserUnlessTaken(handle, input);
  if (!created) throw conflict("emailTaken", "email");
  return created;
}

/** Inserts the account, or returns null when the e-mail already has one (never touching that account). */
async function insertUserUnlessTaken(handle: DbHandle, input: { email: string; password: string; name: string; locale?: string }) {
  // Hashed before looking the address up, so both outcomes cost the same argon2 run.
  const passwordHash = await passwordHasher.hash(input.password);
  const [user] = await withTenant(handle, { orgId: null }, (tx) =>
    tx
      .insert(users)
      .values({ email: normaliseEmail(input.email), name: input.name, passwordHash, locale: input.locale ?? DEFAULT_LOCALE })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id, email: users.email, name: users.name }),
  );
  return user ?? null;
}

/**
 * Public sign-up. Throttled per address; the caller answers the same whether or not the address
 * was free (see docs/adr/0011-authentication-hardening.md): `existing` is for the notice mail, never for the reply.
 */
export async function registerAccount(
  handle: DbHandle,
  input: { email: string; password: string; name: string; locale?: string; address: string },
): Promise<{ created: { id: string; email: string; name: string } } | { existing: { email: string; locale: string } }> {
  await claimOrRefuse(handle, [{ key: throttleKey.signUpAddress(input.address), rule: THROTTLE_RULES.signUpAddress }]);
  const created = await insertUserUnlessTaken(handle, input);
  if (created) return { created };
  const existing = await findUserByEmail(handle, input.email);
  return { existing: { email: normaliseEmail(input.email), locale: existing?.locale ?? DEFAULT_LOCALE } };
}

export async function findUserById(handle: DbHandle, userId: string) {
  return withTenant(handle, { orgId: null, userId }, async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, sessionVersion: users.sessionVersion })
      .from(users)
      .where(eq(users.id, userId));
    return user ?? null;
  });
}

export async function findUserByEmail(handle: DbHandle, email: string) {
  const [user] = await withTenant(handle, { orgId: null }, (tx) =>
    tx.select().from(users).where(eq(users.email, normaliseEmail(email))),
  );
  return user ?? null;
}

/**
 * Checks e-mail and password. Each check is claimed first, atomically, against the account at
 * this address and against the address: the guesser waits with exponential back-off, while the
 * owner signing in from another address is untouched. Unknown e-mails are checked against a dummy
 * hash, so they take as long as known ones.
 */
export async function verifyCredentials(
  handle: DbHandle,
  input: { email: string; password: string; address?: string },
): Promise<{ id: string; email: string; name: string; sessionVersion: number }> {
  const email = normaliseEmail(input.email);
  const address = input.address ?? UNKNOWN_ADDRESS;
  const accountKey = throttleKey.signInAccountAtAddress(email, address);
  const addressKey = throttleKey.signInAddress(address);
  await claimOrRefuse(handle, [
    { key: accountKey, rule: THROTTLE_RULES.signInAccountAtAddress },
    { key: addressKey, rule: THROTTLE_RULES.signInAddress },
  ]);
  const user = await findUserByEmail(handle, email);
  const ok = await passwordHasher.verify(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) throw new AppError("UNAUTHORIZED", "errors.badCredentials");
  await forgetAttempts(handle, accountKey);
  await refundAttempt(handle, addressKey);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

export async function setUserLocale(handle: DbHandle, userId: string, locale: string) {
  await withTenant(handle, { orgId: null, userId }, (tx) => tx.update(users).set({ locale }).where(eq(users.id, userId)));
}
