import { randomBytes } from "node:crypto";
import type { DbHandle } from "@/db/client";

/**
 * KOUBEI_DEMO: "1" seeds the demo organisation on any database, "0" never; unset, only on the
 * embedded default database (a quick start on one machine), never on a PostgreSQL deployment
 * that did not ask for it. KOUBEI_SKIP_DEMO=1 is the older spelling of KOUBEI_DEMO=0.
 */
export function demoWanted(kind: DbHandle["kind"], env: Record<string, string | undefined> = process.env): boolean {
  const setting = env.KOUBEI_DEMO?.trim();
  if (setting === "1") return true;
  if (setting === "0" || env.KOUBEI_SKIP_DEMO === "1") return false;
  if (setting) throw new Error(`KOUBEI_DEMO must be 1 or 0 (got "${setting}")`);
  return kind === "pglite";
}

export const DEMO_EMAIL = "demo@koubei.local";

/** The password the demo was seeded with before it was generated: published, so never kept. */
export const PUBLISHED_DEMO_PASSWORD = "koubei-demo-2026";

const MIN_FIXED_PASSWORD = 12;

/**
 * KOUBEI_DEMO_PASSWORD fixes the demo owner's password (end-to-end tests sign in with it);
 * otherwise each seeding generates one that only the server's console ever shows.
 */
export function fixedDemoPassword(env: Record<string, string | undefined> = process.env): string | null {
  const fixed = env.KOUBEI_DEMO_PASSWORD;
  if (!fixed) return null;
  if (fixed.length < MIN_FIXED_PASSWORD || fixed === PUBLISHED_DEMO_PASSWORD) {
    throw new Error(`KOUBEI_DEMO_PASSWORD must have at least ${MIN_FIXED_PASSWORD} characters and not be the old published one`);
  }
  return fixed;
}

export const generateDemoPassword = (): string => randomBytes(12).toString("base64url");
