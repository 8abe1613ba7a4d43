import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock";
import { connectWithoutDelay } from "./pg-socket";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Db | Tx;

export type DbHandle = {
  db: Db;
  kind: "pglite" | "postgres";
  /**
   * PGlite connects as a superuser, which skips RLS; tenant transactions then switch to the
   * app role with SET LOCAL ROLE. On PostgreSQL the connection already is the app role.
   */
  switchRole: string | null;
  pglite?: PGlite;
  sql?: postgres.Sql;
  /** Connection string pg-boss uses on PostgreSQL. */
  url?: string;
  close(): Promise<void>;
};

export const APP_ROLE_PGLITE = "koubei_app";

export function defaultDataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.KOUBEI_DATA_DIR ?? ".data");
}

/**
 * `dataDir` "memory" opens an empty in-memory database; a Blob (a `dumpDataDir()` tarball) opens an
 * in-memory copy of it, which skips initdb and the migrations (the test suite's template database).
 * A folder opened with `loadDataDir` is filled from such a tarball when it holds no database yet.
 */
export async function openPglite(dataDir: string | "memory" | Blob, options: { loadDataDir?: Blob } = {}): Promise<DbHandle> {
  // Loaded on first use: the embedded engine's code is about 40 MB of resident memory that a
  // process on PostgreSQL (the server, the CLI, the benchmarks) has no use for.
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([import("@electric-sql/pglite"), import("drizzle-orm/pglite")]);
  const settings = pgliteSettings(PGlite.defaultStartParams);
  let lock: DataDirLock | null = null;
  let pglite: PGlite;
  if (dataDir instanceof Blob) {
    pglite = await PGlite.create({ loadDataDir: dataDir, ...settings });
  } else if (dataDir === "memory") {
    pglite = await PGlite.create(settings);
  } else {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
    try {
      pglite = await PGlite.create(path.join(dataDir, "pgdata"), { ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}), ...settings });
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    switchRole: APP_ROLE_PGLITE,
    pglite,
    async close() {
      await pglite.close();
      lock?.release();
    },
  };
}

/**
 * KOUBEI_PGLITE_SHARED_BUFFERS (e.g. "8MB") sizes the embedded database's buffer pool. PGlite's
 * default, 128 MB, is set up on every start: half of a start's second. Short-lived processes on
 * small data (the test suite, scripted CLI calls) start twice as fast on a small one.
 */
function pgliteSettings(defaultStartParams: readonly string[]): { startParams?: string[] } {
  const size = process.env.KOUBEI_PGLITE_SHARED_BUFFERS;
  if (!size) return {};
  if (!/^\d+(kB|MB|GB)$/.test(size)) throw new Error(`KOUBEI_PGLITE_SHARED_BUFFERS must be a size such as 8MB, got ${size}`);
  // On the command line, for this start only: PGlite's `postgresqlconf` option would replace the
  // data folder's postgresql.conf (its time zone and text search settings) for good.
  return { startParams: [...defaultStartParams, "-c", `shared_buffers=${size}`] };
}

export function openPostgres(url: string, options: { max?: number } = {}): DbHandle {
  // `socket` is a documented option that postgres.js's types leave out.
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => undefined, socket: connectWithoutDelay } as postgres.Options<Record<string, never>>);
  const db = drizzlePostgres(sql, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    switchRole: null,
    sql,
    url,
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

/** The database the app and CLI use: PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
export async function openConfiguredDatabase(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  if (url) return openPostgres(url);
  return openPglite(defaultDataDir());
}
