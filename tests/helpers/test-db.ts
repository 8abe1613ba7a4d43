import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openPglite, openPostgres, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { applyPeerMinOrganisations } from "@/db/peer-cohorts";
import { pgliteTemplate } from "./pglite-template";

export const TEST_APP_ROLE = "koubei_app_test";

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

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function withUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = "";
  return u.toString();
}

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
  const name = `koubei_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`create database ${name}`);
    await admin.unsafe(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${TEST_APP_ROLE}') then
        create role ${TEST_APP_ROLE} login nosuperuser nobypassrls;
      end if; end $$`);
    await admin.unsafe(`grant connect, create on database ${name} to ${TEST_APP_ROLE}`);
  } finally {
    await admin.end();
  }
  const ownerUrl = withDatabase(adminUrl, name);
  const appUrl = withUser(ownerUrl, TEST_APP_ROLE);
  const handle = openPostgres(appUrl, { max: 4 });
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
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => undefined });
      try {
        await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
