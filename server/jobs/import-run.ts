import type { PgBoss } from "pg-boss";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { imports } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { notFound } from "@/server/lib/errors";
import { logger } from "@/server/lib/logger";
import { type EncodingChoice, isImportKind, type ImportKind } from "@/lib/contracts/imports";
import type { HeaderMapping } from "@/server/imports/headers";
import { requireOrg, type ImportContext } from "@/server/imports/context";
import { createImport, runImport, type ImportSummary } from "@/server/imports/service";
import { discardUpload } from "@/server/imports/uploads";
import { scheduleRescore } from "@/server/scoring/rescore";
import { rememberWorker, wakeWorkers } from "./wake";

export const IMPORT_RUN_QUEUE = "import.run";

/** The job carries the tenant (never trusted from elsewhere) and the import to run; the file is the import's source_ref. */
export type ImportRunJob = { orgId: string; userId: string | null; importId: string };

export async function ensureImportQueue(boss: PgBoss): Promise<void> {
  await boss.createQueue(IMPORT_RUN_QUEUE, { retryLimit: 2, retryDelay: 5, expireInSeconds: 3600 });
}

/**
 * Creates a queued import for a file already saved on disk and hands it to the import.run
 * worker. Progress and the result appear on the imports row (getImport).
 */
export async function queueImport(
  handle: DbHandle,
  boss: PgBoss,
  ctx: ImportContext,
  input: { shopId?: string; creatorId?: string; kind: ImportKind; sourcePath: string; fileName: string; mapping?: HeaderMapping; encoding?: EncodingChoice; bundleId?: string },
): Promise<{ importId: string; jobId: string | null }> {
  const orgId = requireOrg(ctx);
  const importId = await createImport(handle, ctx, { ...input, sourceRef: input.sourcePath });
  const job: ImportRunJob = { orgId, userId: ctx.userId ?? null, importId };
  const jobId = await boss.send(IMPORT_RUN_QUEUE, job, { singletonKey: importId });
  wakeWorkers(boss, IMPORT_RUN_QUEUE);
  return { importId, jobId };
}

/** Runs one queued import (the worker's body; also callable directly). null when it already ran (a repeated job). */
export async function runQueuedImport(handle: DbHandle, job: ImportRunJob): Promise<ImportSummary | null> {
  const ctx = { orgId: job.orgId, userId: job.userId };
  const [row] = await withTenant(handle, ctx, (tx) =>
    tx.select().from(imports).where(and(eq(imports.orgId, job.orgId), eq(imports.id, job.importId))),
  );
  if (!row || !row.sourceRef || !isImportKind(row.kind)) throw notFound("importNotFound");
  if (row.status === "succeeded" || row.status === "undone") {
    await discardUpload(row.sourceRef);
    return null;
  }
  // A crash (an error that is not about the file) is rethrown before this, so pg-boss retries
  // with the file still there; a success or a refusal is final and the upload goes.
  const summary = await runImport(handle, ctx, {
    importId: row.id,
    shopId: row.shopId ?? undefined,
    creatorId: row.creatorId ?? undefined,
    kind: row.kind,
    source: { path: row.sourceRef },
    fileName: row.fileName,
    mapping: row.mapping ?? undefined,
    encoding: (row.encodingChoice as EncodingChoice | null) ?? "auto",
    bundleId: row.bundleId ?? undefined,
  });
  await discardUpload(row.sourceRef);
  return summary;
}

/** Imports run side by side: files uploaded together overlap their reading and their round trips (imports of one shop still merge one at a time). */
export const IMPORT_WORKERS = 3;

/**
 * The import.run workers. A refused file ends the job (the import row says why); an unexpected
 * error fails the job so pg-boss retries it, and the retry re-runs the failed import. When the
 * organisation's last queued or running import ends, the rescore goes to scoring, like every
 * other path that changes facts: files uploaded together get one rescore, after the last of
 * them, instead of one each (a retried import schedules at its own end).
 */
export async function registerImportWorker(
  boss: PgBoss,
  handle: DbHandle,
  options: { pollingIntervalSeconds?: number; workers?: number } = {},
): Promise<string[]> {
  await ensureImportQueue(boss);
  const ids: string[] = [];
  for (let i = 0; i < (options.workers ?? IMPORT_WORKERS); i++) {
    const id = await boss.work<ImportRunJob>(IMPORT_RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
      for (const job of jobs) {
        const log = logger.child({ jobId: job.id, orgId: job.data.orgId, importId: job.data.importId });
        const summary = await runQueuedImport(handle, job.data);
        if (summary) log.info({ status: summary.status, inserted: summary.inserted, updated: summary.updated, rejected: summary.rejected }, "import job done");
        if (summary && !(await otherImportsPending(handle, job.data))) await scheduleRescore(handle, { orgId: job.data.orgId }, { boss });
      }
    });
    rememberWorker(boss, IMPORT_RUN_QUEUE, id);
    ids.push(id);
  }
  return ids;
}

/**
 * Whether another import of the organisation is still queued or running. Read after this one's
 * end has committed, so of imports ending together at least the last one reads "no" and schedules.
 */
export async function otherImportsPending(handle: DbHandle, job: ImportRunJob): Promise<boolean> {
  const rows = await withTenant(handle, { orgId: job.orgId }, (tx) =>
    tx
      .select({ id: imports.id })
      .from(imports)
      .where(and(eq(imports.orgId, job.orgId), inArray(imports.status, ["queued", "running"]), ne(imports.id, job.importId)))
      .limit(1),
  );
  return rows.length > 0;
}
