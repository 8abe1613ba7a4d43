import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { CATEGORY_SEED } from "./reference-categories";
import { rowsOf, SECURITY_SETUP_TEXT } from "./security";

/**
 * What a database set up by this version of Koubei holds: the migrations journal, the security
 * setup, the reference rows, the app role and the peer minimum, as one short text. It is stored
 * last, as the body of koubei_setup_fingerprint(), so a process that finds its own fingerprint
 * there skips the setup (one catalogue read instead of re-running every step at each CLI call),
 * and a setup that failed half-way is redone.
 */
export function setupFingerprint(input: { journal: string; appRole: string | null; peerMinOrgs: number }): string {
  const migrations = (JSON.parse(input.journal) as { entries?: unknown[] }).entries?.length ?? 0;
  const hash = createHash("sha256")
    .update(input.journal)
    .update("\0")
    .update(SECURITY_SETUP_TEXT)
    .update("\0")
    .update(JSON.stringify(CATEGORY_SEED))
    .update(`\0${input.appRole ?? ""}\0${input.peerMinOrgs}`)
    .digest("hex");
  return `${migrations}-${hash.slice(0, 32)}`;
}

const FUNCTION_NAME = "koubei_setup_fingerprint";

/** The connection's role and the fingerprint stored in the database (null before the first setup); one query. */
export async function readSetupState(db: Db): Promise<{ currentUser: string; fingerprint: string | null }> {
  const [row] = rowsOf<{ u: string; body: string | null }>(
    await db.execute(sql`select current_user as u, (
      select p.prosrc from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.proname = ${FUNCTION_NAME} limit 1) as body`),
  );
  const match = row?.body?.match(/'([0-9a-f-]+)'/);
  return { currentUser: row?.u ?? "", fingerprint: match?.[1] ?? null };
}

export async function storeSetupFingerprint(db: Db, fingerprint: string): Promise<void> {
  if (!/^[0-9a-f-]+$/.test(fingerprint)) throw new RangeError(`not a setup fingerprint: ${fingerprint}`);
  await db.execute(sql.raw(`create or replace function ${FUNCTION_NAME}() returns text language sql immutable as $$ select '${fingerprint}'::text $$`));
}
