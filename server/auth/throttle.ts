import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { authThrottle } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/lib/errors";

/**
 * How many attempts a key gets before it must wait, and how the wait grows: after `freeAttempts`
 * each further attempt waits `baseDelaySeconds · 2^(n − free)`, capped at `maxDelaySeconds`. A key
 * quiet for `forgetAfterSeconds` starts over. A delay, never a lock: the caller can always try again.
 */
export type ThrottleRule = { freeAttempts: number; baseDelaySeconds: number; maxDelaySeconds: number; forgetAfterSeconds: number };

const HOUR = 3600;
export const THROTTLE_RULES = {
  /** One account from one address: the guesser an attacker actually is. */
  signInAccountAtAddress: { freeAttempts: 5, baseDelaySeconds: 30, maxDelaySeconds: HOUR, forgetAfterSeconds: 12 * HOUR },
  /** Everything failing from one address (many accounts tried), generous for offices behind one NAT. */
  signInAddress: { freeAttempts: 30, baseDelaySeconds: 30, maxDelaySeconds: HOUR, forgetAfterSeconds: 12 * HOUR },
  /** New accounts from one address (room for an office, or an end-to-end run of ~14 sign-ups), then reset mails. */
  signUpAddress: { freeAttempts: 30, baseDelaySeconds: 60, maxDelaySeconds: HOUR, forgetAfterSeconds: 12 * HOUR },
  resetMailAddress: { freeAttempts: 5, baseDelaySeconds: 60, maxDelaySeconds: HOUR, forgetAfterSeconds: 12 * HOUR },
  /** Reset mails to one account, so nobody can flood an inbox. */
  resetMailAccount: { freeAttempts: 3, baseDelaySeconds: 300, maxDelaySeconds: 6 * HOUR, forgetAfterSeconds: 24 * HOUR },
} satisfies Record<string, ThrottleRule>;

export const throttleKey = {
  signInAccountAtAddress: (email: string, address: string) => `signin:account:${address}:${email}`,
  signInAddress: (address: string) => `signin:address:${address}`,
  signUpAddress: (address: string) => `signup:address:${address}`,
  resetMailAddress: (address: string) => `reset:address:${address}`,
  resetMailAccount: (email: string) => `reset:account:${email}`,
};

export type Claim = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one attempt against `key`, atomically: a single upsert that only updates a key whose
 * back-off has passed, so twenty parallel requests get exactly `freeAttempts` through and the rest
 * see the row their predecessors locked and wrote. No row back means the key is waiting.
 */
export async function claimAttempt(handle: DbHandle, key: string, rule: ThrottleRule): Promise<Claim> {
  const next = sql`case when t.last_attempt_at < now() - make_interval(secs => ${rule.forgetAfterSeconds}) then 1 else t.attempts + 1 end`;
  const delayAfter = (attempts: ReturnType<typeof sql>) =>
    sql`case when ${attempts} >= ${rule.freeAttempts}
          then now() + make_interval(secs => least(${rule.maxDelaySeconds}::float8, ${rule.baseDelaySeconds}::float8 * power(2, ${attempts} - ${rule.freeAttempts})))
          else null end`;
  const claimed = await withTenant(handle, { orgId: null }, async (tx) =>
    rowsOf<{ attempts: number }>(
      await tx.execute(sql`
        insert into auth_throttle as t (key, attempts, last_attempt_at, blocked_until)
        values (${key}, 1, now(), ${delayAfter(sql`1`)})
        on conflict (key) do update set
          attempts = ${next},
          last_attempt_at = now(),
          blocked_until = ${delayAfter(next)}
        where t.blocked_until is null or t.blocked_until <= now()
        returning attempts`),
    ),
  );
  if (claimed.length > 0) return { allowed: true };
  const [row] = await withTenant(handle, { orgId: null }, (tx) =>
    tx
      .select({ seconds: sql<number>`greatest(1, ceil(extract(epoch from ${authThrottle.blockedUntil} - now())))::int` })
      .from(authThrottle)
      .where(eq(authThrottle.key, key)),
  );
  return { allowed: false, retryAfterSeconds: row?.seconds ?? 1 };
}

/** Claims every key in order; the first that must wait refuses the attempt (with how long to wait). */
export async function claimOrRefuse(handle: DbHandle, claims: { key: string; rule: ThrottleRule }[]): Promise<void> {
  for (const { key, rule } of claims) {
    const claim = await claimAttempt(handle, key, rule);
    if (!claim.allowed) throw rateLimited(claim.retryAfterSeconds);
  }
}

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError("RATE_LIMITED", "errors.tooManyAttempts", { params: { seconds: retryAfterSeconds } });

/** A successful sign-in forgets the account-at-address counter. */
export async function forgetAttempts(handle: DbHandle, key: string) {
  await withTenant(handle, { orgId: null }, (tx) => tx.delete(authThrottle).where(eq(authThrottle.key, key)));
}

/** A claim that turned out not to be a failure (a correct password) does not count against the address. */
export async function refundAttempt(handle: DbHandle, key: string) {
  await withTenant(handle, { orgId: null }, (tx) =>
    tx
      .update(authThrottle)
      .set({ attempts: sql`greatest(0, ${authThrottle.attempts} - 1)` })
      .where(eq(authThrottle.key, key)),
  );
}

/** At most `limit` requests per `windowSeconds` (a fixed window that opens at its first request). */
export type RateWindow = { limit: number; windowSeconds: number };

/** The public API's default per key: generous for an agency's scripts, small enough to protect the database. */
export const API_KEY_RATE: RateWindow = { limit: 120, windowSeconds: 60 };

export const apiKeyThrottleKey = (keyId: string) => `apikey:${keyId}`;

/**
 * Counts one request against `key` in its current window, atomically (one upsert on the same
 * table as the sign-in throttle): the row is locked while it is counted, so parallel requests
 * never both take the last slot. `last_attempt_at` holds the window's start.
 */
export async function claimInWindow(handle: DbHandle, key: string, rule: RateWindow): Promise<Claim> {
  const expired = sql`t.last_attempt_at <= now() - make_interval(secs => ${rule.windowSeconds})`;
  const [row] = await withTenant(handle, { orgId: null }, async (tx) =>
    rowsOf<{ attempts: number; seconds: number }>(
      await tx.execute(sql`
        insert into auth_throttle as t (key, attempts, last_attempt_at, blocked_until)
        values (${key}, 1, now(), null)
        on conflict (key) do update set
          attempts = case when ${expired} then 1 else t.attempts + 1 end,
          last_attempt_at = case when ${expired} then now() else t.last_attempt_at end
        returning attempts, greatest(1, ceil(extract(epoch from t.last_attempt_at + make_interval(secs => ${rule.windowSeconds}) - now())))::int as seconds`),
    ),
  );
  if (!row || row.attempts <= rule.limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: row.seconds };
}
