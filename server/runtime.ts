import { openConfiguredDatabase, type DbHandle } from "@/db/client";
import { assertAppRoleIsRestricted, migrateDatabase } from "@/db/migrate";
import { logger } from "@/server/lib/logger";

import type { PgBoss } from "pg-boss";

/** What a request needs: the database, and the job queue once the server has started it. */
export type Runtime = { handle: DbHandle; boss: PgBoss | null };

type RuntimeHooks = { afterMigrate: ((runtime: Runtime) => Promise<void>)[] };

const globalKey = Symbol.for("koubei.runtime");
const hooksKey = Symbol.for("koubei.runtime.hooks");
type GlobalWithRuntime = typeof globalThis & { [globalKey]?: Promise<Runtime>; [hooksKey]?: RuntimeHooks };
const g = globalThis as GlobalWithRuntime;

/** Work that must run once the database is ready (demo seed, job workers), registered by instrumentation. */
export function onRuntimeReady(hook: (runtime: Runtime) => Promise<void>): void {
  g[hooksKey] ??= { afterMigrate: [] };
  g[hooksKey].afterMigrate.push(hook);
}

async function start(): Promise<Runtime> {
  const handle = await openConfiguredDatabase();
  await assertAppRoleIsRestricted(handle);
  await migrateDatabase(handle);
  const runtime: Runtime = { handle, boss: null };
  for (const hook of g[hooksKey]?.afterMigrate ?? []) await hook(runtime);
  logger.info({ db: handle.kind }, "database ready");
  return runtime;
}

/** One database owner per process: the Next server (and only it) holds the embedded database. */
export function getRuntime(): Promise<Runtime> {
  g[globalKey] ??= start().catch((error: unknown) => {
    g[globalKey] = undefined;
    throw error;
  });
  return g[globalKey];
}
