import { eq, like, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { authThrottle } from "@/db/schema";
import { clientAddress, PEER_HEADER } from "@/server/auth/client-address";
import { passwordHasher } from "@/server/auth/password-hash";
import { THROTTLE_RULES, throttleKey } from "@/server/auth/throttle";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/lib/errors";
import { createUser, verifyCredentials } from "@/server/users/service";
import { callerFor } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

let n = 0;
const PASSWORD = "correct horse battery";
const newUser = async () => createUser(t.handle, { email: `throttle-${++n}-${Date.now()}@example.test`, password: PASSWORD, name: "T" });
/** A fresh client address per test, so tests do not share counters. */
const freshAddress = () => `198.51.100.${++n}`;

const outcomeOf = (attempt: Promise<unknown>) =>
  attempt.then(
    () => "ok",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

/** Makes the key's back-off end now, as if the wait had passed. */
const waitOut = (key: string) =>
  withTenant(t.handle, { orgId: null }, (tx) => tx.update(authThrottle).set({ blockedUntil: sql`now() - interval '1 second'` }).where(eq(authThrottle.key, key)));

describe("sign-in throttling", () => {
  it("lets exactly the allowed number of 20 parallel wrong passwords be checked", async () => {
    const user = await newUser();
    const address = freshAddress();
    const checks = vi.spyOn(passwordHasher, "verify");
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => outcomeOf(verifyCredentials(t.handle, { email: user.email, password: "wrong guess", address }))),
    );
    expect(checks).toHaveBeenCalledTimes(THROTTLE_RULES.signInAccountAtAddress.freeAttempts);
    expect(outcomes.filter((o) => o === "UNAUTHORIZED")).toHaveLength(THROTTLE_RULES.signInAccountAtAddress.freeAttempts);
    expect(outcomes.filter((o) => o === "RATE_LIMITED")).toHaveLength(20 - THROTTLE_RULES.signInAccountAtAddress.freeAttempts);
    // Even the right password waits out the back-off from this address.
    expect(await outcomeOf(verifyCredentials(t.handle, { email: user.email, password: PASSWORD, address }))).toBe("RATE_LIMITED");
  });

  it("tells how long to wait, and doubles the wait after each further failure", async () => {
    const user = await newUser();
    const address = freshAddress();
    const key = throttleKey.signInAccountAtAddress(user.email, address);
    const waitAfterFailures = async () => {
      const error = await verifyCredentials(t.handle, { email: user.email, password: "wrong", address }).catch((e: unknown) => e);
      return error instanceof AppError && error.code === "RATE_LIMITED" ? Number(error.details.params?.seconds) : null;
    };
    for (let i = 0; i < THROTTLE_RULES.signInAccountAtAddress.freeAttempts; i++) expect(await waitAfterFailures()).toBeNull();
    const first = await waitAfterFailures();
    expect(first).toBeGreaterThan(THROTTLE_RULES.signInAccountAtAddress.baseDelaySeconds - 2);
    expect(first).toBeLessThanOrEqual(THROTTLE_RULES.signInAccountAtAddress.baseDelaySeconds);
    await waitOut(key);
    expect(await waitAfterFailures()).toBeNull(); // one more try once the wait is over: a delay, not a lock
    const second = await waitAfterFailures();
    expect(second).toBeGreaterThan(2 * THROTTLE_RULES.signInAccountAtAddress.baseDelaySeconds - 2);
  });

  it("does not lock the real owner out: from a fresh address the right password works at once", async () => {
    const user = await newUser();
    const attackerAddress = freshAddress();
    for (let i = 0; i < 12; i++) await outcomeOf(verifyCredentials(t.handle, { email: user.email, password: `guess ${i}`, address: attackerAddress }));
    expect(await outcomeOf(verifyCredentials(t.handle, { email: user.email, password: "guess", address: attackerAddress }))).toBe("RATE_LIMITED");
    expect(await outcomeOf(verifyCredentials(t.handle, { email: user.email, password: PASSWORD, address: freshAddress() }))).toBe("ok");
  });

  it("slows one address guessing many accounts, while the same accounts from another address are untouched", async () => {
    const address = freshAddress();
    const users = await Promise.all(Array.from({ length: 8 }, () => newUser()));
    const rule = THROTTLE_RULES.signInAddress;
    let refused = 0;
    for (let i = 0; i < rule.freeAttempts + 5; i++) {
      const victim = users[i % users.length];
      if (!victim) continue;
      // Four guesses per account stay under the per-account limit: only the address limit can stop this.
      if ((await outcomeOf(verifyCredentials(t.handle, { email: victim.email, password: `guess ${i}`, address }))) === "RATE_LIMITED") refused++;
    }
    expect(refused).toBe(5);
    const [someone] = users;
    expect(someone && (await outcomeOf(verifyCredentials(t.handle, { email: someone.email, password: PASSWORD, address: freshAddress() })))).toBe("ok");
  });

  it("forgets an account's failures at an address after a successful sign-in there", async () => {
    const user = await newUser();
    const address = freshAddress();
    for (let i = 0; i < THROTTLE_RULES.signInAccountAtAddress.freeAttempts - 1; i++) {
      await outcomeOf(verifyCredentials(t.handle, { email: user.email, password: "wrong", address }));
    }
    expect(await outcomeOf(verifyCredentials(t.handle, { email: user.email, password: PASSWORD, address }))).toBe("ok");
    for (let i = 0; i < THROTTLE_RULES.signInAccountAtAddress.freeAttempts - 1; i++) {
      expect(await outcomeOf(verifyCredentials(t.handle, { email: user.email, password: "wrong", address }))).toBe("UNAUTHORIZED");
    }
  });
});

describe("client address", () => {
  const headersOf = (peer: string, forwardedFor?: string) =>
    new Headers({ [PEER_HEADER]: peer, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) });

  it("ignores a spoofed X-Forwarded-For without a trusted proxy: 40 rotating values are one address", async () => {
    const user = await newUser();
    const peer = freshAddress();
    const outcomes: string[] = [];
    for (let i = 0; i < 40; i++) {
      const address = clientAddress(headersOf(peer, `203.0.113.${i}`), undefined);
      expect(address).toBe(peer);
      outcomes.push(await outcomeOf(verifyCredentials(t.handle, { email: user.email, password: `guess ${i}`, address })));
    }
    expect(outcomes.filter((o) => o === "UNAUTHORIZED")).toHaveLength(THROTTLE_RULES.signInAccountAtAddress.freeAttempts);
  });

  it("believes X-Forwarded-For only when the peer is a configured proxy, reading it from the right", async () => {
    const { trustedProxies } = await import("@/server/auth/client-address");
    const proxies = trustedProxies("10.0.0.0/8, 127.0.0.1");
    expect(clientAddress(headersOf("127.0.0.1", "1.2.3.4, 203.0.113.9"), proxies)).toBe("203.0.113.9");
    expect(clientAddress(headersOf("::ffff:127.0.0.1", "203.0.113.9, 10.1.2.3"), proxies)).toBe("203.0.113.9");
    expect(clientAddress(headersOf("198.51.100.77", "203.0.113.9"), proxies)).toBe("198.51.100.77");
    expect(clientAddress(headersOf("198.51.100.77", "203.0.113.9"), trustedProxies(""))).toBe("198.51.100.77");
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9" }), proxies)).toBe("unknown");
    expect(() => trustedProxies("not-an-address")).toThrow(/KOUBEI_TRUSTED_PROXIES/);
  });
});

describe("sign-up throttling", () => {
  it("limits sign-ups per address, with a wait instead of an error", async () => {
    const before = await withTenant(t.handle, { orgId: null }, (tx) => tx.select().from(authThrottle).where(like(authThrottle.key, "signup:%")));
    expect(before).toEqual([]);
    const pub = await callerFor(t.handle, null);
    const codes: string[] = [];
    for (let i = 0; i < THROTTLE_RULES.signUpAddress.freeAttempts + 2; i++) {
      codes.push(
        await pub.auth.signUp({ email: `flood-${i}-${Date.now()}@example.test`, password: PASSWORD, name: "F", orgKind: "brand" }).then(
          () => "ok",
          (error: { code?: string }) => error.code ?? "?",
        ),
      );
    }
    expect(codes).toEqual([...Array<string>(THROTTLE_RULES.signUpAddress.freeAttempts).fill("ok"), "TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
  });
});
