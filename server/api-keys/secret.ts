import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { API_KEY_PREFIX } from "@/lib/contracts/api-keys";

/** How much of a secret a list shows: the fixed prefix and a few random characters. */
const VISIBLE_CHARS = 6;

/** A new key: 256 random bits after the recognisable prefix. */
export function newApiKeySecret(): { secret: string; prefix: string; hash: string } {
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, API_KEY_PREFIX.length + VISIBLE_CHARS), hash: hashApiKeySecret(secret) };
}

/** Only this is stored: the secret has 256 bits, so a plain SHA-256 cannot be reversed by guessing. */
export const hashApiKeySecret = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

/** Whether a header value could be one of our keys at all (saves a lookup for junk). */
export const looksLikeApiKey = (value: string) => value.startsWith(API_KEY_PREFIX) && value.length > API_KEY_PREFIX.length + 20 && value.length < 200;

/** The stored hash against the presented secret's, in constant time. */
export function sameHash(storedHex: string, presentedHex: string): boolean {
  const stored = Buffer.from(storedHex, "hex");
  const presented = Buffer.from(presentedHex, "hex");
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}
