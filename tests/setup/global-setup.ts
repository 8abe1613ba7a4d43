import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openPglite } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { PGLITE_TEMPLATE_ENV } from "../helpers/pglite-template";
import { createTestDatabase, dropTestDatabase, POSTGRES_TEMPLATE_ENV } from "../helpers/postgres-template";

/** Fails fast with a clear message when TEST_DATABASE_URL points at a server that is not up. */
export default async function globalSetup(): Promise<(() => void) | undefined> {
  (process.env as Record<string, string>).NODE_ENV = "test";
  // Every test file and CLI call opens an embedded database of a few megabytes: a small buffer
  // pool halves each start (db/client.ts). The workers and the commands they run inherit it.
  process.env.KOUBEI_PGLITE_SHARED_BUFFERS ??= "8MB";
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return buildPgliteTemplate();
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => undefined });
  try {
    await sql`select 1`;
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL=${url} is not reachable: ${(error as Error).message}`);
  } finally {
    await sql.end();
  }
  return buildPostgresTemplate(url);
}

/**
 * The same for PostgreSQL: one database migrated for the run, and every test file's database
 * created from it (a file copy instead of every migration and the security setup, ~0.5 s each).
 */
async function buildPostgresTemplate(adminUrl: string): Promise<() => Promise<void>> {
  const template = await createTestDatabase(adminUrl, null);
  try {
    await migrateDatabase(template.handle, { ownerUrl: template.ownerUrl });
  } finally {
    // A template may have no open connection while databases are created from it.
    await template.handle.close();
  }
  process.env[POSTGRES_TEMPLATE_ENV] = template.name;
  return () => dropTestDatabase(adminUrl, template.name);
}

/**
 * Migrating a new embedded database costs seconds per test file (initdb, every migration, the
 * security setup); loading a dump of one migrated once costs a fraction. Built fresh for each run,
 * so it can never be older than the migrations; the workers find it through the environment.
 */
async function buildPgliteTemplate(): Promise<() => void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-test-template-"));
  const file = path.join(folder, "migrated.tar");
  const handle = await openPglite("memory");
  try {
    await migrateDatabase(handle);
    const dump = await handle.pglite?.dumpDataDir("none");
    if (dump) fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await handle.close();
  }
  if (fs.existsSync(file)) process.env[PGLITE_TEMPLATE_ENV] = file;
  return () => fs.rmSync(folder, { recursive: true, force: true });
}
