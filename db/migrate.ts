import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { sql } from "drizzle-orm";
import { APP_ROLE_PGLITE, openPostgres, type DbHandle } from "./client";
import { applySecurity, ensurePgliteAppRole, rowsOf } from "./security";
import { seedReferenceData } from "./seed-reference";

// Bundled server code has no import.meta.dirname; the server always runs from the project root.
export const MIGRATIONS_FOLDER = import.meta.dirname
  ? path.resolve(import.meta.dirname, "migrations")
  : path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

/**
 * Brings the schema up to date and (re)applies RLS. On PostgreSQL the DDL runs as
 * DATABASE_OWNER_URL when given (the app role then only gets grants), else as the app role.
 * `peerMinOrgs` overrides KOUBEI_PEER_MIN_ORGS (tests).
 */
export async function migrateDatabase(handle: DbHandle, options: { ownerUrl?: string; peerMinOrgs?: number } = {}): Promise<void> {
  const { peerMinOrgs } = options;
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    await ensurePgliteAppRole(handle.db, APP_ROLE_PGLITE);
    await applySecurity(handle.db, { appRole: APP_ROLE_PGLITE, peerMinOrgs });
    await seedReferenceData(handle.db);
    return;
  }
  const ownerUrl = options.ownerUrl ?? process.env.DATABASE_OWNER_URL;
  if (!ownerUrl) {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    await applySecurity(handle.db, { appRole: null, peerMinOrgs });
    await seedReferenceData(handle.db);
    return;
  }
  const appRole = rowsOf<{ u: string }>(await handle.db.execute(sql`select current_user as u`))[0]?.u ?? null;
  const owner = openPostgres(ownerUrl, { max: 1 });
  try {
    await migratePostgres(owner.db as unknown as PostgresJsDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    await applySecurity(owner.db, { appRole, peerMinOrgs });
    await seedReferenceData(owner.db);
  } finally {
    await owner.close();
  }
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
