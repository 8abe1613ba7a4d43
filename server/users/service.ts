import { hash, verify } from "@node-rs/argon2";
import { and, count, eq, gt, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { loginAttempts, users } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { AppError, conflict } from "@/server/lib/errors";

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes).
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);

export const FAILED_LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILED_LOGINS_PER_EMAIL = 5;
export const MAX_FAILED_LOGINS_PER_IP = 30;

export async function createUser(
  handle: DbHandle,
  input: { email: string; password: string; name: string; locale?: string },
) {
  const passwordHash = await hashPassword(input.password);
  return withTenant(handle, { orgId: null }, async (tx) => {
    const existing = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing.length > 0) throw conflict("emailTaken", "email");
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, locale: input.locale ?? "zh-CN" })
      .returning({ id: users.id, email: users.email, name: users.name });
    if (!user) throw new Error("insert returned no row");
    return user;
  });
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

/**
 * Checks e-mail and password, refusing once too many recent failures came from the e-mail or the
 * client address (so guessing is slow whichever of the two an attacker varies).
 */
export async function verifyCredentials(
  handle: DbHandle,
  input: { email: string; password: string; ip?: string },
): Promise<{ id: string; email: string; name: string; sessionVersion: number }> {
  const email = input.email.trim().toLowerCase();
  const ip = input.ip ?? "";
  const outcome = await withTenant(handle, { orgId: null }, async (tx) => {
    const since = sql`now() - make_interval(mins => ${FAILED_LOGIN_WINDOW_MINUTES})`;
    const [byEmail] = await tx
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), gt(loginAttempts.at, since)));
    const [byIp] = ip
      ? await tx.select({ n: count() }).from(loginAttempts).where(and(eq(loginAttempts.ip, ip), gt(loginAttempts.at, since)))
      : [{ n: 0 }];
    if ((byEmail?.n ?? 0) >= MAX_FAILED_LOGINS_PER_EMAIL || (byIp?.n ?? 0) >= MAX_FAILED_LOGINS_PER_IP) {
      return { kind: "limited" as const };
    }
    const [user] = await tx.select().from(users).where(eq(users.email, email));
    const ok = user ? await verify(user.passwordHash, input.password) : false;
    if (!user || !ok) {
      // Committed even though sign-in fails: the failure must count towards the limit.
      await tx.insert(loginAttempts).values({ email, ip });
      return { kind: "bad" as const };
    }
    await tx.delete(loginAttempts).where(eq(loginAttempts.email, email));
    return { kind: "ok" as const, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
  });
  if (outcome.kind === "limited") throw new AppError("RATE_LIMITED", "errors.tooManyAttempts");
  if (outcome.kind === "bad") throw new AppError("UNAUTHORIZED", "errors.badCredentials");
  return outcome.user;
}

export async function setUserLocale(handle: DbHandle, userId: string, locale: string) {
  await withTenant(handle, { orgId: null, userId }, (tx) => tx.update(users).set({ locale }).where(eq(users.id, userId)));
}
