import { replacementNote } from "./decode-report";
import { and, eq, sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { analyzeGrownTables } from "@/db/planner-statistics";
import type { DayRange } from "@/lib/contracts/common";
import { message, type Message } from "@/lib/contracts/message";
import { unpreparedRunner } from "@/db/raw-transaction";
import { importRowErrors, imports } from "@/db/schema";
import type { ImportSource } from "@/lib/contracts/imports";
import { withTenant } from "@/server/db/tenant";
import { AppError, notFound } from "@/server/lib/errors";
import { startHeartbeat } from "./heartbeat";
import { logger } from "@/server/lib/logger";
import { evaluateAlertsQuietly } from "@/server/alerts/evaluate";
import { todayInShanghai } from "@/server/lib/time";
import type { EncodingChoice, ImportKind } from "@/lib/contracts/imports";
import { describeImportError, isImportFileError, messageOfError } from "./errors";
import { FACT_TABLES } from "./fact-tables";
import type { HeaderMapping } from "./headers";
import { onFactsChanged } from "./hooks";
import { DEFAULT_PARALLEL_CSV, type ParallelCsvOptions } from "./csv-parallel";
import { openImportFile, type OpenedFile } from "./parse-file";
import { stageFile, storedRowError } from "./stage-file";
import { clearProgress, reportProgress } from "./progress";
import type { RowError } from "./rows";
import { mergeStage, type KeptNewerReasons, type MergeCounts } from "./stage-merge";
import { createStageTable } from "./stage-table";
import { assertOwnerInOrg, importOwner, loadRowOptions, requireOrg, UUID, type ImportContext, type ImportFileInput } from "./context";
import { audit } from "@/server/lib/audit";

export type RunImportInput = ImportFileInput & {
  /** The shop the rows belong to (shop kinds). */
  shopId?: string;
  /** The creator account the rows belong to (creator_orders). */
  creatorId?: string;
  /** Re-run an existing queued or failed import (jobs, retries) instead of creating one. */
  importId?: string;
  bundleId?: string;
  /** Refuse the whole file when any row is rejected (default: commit the accepted rows). */
  rejectOnRowErrors?: boolean;
  /** Rows read between two progress reports. */
  batchSize?: number;
  /** When a CSV file is read by worker threads (DEFAULT_PARALLEL_CSV); false: always in the import's own thread. */
  parallelCsv?: Partial<ParallelCsvOptions> | false;
  /** Where the rows come from (default: an uploaded file); stored as imports.source. */
  origin?: ImportSourceKind;
  /** Runs in the import's transaction just before it commits (a sync advances its cursor here: the rows and the cursor commit together). */
  beforeCommit?: (tx: Tx) => Promise<void>;
  /** Called every batchSize rows and once the file is read, inside the import's transaction; throwing aborts (and rolls back) the import. */
  onProgress?: (progress: { rowsProcessed: number; rowsTotal: number | null }) => void | Promise<void>;
};

export type ImportSummary = {
  importId: string;
  status: "succeeded" | "failed";
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  keptNewer: number;
  /** Rows whose key appeared again later in the same file (the later row wins). */
  duplicates: number;
  rowsProcessed: number;
  /** Rejected rows (the first 100; all of them via listRowErrors / rowErrorsCsv). */
  errors: RowError[];
  /** Remarks (importer.notes.*), rendered in the reader's language. */
  notes: Message[];
  touchedDays: string[];
  /** The first and last day the file's accepted rows are dated (null when it had none). */
  fileDays: DayRange | null;
  /** Stretches of the file read by worker threads (csv-parallel.ts); 0 when it was read in one piece. */
  stretches: number;
  /** When the import failed: the reason in English (logs), its message key, and the message to show the reader. */
  error?: string;
  errorKey?: string;
  errorMessage?: Message;
};

export type ImportSourceKind = ImportSource;

/** Creates the import row (status queued), e.g. before handing the file to a background job. */
export async function createImport(
  handle: DbHandle,
  ctx: ImportContext,
  input: { shopId?: string; creatorId?: string; kind: ImportKind; fileName: string; sourceRef?: string; mapping?: HeaderMapping; encoding?: EncodingChoice; bundleId?: string; origin?: ImportSourceKind },
): Promise<string> {
  const orgId = requireOrg(ctx);
  const owner = importOwner(input);
  return withTenant(handle, ctx, async (tx) => {
    await assertOwnerInOrg(tx, orgId, owner);
    const [row] = await tx
      .insert(imports)
      .values({
        orgId,
        shopId: owner.kind === "shop" ? owner.id : null,
        creatorId: owner.kind === "creator" ? owner.id : null,
        kind: input.kind,
        source: input.origin ?? "file",
        fileName: input.fileName,
        sourceRef: input.sourceRef ?? null,
        mapping: input.mapping ?? null,
        encodingChoice: input.encoding ?? "auto",
        bundleId: input.bundleId ?? null,
        createdBy: ctx.userId ?? null,
      })
      .returning({ id: imports.id });
    if (!row) throw new Error("insert returned no row");
    await audit(tx, { orgId, actorUserId: ctx.userId ?? null, action: "import.create", target: row.id, data: { kind: input.kind, fileName: input.fileName, source: input.origin ?? "file", ...(owner.kind === "shop" ? { shopId: owner.id } : { creatorId: owner.id }) } });
    return row.id;
  });
}

async function startImport(handle: DbHandle, ctx: ImportContext, orgId: string, input: RunImportInput): Promise<string> {
  if (!input.importId) {
    const id = await createImport(handle, ctx, input);
    await withTenant(handle, ctx, (tx) =>
      tx.update(imports).set({ status: "running", startedAt: new Date(), heartbeatAt: new Date(), updatedAt: new Date() }).where(and(eq(imports.orgId, orgId), eq(imports.id, id))),
    );
    return id;
  }
  const importId = input.importId;
  if (!UUID.test(importId)) throw notFound("importNotFound");
  const owner = importOwner(input);
  await withTenant(handle, ctx, async (tx) => {
    const [row] = await tx
      .select({ status: imports.status, shopId: imports.shopId, creatorId: imports.creatorId, kind: imports.kind })
      .from(imports)
      .where(and(eq(imports.orgId, orgId), eq(imports.id, importId)));
    if (!row || (owner.kind === "shop" ? row.shopId : row.creatorId) !== owner.id || row.kind !== input.kind) throw notFound("importNotFound");
    if (row.status === "succeeded" || row.status === "undone") throw new AppError("CONFLICT", "errors.import.alreadyRun");
    await tx
      .update(imports)
      .set({ status: "running", startedAt: new Date(), heartbeatAt: new Date(), updatedAt: new Date(), error: null, errorKey: null, errorParams: null })
      .where(and(eq(imports.orgId, orgId), eq(imports.id, importId)));
  });
  return importId;
}

const PROGRESS_WRITE_MS = 2000;

/**
 * Progress on the imports row, in its own short transaction on another connection (PostgreSQL
 * only: PGlite has one connection, held by the import). It does not conflict with the import's
 * transaction, which only takes a key-share lock on that row until it finishes.
 */
async function writeProgress(handle: DbHandle, ctx: ImportContext, orgId: string, importId: string, rowsProcessed: number, rowsTotal: number | null) {
  try {
    await withTenant(handle, ctx, (tx) =>
      tx.update(imports).set({ rowsProcessed, rowsTotal, updatedAt: new Date() }).where(and(eq(imports.orgId, orgId), eq(imports.id, importId))),
    );
  } catch (error) {
    logger.warn({ err: error, importId }, "could not write import progress");
  }
}

/** Serialises imports and undos of one shop or creator account (transaction-scoped, released at commit or rollback; ids are UUIDs, so the two kinds never share a lock). */
export async function lockShopForImport(tx: Tx, orgId: string, ownerId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`koubei:import:${orgId}:${ownerId}`}, 0))`);
}

function keptNewerNotes(reasons: KeptNewerReasons): Message[] {
  const notes: Message[] = [];
  if (reasons.olderExport > 0) notes.push(message("importer.notes.keptOlderExport", { count: reasons.olderExport }));
  if (reasons.statusBackwards > 0) notes.push(message("importer.notes.keptStatusBackwards", { count: reasons.statusBackwards }));
  return notes;
}

/**
 * Imports one file into one shop (or creator account) as one batch: all accepted rows commit together or not at all.
 * Idempotent (natural-key upserts; the same file twice leaves everything unchanged); an older
 * export never overwrites newer facts; imports of one shop run one at a time. Failures are
 * recorded on the import (status failed, retryable) and returned as a failed summary; errors
 * that are not about the file are rethrown after that.
 */
export async function runImport(handle: DbHandle, ctx: ImportContext, input: RunImportInput): Promise<ImportSummary> {
  const orgId = requireOrg(ctx);
  // Shops added since the last import, or facts it grew: the merge's key checks plan on current sizes.
  await analyzeGrownTables(handle);
  const importId = await startImport(handle, ctx, orgId, input);
  // A process killed mid-import leaves the row "running": the heartbeat lets the sweeper tell.
  const stopHeartbeat = startHeartbeat(handle, { orgId, importId });
  let summary: ImportSummary;
  try {
    summary = await importStartedFile(handle, ctx, input, { orgId, importId });
  } finally {
    stopHeartbeat();
  }
  // A refused file is news for the rules about failed imports (a success clears them with the rescore).
  if (summary.status === "failed") await evaluateAlertsQuietly(handle, orgId, todayInShanghai(), { only: ["import_failed"] });
  return summary;
}

async function importStartedFile(handle: DbHandle, ctx: ImportContext, input: RunImportInput, { orgId, importId }: { orgId: string; importId: string }): Promise<ImportSummary> {
  const owner = importOwner(input);
  const log = logger.child({ orgId, importId, [owner.kind === "shop" ? "shopId" : "creatorId"]: owner.id, kind: input.kind });
  const table = FACT_TABLES[input.kind];
  let counts: MergeCounts = { inserted: 0, updated: 0, unchanged: 0, keptNewer: 0, duplicates: 0 };
  let keptNewer: KeptNewerReasons = { olderExport: 0, statusBackwards: 0 };
  let days: string[] = [];
  let fileDays: DayRange | null = null;
  const firstErrors: RowError[] = [];
  let rejected = 0;
  let rowsProcessed = 0;
  let stretches = 0;
  let file: OpenedFile | null = null;
  try {
    file = await openImportFile(input.source, input);
    let opened = file;
    const target = { orgId, ownerId: owner.id, importId, exportedAt: opened.exportedAt };
    const batchSize = input.batchSize ?? 5000;
    const rowsTotal = opened.estimatedRows;
    const notes = [...opened.mapped.notes];
    await withTenant(handle, ctx, async (tx) => {
      await lockShopForImport(tx, orgId, owner.id);
      const rowOptions = await loadRowOptions(tx, orgId, input.kind);
      // Accepted rows are copied into a staging table while the file is read (on PostgreSQL the
      // server takes them in while the next rows are parsed), then merged in a few statements.
      await createStageTable(tx, table);
      let lastProgressWrite = Date.now();
      const progress = async () => {
        reportProgress({ importId, orgId, rowsProcessed, rowsTotal });
        if (handle.kind === "postgres" && Date.now() - lastProgressWrite > PROGRESS_WRITE_MS) {
          lastProgressWrite = Date.now();
          await writeProgress(handle, ctx, orgId, importId, rowsProcessed, rowsTotal);
        }
        await input.onProgress?.({ rowsProcessed, rowsTotal });
      };
      const staged = await stageFile(handle, tx, { orgId, importId, kind: input.kind, rowOptions }, opened, {
        source: input.source,
        reopen: async () => (file = await openImportFile(input.source, input)),
        parallel: input.parallelCsv === false ? null : { ...DEFAULT_PARALLEL_CSV, ...input.parallelCsv },
        batchSize,
        counted: (processed) => (rowsProcessed = processed),
        progress,
      });
      opened = staged.file;
      stretches = staged.stretches;
      rejected = staged.rejected;
      firstErrors.push(...staged.firstErrors);
      notes.push(...replacementNote(opened.decoding, opened.encoding, opened.headers));
      if (input.rejectOnRowErrors && rejected > 0) {
        throw new AppError("BAD_INPUT", "errors.import.rowsRejected", { params: { count: rejected } });
      }
      const stagedRows = staged.tally;
      const [firstDay, lastDay] = [stagedRows.days[0], stagedRows.days.at(-1)];
      fileDays = firstDay && lastDay ? { first: firstDay, last: lastDay } : null;
      const merged = await mergeStage(unpreparedRunner(handle, tx), table, target, stagedRows);
      counts = merged.counts;
      keptNewer = merged.keptNewer;
      days = merged.days;
      await onFactsChanged(tx, { orgId, owner, importId, days, reason: "import" });
      await input.beforeCommit?.(tx);
      await tx
        .update(imports)
        .set({
          status: "succeeded",
          ...counts,
          rejected,
          rowsProcessed,
          rowsTotal: rowsProcessed,
          fileType: opened.fileType,
          sizeBytes: opened.sizeBytes,
          encoding: opened.encoding?.encoding ?? null,
          mapping: opened.mapped.mapping,
          notes: [...notes, ...keptNewerNotes(keptNewer)],
          exportedAt: opened.exportedAt,
          firstFactDay: fileDays?.first ?? null,
          lastFactDay: fileDays?.last ?? null,
          finishedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(and(eq(imports.orgId, orgId), eq(imports.id, importId)));
    });
    log.info({ ...counts, rejected, rowsProcessed, stretches }, "import succeeded");
    return {
      importId,
      status: "succeeded",
      ...counts,
      rejected,
      rowsProcessed,
      errors: firstErrors,
      notes: [...notes, ...keptNewerNotes(keptNewer)],
      touchedDays: days,
      fileDays,
      stretches,
    };
  } catch (error) {
    const expected = isImportFileError(error) || (error instanceof AppError && error.code === "BAD_INPUT");
    const refusal = messageOfError(error);
    const plain = describeImportError(error);
    if (expected) log.warn({ error: plain }, "import refused");
    else log.error({ err: error }, "import failed");
    await withTenant(handle, ctx, async (tx) => {
      await tx
        .update(imports)
        .set({
          status: "failed",
          error: plain,
          errorKey: refusal.key,
          errorParams: refusal.params ?? {},
          rowsProcessed,
          fileType: file?.fileType ?? null,
          sizeBytes: file?.sizeBytes ?? null,
          encoding: file?.encoding?.encoding ?? null,
          mapping: file?.mapped.mapping ?? null,
          finishedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(and(eq(imports.orgId, orgId), eq(imports.id, importId)));
      if (firstErrors.length > 0 && error instanceof AppError && error.messageKey === "errors.import.rowsRejected") {
        await tx.insert(importRowErrors).values(firstErrors.map((e, i) => ({ orgId, importId, seq: i + 1, ...storedRowError(e) })));
      }
    });
    if (!expected && !(error instanceof AppError)) throw error;
    return {
      importId,
      status: "failed",
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected,
      keptNewer: 0,
      duplicates: 0,
      rowsProcessed,
      errors: firstErrors,
      notes: [],
      touchedDays: [],
      fileDays: null,
      stretches,
      error: plain,
      errorKey: refusal.key,
      errorMessage: refusal,
    };
  } finally {
    clearProgress(importId);
    if (file) await file.records.return(undefined);
  }
}
