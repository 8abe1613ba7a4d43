import type { PgBoss } from "pg-boss";
import { and, eq } from "drizzle-orm";
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

/**
 * The import.run worker. A refused file ends the job (the import row says why); an unexpected
 * error fails the job so pg-boss retries it, and the retry re-runs the failed import. An import
 * that changed facts hands the rescore to scoring, like every other path that changes facts.
 */
export async function registerImportWorker(
  boss: PgBoss,
  handle: DbHandle,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<string> {
  await ensureImportQueue(boss);
  return boss.work<ImportRunJob>(IMPORT_RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
    for (const job of jobs) {
      const log = logger.child({ jobId: job.id, orgId: job.data.orgId, importId: job.data.importId });
      const summary = await runQueuedImport(handle, job.data);
      if (summary) log.info({ status: summary.status, inserted: summary.inserted, updated: summary.updated, rejected: summary.rejected }, "import job done");
      if (summary?.status === "succeeded") await scheduleRescore(handle, { orgId: job.data.orgId }, { boss });
    }
  });
}
