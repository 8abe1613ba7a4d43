import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openPostgres, type DbHandle } from "@/db/client";

/** Set by the global setup to the migrated database every test file's database is copied from (PostgreSQL runs). */
export const POSTGRES_TEMPLATE_ENV = "KOUBEI_TEST_POSTGRES_TEMPLATE";

export const TEST_APP_ROLE = "koubei_app_test";

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
 * A new database (a copy of `template` when given) that the app reaches through a non-superuser
 * role, because superusers bypass row-level security; ownerUrl is the superuser's way in.
 */
export async function createTestDatabase(adminUrl: string, template: string | null): Promise<{ name: string; ownerUrl: string; handle: DbHandle }> {
  const name = `koubei_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ""}`);
    await admin.unsafe(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${TEST_APP_ROLE}') then
        create role ${TEST_APP_ROLE} login nosuperuser nobypassrls;
      end if; end $$`);
    await admin.unsafe(`grant connect, create on database ${name} to ${TEST_APP_ROLE}`);
  } finally {
    await admin.end();
  }
  const ownerUrl = withDatabase(adminUrl, name);
  return { name, ownerUrl, handle: openPostgres(withUser(ownerUrl, TEST_APP_ROLE), { max: 4 }) };
}

export async function dropTestDatabase(adminUrl: string, name: string): Promise<void> {
  const cleanup = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await cleanup.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await cleanup.end();
  }
}
