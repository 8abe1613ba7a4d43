import { openPglite, openPostgres, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { applyPeerMinOrganisations } from "@/db/peer-cohorts";
import { pgliteTemplate } from "./pglite-template";
import { createTestDatabase, dropTestDatabase, POSTGRES_TEMPLATE_ENV, TEST_APP_ROLE } from "./postgres-template";

export { TEST_APP_ROLE };

export type TestDatabase = {
  handle: DbHandle;
  /** Superuser/owner connection string of this database (PostgreSQL only). */
  ownerUrl?: string;
  /** Sets KOUBEI_PEER_MIN_ORGS as the database holds it (the schema owner's function). */
  setPeerMinOrgs(minOrgs: number): Promise<void>;
  close(): Promise<void>;
};

export type TestDatabaseOptions = {
  /** KOUBEI_PEER_MIN_ORGS for this database; 1 when the test's peers are a handful of organisations. */
  peerMinOrgs?: number;
};

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default; with
 * TEST_DATABASE_URL (a superuser URL) a new PostgreSQL database that the app reaches through a
 * non-superuser role, because superusers bypass row-level security.
 */
export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const template = pgliteTemplate();
    const handle = await openPglite(template ?? "memory");
    if (!template) await migrateDatabase(handle, { peerMinOrgs: options.peerMinOrgs });
    else if (options.peerMinOrgs !== undefined) await applyPeerMinOrganisations(handle.db, options.peerMinOrgs);
    return { handle, setPeerMinOrgs: (minOrgs) => applyPeerMinOrganisations(handle.db, minOrgs), close: () => handle.close() };
  }
  // A copy of the run's migrated template (its setup fingerprint current, so migrating only
  // checks it), unless this file's peer minimum differs from the template's.
  const { name, ownerUrl, handle } = await createTestDatabase(adminUrl, process.env[POSTGRES_TEMPLATE_ENV] ?? null);
  await migrateDatabase(handle, { ownerUrl, peerMinOrgs: options.peerMinOrgs });
  return {
    handle,
    ownerUrl,
    async setPeerMinOrgs(minOrgs) {
      const owner = openPostgres(ownerUrl, { max: 1 });
      try {
        await applyPeerMinOrganisations(owner.db, minOrgs);
      } finally {
        await owner.close();
      }
    },
    async close() {
      await handle.close();
      await dropTestDatabase(adminUrl, name);
    },
  };
}
