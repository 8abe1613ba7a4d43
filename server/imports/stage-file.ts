import type { DbHandle, Tx } from "@/db/client";
import { openCopyWriter, type CopyWriter } from "@/db/copy-writer";
import { importRowErrors } from "@/db/schema";
import type { ImportKind } from "@/lib/contracts/imports";
import { logger } from "@/server/lib/logger";
import { dayNumber, dayOfNumber } from "@/server/lib/time";
import { sql } from "drizzle-orm";
import { canReadInParallel, readStretchesInParallel, ReadInOnePiece, type ParallelCsvOptions } from "./csv-parallel";
import type { RejectedRow, StretchResult } from "./csv-stretch";
import type { ParsedRow } from "./data-record";
import { SHOWN_POSITIONS, type DecodeReport } from "./decode-report";
import { importFileError } from "./errors";
import { FACT_TABLES } from "./fact-tables";
import { KeyHashes } from "./key-hashes";
import { parseRows, type OpenedFile } from "./parse-file";
import type { ImportSource } from "./source";
import type { RowError, RowOptions } from "./rows";
import { stageEncoder, type StageTally } from "./stage-rows";
import { STAGE_TABLE } from "./stage-table";

const MAX_STORED_ROW_ERRORS = 50_000;
const ERROR_FLUSH = 1000;

export type StagingTarget = { orgId: string; importId: string; kind: ImportKind; rowOptions: RowOptions };

export type StagedFile = {
  /** The file as read in the end (opened again when the stretches could not be trusted). */
  file: OpenedFile;
  rowsProcessed: number;
  rejected: number;
  /** The first 100 rejected rows' reasons. */
  firstErrors: RowError[];
  tally: StageTally;
  /** Stretches read by worker threads; 0 when the file was read in one piece. */
  stretches: number;
};

/** A rejected row as stored: the reason's key and parameters, rendered when read. */
export const storedRowError = (e: RowError) => ({ row: e.row, column: e.column, reason: e.reason.key, reasonParams: e.reason.params ?? null });

/**
 * Copies a file's accepted rows into the staging table (created by the caller) and stores its
 * rejected rows, inside the import's transaction. A large UTF-8 or GBK CSV file is read by worker
 * threads, a stretch of records each (csv-parallel.ts), and staged in file order; when a stretch
 * cannot be trusted (ReadInOnePiece) everything staged from it is rolled back and the file is read
 * again in one piece, which decides alone what the file holds.
 */
export async function stageFile(
  handle: DbHandle,
  tx: Tx,
  target: StagingTarget,
  opened: OpenedFile,
  options: {
    source: ImportSource;
    reopen: () => Promise<OpenedFile>;
    parallel: ParallelCsvOptions | null;
    batchSize: number;
    /** Told the rows read so far after every row or stretch (a failed import records how far it got). */
    counted: (rowsProcessed: number) => void;
    /** Awaited every batchSize rows and once the file is read. */
    progress: (rowsProcessed: number) => Promise<void>;
  },
): Promise<StagedFile> {
  const job = parallelJob(opened, target, options.parallel);
  if (job && options.parallel) {
    // Only this reading's rows and errors go if it has to be read again.
    await tx.execute(sql`savepoint koubei_stretches`);
    const run = new StagingRun(handle, tx, target, options);
    try {
      await opened.records.return(undefined);
      for await (const stretch of readStretchesInParallel(options.source, job, options.parallel, opened.limits.maxLineChars)) await run.takeStretch(opened, stretch);
      const staged = await run.finish(opened);
      await tx.execute(sql`release savepoint koubei_stretches`);
      return staged;
    } catch (error) {
      if (!(error instanceof ReadInOnePiece)) {
        run.stage.abort(error);
        throw error;
      }
      logger.info({ importId: target.importId, reason: error.reason }, "large CSV read in one piece after all");
      // The COPY is closed first: the connection can run nothing else while it is open.
      await run.stage.pause();
      await tx.execute(sql`rollback to savepoint koubei_stretches`);
      opened = await options.reopen();
    }
  }
  const run = new StagingRun(handle, tx, target, options);
  try {
    for await (const row of parseRows(opened, target.rowOptions)) await run.takeRow(row);
  } catch (error) {
    run.stage.abort(error);
    throw error;
  }
  return run.finish(opened);
}

/** What the worker threads need to read this file's stretches, or null when it is read in one piece. */
function parallelJob(opened: OpenedFile, target: StagingTarget, parallel: ParallelCsvOptions | null) {
  const { dialect, encoding } = opened;
  if (!parallel || !dialect || !encoding || opened.sizeBytes < parallel.minBytes || !canReadInParallel(dialect, encoding.encoding)) return null;
  return {
    kind: target.kind,
    headers: opened.headers,
    mapped: opened.mapped,
    headerRow: opened.headerRow,
    encoding,
    delimiter: dialect.delimiter,
    newline: dialect.newline as "\n" | "\r\n",
    maxColumns: opened.limits.maxColumns,
    rowOptions: target.rowOptions,
  };
}

/** One reading of the file into the staging table: rows staged in order, rejected rows stored, progress told. */
class StagingRun {
  readonly stage: CopyWriter;
  private readonly keys = new KeyHashes();
  private readonly encoder;
  private readonly days = new Set<number>();
  private staged = 0;
  private rowsProcessed = 0;
  private rejected = 0;
  private readonly firstErrors: RowError[] = [];
  private pendingErrors: (typeof importRowErrors.$inferInsert)[] = [];
  private errorSeq = 0;
  private nextProgress: number;
  private stretches = 0;

  constructor(
    handle: DbHandle,
    private readonly tx: Tx,
    private readonly target: StagingTarget,
    private readonly options: { batchSize: number; counted: (rowsProcessed: number) => void; progress: (rowsProcessed: number) => Promise<void> },
  ) {
    this.stage = openCopyWriter(handle, tx, STAGE_TABLE);
    this.encoder = stageEncoder(FACT_TABLES[target.kind], this.keys);
    this.nextProgress = options.batchSize;
  }

  async takeRow(row: ParsedRow<ImportKind>): Promise<void> {
    this.rowsProcessed += 1;
    this.options.counted(this.rowsProcessed);
    if (row.ok) {
      this.staged += 1;
      if (!this.stage.write(this.encoder.encode(row.row, row.fact))) await this.stage.flush();
    } else await this.reject(row);
    await this.maybeProgress();
  }

  async takeStretch(opened: OpenedFile, stretch: Extract<StretchResult, { ok: true }>): Promise<void> {
    // The row limit counts as parseRows does: rows past it end the import.
    if (this.rowsProcessed + stretch.dataRows > opened.limits.maxRows) throw importFileError("tooManyRows", { limit: opened.limits.maxRows });
    this.stretches += 1;
    this.rowsProcessed += stretch.dataRows;
    this.options.counted(this.rowsProcessed);
    this.staged += stretch.staged;
    for (const h of stretch.keyHashes) this.keys.addHash(h);
    for (const day of stretch.days) this.days.add(dayNumber(day));
    mergeDecoding(opened.decoding, stretch.decoding);
    if (stretch.lines.length > 0 && !this.stage.write(stretch.lines)) await this.stage.flush();
    for (const row of stretch.rejected) await this.reject(row);
    await this.maybeProgress();
  }

  private async reject(row: RejectedRow): Promise<void> {
    this.rejected += 1;
    for (const error of row.errors) {
      if (this.firstErrors.length < 100) this.firstErrors.push(error);
      if (this.errorSeq >= MAX_STORED_ROW_ERRORS) continue;
      this.errorSeq += 1;
      this.pendingErrors.push({ orgId: this.target.orgId, importId: this.target.importId, seq: this.errorSeq, ...storedRowError(error), raw: row.raw });
    }
    if (this.pendingErrors.length >= ERROR_FLUSH) await this.flushErrors();
  }

  private async flushErrors(): Promise<void> {
    if (this.pendingErrors.length === 0) return;
    await this.stage.pause();
    await this.tx.insert(importRowErrors).values(this.pendingErrors);
    this.pendingErrors = [];
  }

  private async maybeProgress(): Promise<void> {
    if (this.rowsProcessed < this.nextProgress) return;
    while (this.nextProgress <= this.rowsProcessed) this.nextProgress += this.options.batchSize;
    await this.options.progress(this.rowsProcessed);
  }

  async finish(opened: OpenedFile): Promise<StagedFile> {
    await this.stage.pause();
    await this.flushErrors();
    await this.options.progress(this.rowsProcessed);
    const serial = this.encoder.tally();
    const days = new Set([...this.days, ...serial.days.map(dayNumber)]);
    const tally: StageTally = { rows: this.staged, days: [...days].sort((a, b) => a - b).map(dayOfNumber), keysDistinct: this.keys.distinct };
    return { file: opened, rowsProcessed: this.rowsProcessed, rejected: this.rejected, firstErrors: this.firstErrors, tally, stretches: this.stretches };
  }
}

/** A stretch's replaced characters added to the file's report, the first places in file order. */
function mergeDecoding(report: DecodeReport, stretch: DecodeReport): void {
  report.replaced += stretch.replaced;
  for (const place of stretch.positions) if (report.positions.length < SHOWN_POSITIONS) report.positions.push(place);
}
