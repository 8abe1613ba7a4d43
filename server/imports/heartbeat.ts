import { and, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { imports } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { logger } from "@/server/lib/logger";

/** How often a running import says it is alive, and how long a silence means its process died. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
export const STALE_AFTER_SECONDS = 60;

/** Imports running in this process: alive whatever their heartbeat says (PGlite cannot beat mid-import). */
const runningHere = new Set<string>();

/**
 * Keeps an import's heartbeat fresh while it runs. On PostgreSQL the beat is its own short
 * transaction on another connection, beside the import's long one; PGlite's single connection is
 * held by the import, but PGlite also has a single process (the data-folder lock), so there the
 * sweeper trusts `runningHere` instead. Returns the function that stops the beat.
 */
export function startHeartbeat(handle: DbHandle, target: { orgId: string; importId: string }, intervalMs = HEARTBEAT_INTERVAL_MS): () => void {
  runningHere.add(target.importId);
  const beat = async () => {
    try {
      await withTenant(handle, { orgId: target.orgId }, (tx) =>
        tx.update(imports).set({ heartbeatAt: new Date() }).where(and(eq(imports.orgId, target.orgId), eq(imports.id, target.importId))),
      );
    } catch (error) {
      logger.warn({ err: error, importId: target.importId }, "could not write import heartbeat");
    }
  };
  const timer = handle.kind === "postgres" ? setInterval(() => void beat(), intervalMs) : null;
  timer?.unref();
  return () => {
    if (timer) clearInterval(timer);
    runningHere.delete(target.importId);
  };
}

/**
 * Marks running imports whose process died (no heartbeat for `staleAfterSeconds`, not running
 * here) as failed with a reason the reader sees in their language. The file stays where it was,
 * so the import can be retried (runQueuedImport runs a failed import again). The update re-checks
 * the heartbeat in the tenant's transaction: an import that beat meanwhile is left alone.
 */
export async function sweepStaleImports(handle: DbHandle, options: { staleAfterSeconds?: number } = {}): Promise<{ orgId: string; importId: string }[]> {
  const staleAfter = options.staleAfterSeconds ?? STALE_AFTER_SECONDS;
  const candidates = await withTenant(handle, { orgId: null }, async (tx) =>
    rowsOf<{ org_id: string; id: string }>(await tx.execute(sql`select org_id, id from koubei_stale_imports(${staleAfter})`)),
  );
  const swept: { orgId: string; importId: string }[] = [];
  for (const { org_id: orgId, id: importId } of candidates) {
    if (runningHere.has(importId)) continue;
    const silentSince = sql`coalesce(${imports.heartbeatAt}, ${imports.startedAt}, ${imports.updatedAt}) < now() - make_interval(secs => ${staleAfter})`;
    const updated = await withTenant(handle, { orgId }, (tx) =>
      tx
        .update(imports)
        .set({
          status: "failed",
          error: `interrupted (heartbeat_at older than ${staleAfter}s)`,
          errorKey: "errors.import.interrupted",
          errorParams: {},
          finishedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(and(eq(imports.orgId, orgId), eq(imports.id, importId), eq(imports.status, "running"), silentSince))
        .returning({ id: imports.id }),
    );
    if (updated.length > 0) swept.push({ orgId, importId });
  }
  if (swept.length > 0) logger.warn({ imports: swept }, "imports whose process stopped marked failed");
  return swept;
}
