import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { defaultDataDir, type DbHandle } from "@/db/client";
import { AppError } from "@/server/lib/errors";

/** What a ciphertext is, bound into it: a secret of one organisation cannot be replayed as another's, or as another kind of secret. */
export type SecretPurpose = "app_secret" | "access_token" | "refresh_token" | "alert_endpoint_secret";

const VERSION = "v1";

/**
 * The 256-bit key: SHA-256 of KOUBEI_SECRET_KEY. Without it the embedded database (a developer's
 * machine) gets a key derived from its folder, so it works out of the box; a PostgreSQL
 * deployment must set one, or connecting a shop is refused.
 */
export function secretKey(handle: Pick<DbHandle, "kind">): Buffer {
  const configured = process.env.KOUBEI_SECRET_KEY;
  if (configured) return createHash("sha256").update(configured, "utf8").digest();
  if (handle.kind === "pglite") return createHash("sha256").update(`koubei-dev-only:${defaultDataDir()}`, "utf8").digest();
  throw new AppError("CONFLICT", "errors.sync.secretKeyMissing");
}

/** AES-256-GCM: `v1:` + base64(iv | tag | ciphertext), authenticated with the organisation and purpose. */
export function encryptSecret(key: Buffer, orgId: string, purpose: SecretPurpose, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(`${orgId}:${purpose}`, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decryptSecret(key: Buffer, orgId: string, purpose: SecretPurpose, stored: string): string {
  const [version, payload] = stored.split(":", 2);
  if (version !== VERSION || !payload) throw new AppError("CONFLICT", "errors.sync.secretUnreadable");
  const bytes = Buffer.from(payload, "base64");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(`${orgId}:${purpose}`, "utf8"));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    // A changed KOUBEI_SECRET_KEY, or a value copied from elsewhere: the shop has to be connected again.
    throw new AppError("CONFLICT", "errors.sync.secretUnreadable");
  }
}
