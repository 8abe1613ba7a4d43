import { createHash, randomBytes } from "node:crypto";

/** A bearer secret for a link (invitation, password reset): 192 random bits, URL-safe. */
export const newSecretToken = () => randomBytes(24).toString("base64url");

/** Only this is stored: a leaked database does not leak usable links. */
export const hashSecretToken = (token: string) => createHash("sha256").update(token).digest("hex");
