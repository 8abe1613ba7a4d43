import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { defaultDataDir } from "@/db/client";

/**
 * AUTH_SECRET signs session cookies. A new install has none, so one is made once and kept beside
 * the embedded database; sessions then survive restarts.
 */
export function ensureAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const dir = defaultDataDir();
  const file = path.join(dir, "auth-secret");
  fs.mkdirSync(dir, { recursive: true });
  let secret = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : "";
  if (!secret) {
    secret = randomBytes(32).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600 });
  }
  process.env.AUTH_SECRET = secret;
  return secret;
}
