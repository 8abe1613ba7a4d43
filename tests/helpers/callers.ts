import { TRPCError } from "@trpc/server";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll } from "vitest";
import type { DbHandle } from "@/db/client";
import { createCaller } from "@/server/api/root";
import type { Context } from "@/server/api/trpc";
import { startBoss } from "@/server/jobs/boss";
import { registerImportWorker } from "@/server/jobs/import-run";
import { registerScoringWorkers } from "@/server/jobs/scoring-refresh";
import { createOrganisation } from "@/server/orgs/service";
import { createUser } from "@/server/users/service";
import { findUserById } from "@/server/users/service";

let counter = 0;

/** A caller as the app builds one; with `boss` the app runs with its job queue, without it does the work inline. */
export async function callerFor(handle: DbHandle, userId: string | null, orgId: string | null = null, locale: Context["locale"] = "en", boss: PgBoss | null = null) {
  const session = userId ? { userId, sessionVersion: (await findUserById(handle, userId))?.sessionVersion ?? 1 } : null;
  return createCaller({ runtime: { handle, boss }, session, orgId, locale, ip: "127.0.0.1" });
}

/** A new user who owns a new organisation, plus a caller acting as them inside it. */
export async function ownerWithOrg(handle: DbHandle, label = "org", boss: PgBoss | null = null) {
  counter++;
  const user = await createUser(handle, {
    email: `${label}-${counter}-${Date.now()}@example.test`,
    password: "correct horse battery",
    name: `${label} owner`,
  });
  const org = await createOrganisation(handle, { name: `${label} ${counter}`, kind: "agency", ownerUserId: user.id });
  return { user, org, caller: await callerFor(handle, user.id, org.orgId, "en", boss) };
}

/** The two ways the app runs: no job queue (work inline, as in scripts), and pg-boss with its workers. */
export const QUEUE_MODES = ["inline", "queued"] as const;
export type QueueMode = (typeof QUEUE_MODES)[number];

/**
 * For a describe block: in "queued" mode a real pg-boss in the test database with the app's
 * import and rescore workers (polling fast), started after the database and stopped before it
 * closes; in "inline" mode no queue. Read `boss` inside the tests.
 */
export function jobQueueFor(mode: QueueMode, database: () => DbHandle): { boss: PgBoss | null } {
  const state: { boss: PgBoss | null } = { boss: null };
  beforeAll(async () => {
    if (mode === "inline") return;
    const handle = database();
    const boss = await startBoss(handle);
    await registerImportWorker(boss, handle, { pollingIntervalSeconds: 0.5 });
    await registerScoringWorkers(boss, handle, { pollingIntervalSeconds: 0.5, nightly: false });
    state.boss = boss;
  });
  afterAll(async () => {
    await state.boss?.stop({ graceful: true, timeout: 10_000 });
    state.boss = null;
  });
  return state;
}

/** Reads a score until the server no longer says it is recalculating (at once without a queue). */
export async function whenRecalculated<T extends { recalculating: boolean }>(read: () => Promise<T>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (!value.recalculating) return value;
    if (Date.now() > deadline) throw new Error(`still recalculating after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A procedure call's outcome as its tRPC code ("OK" when it succeeds). */
export async function trpcCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}
