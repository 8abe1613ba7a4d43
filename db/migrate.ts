import fs from "node:fs";
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { sql } from "drizzle-orm";
import { APP_ROLE_PGLITE, openPostgres, type Db, type DbHandle } from "./client";
import { peerMinOrganisations } from "./peer-cohorts";
import { applySecurity, ensurePgliteAppRole, rowsOf } from "./security";
import { readSetupState, setupFingerprint, storeSetupFingerprint } from "./setup-fingerprint";
import { seedReferenceData } from "./seed-reference";

/**
 * Where the committed migrations are: beside this module when run from source, beside the
 * project's `dist/` when run from the bundled CLI, else under the project root (the Next server's
 * bundle has no import.meta.dirname and always runs from the root).
 */
function findMigrationsFolder(): string {
  const here = import.meta.dirname;
  const candidates = here ? [path.resolve(here, "migrations"), path.resolve(here, "..", "db", "migrations")] : [];
  candidates.push(path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations"));
  return candidates.find((dir) => fs.existsSync(path.join(dir, "meta", "_journal.json"))) ?? candidates[candidates.length - 1] ?? "db/migrations";
}

export const MIGRATIONS_FOLDER = findMigrationsFolder();

/**
 * Brings the schema up to date and (re)applies RLS. On PostgreSQL the DDL runs as
 * DATABASE_OWNER_URL when given (the app role then only gets grants), else as the app role.
 * `peerMinOrgs` overrides KOUBEI_PEER_MIN_ORGS (tests). A database whose stored setup fingerprint
 * is this version's is left alone after one catalogue read (`force` sets it up all the same).
 * Returns whether the setup ran.
 */
export async function migrateDatabase(
  handle: DbHandle,
  options: { ownerUrl?: string; peerMinOrgs?: number; force?: boolean; /** Tests: another folder of migrations. */ migrationsFolder?: string } = {},
): Promise<boolean> {
  const migrationsFolder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
  const peerMinOrgs = options.peerMinOrgs ?? peerMinOrganisations();
  const ownerUrl = handle.kind === "postgres" ? (options.ownerUrl ?? process.env.DATABASE_OWNER_URL) : undefined;
  const state = await readSetupState(handle.db).catch(() => null);
  const appRole = handle.kind === "pglite" ? APP_ROLE_PGLITE : ownerUrl ? (state?.currentUser ?? (await currentUser(handle))) : null;
  const fingerprint = setupFingerprint({ journal: fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8"), appRole, peerMinOrgs });
  if (!options.force && state?.fingerprint === fingerprint) return false;

  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    await ensurePgliteAppRole(handle.db, APP_ROLE_PGLITE);
    await setUp(handle.db, appRole, peerMinOrgs, fingerprint);
    return true;
  }
  if (!ownerUrl) {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
    await setUp(handle.db, null, peerMinOrgs, fingerprint);
    return true;
  }
  const owner = openPostgres(ownerUrl, { max: 1 });
  try {
    await migratePostgres(owner.db as unknown as PostgresJsDatabase, { migrationsFolder });
    await setUp(owner.db, appRole, peerMinOrgs, fingerprint);
  } finally {
    await owner.close();
  }
  return true;
}

/** Security and reference rows after the migrations; the fingerprint last, so a half-done setup is redone. */
async function setUp(db: Db, appRole: string | null, peerMinOrgs: number, fingerprint: string): Promise<void> {
  await applySecurity(db, { appRole, peerMinOrgs });
  await seedReferenceData(db);
  await storeSetupFingerprint(db, fingerprint);
}

async function currentUser(handle: DbHandle): Promise<string | null> {
  return rowsOf<{ u: string }>(await handle.db.execute(sql`select current_user as u`))[0]?.u ?? null;
}

export class UnsafeDatabaseRoleError extends Error {}

/** RLS is only a backstop if the app cannot bypass it: refuse to run as a superuser or BYPASSRLS. */
export async function assertAppRoleIsRestricted(handle: DbHandle): Promise<void> {
  if (handle.kind === "pglite") return;
  const [role] = rowsOf<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
    await handle.db.execute(
      sql`select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user`,
    ),
  );
  if (!role || role.rolsuper || role.rolbypassrls) {
    throw new UnsafeDatabaseRoleError(
      `DATABASE_URL connects as "${role?.rolname ?? "?"}", which is a superuser or has BYPASSRLS. ` +
        `Koubei relies on row-level security: connect as a plain role (see README, "Using PostgreSQL").`,
    );
  }
}
