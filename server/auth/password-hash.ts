import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes).
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * The one place passwords are hashed and checked. An object (not bare functions) so a test can
 * count verifications: that, not a stopwatch, shows unknown e-mails cost the same as known ones.
 */
export const passwordHasher = {
  hash: (password: string) => hash(password, ARGON2),
  verify: (passwordHash: string, password: string) => verify(passwordHash, password),
};

let dummy: Promise<string> | null = null;
/** A hash of a random secret nobody knows: unknown e-mails are checked against it, so they take as long as known ones. */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= passwordHasher.hash(randomBytes(32).toString("base64url"));
  return dummy;
}
