import { fromPglite, PgBoss, type ConstructorOptions } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { logger } from "@/server/lib/logger";

export type BossOptions = {
  /** Schema pg-boss keeps its tables in. */
  schema?: string;
  /** Seconds between polls for new jobs (workers). */
  pollingIntervalSeconds?: number;
  /** Run cron schedules (the nightly scoring); only the app's own process does. */
  schedule?: boolean;
};

/**
 * A pg-boss 12 instance on the app's database. On PostgreSQL it opens its own pool from the
 * connection string (handle.url). On PGlite it shares the in-process instance through pg-boss's
 * PGlite adapter: parameterless SQL (its multi-statement DDL and locked blocks) goes through
 * `exec`, and every statement's rows are returned, so RETURNING before a COMMIT is not lost.
 */
export function createBoss(handle: DbHandle, options: BossOptions = {}): PgBoss {
  const common: ConstructorOptions = {
    schema: options.schema ?? "pgboss",
    schedule: options.schedule ?? false,
  };
  let boss: PgBoss;
  if (handle.kind === "postgres") {
    if (!handle.url) throw new Error("pg-boss needs the PostgreSQL connection string (handle.url)");
    boss = new PgBoss({ ...common, connectionString: handle.url, max: 4 });
  } else {
    if (!handle.pglite) throw new Error("pg-boss needs the PGlite instance (handle.pglite)");
    boss = new PgBoss({ ...common, db: fromPglite(handle.pglite), backend: "pglite" });
  }
  boss.on("error", (error: unknown) => logger.error({ err: error }, "pg-boss error"));
  return boss;
}

/** Creates, starts and returns pg-boss with the queues this app uses. Stop it with boss.stop(). */
export async function startBoss(handle: DbHandle, options: BossOptions = {}): Promise<PgBoss> {
  const boss = createBoss(handle, options);
  await boss.start();
  return boss;
}
