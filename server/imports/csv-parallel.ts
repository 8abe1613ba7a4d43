import fs from "node:fs";
import type { Worker } from "node:worker_threads";
import type { Transferable } from "node:worker_threads";
import { cutAfter, type CutDialect } from "./csv-cuts";
import type { Stretch, StretchJob, StretchResult } from "./csv-stretch";
import type { FromCsvWorker, ToCsvWorker } from "./csv-worker-protocol";
import type { ImportSource } from "./source";
import { releaseWorker, tryAcquireWorker, workerEntry } from "./worker-pool";

/** When and how a CSV file is read by worker threads instead of the import's own thread. */
export type ParallelCsvOptions = {
  /** Files smaller than this are read in one piece: starting workers would cost more than it saves. */
  minBytes: number;
  /** About this many bytes per stretch (cut at the next record end). */
  stretchBytes: number;
};

export const DEFAULT_PARALLEL_CSV: ParallelCsvOptions = { minBytes: 8 * 1024 * 1024, stretchBytes: 64 * 1024 };

/** The file must be read in one piece after all; whatever was staged from it is thrown away. */
export class ReadInOnePiece extends Error {
  constructor(readonly reason: string) {
    super(`read in one piece: ${reason}`);
  }
}

const BOOT = "csv-worker-boot.mjs";
/** A stretch's heap needs are small; the cap only bounds a damaged file. */
const WORKER_HEAP_MB = 256;
/**
 * A stretch's garbage (about 500 rows' cells, facts and lines) dies young in 16 MB. Each worker's
 * young generation is resident, so 32 MB for two workers cost an import 50 MB of peak RSS for no
 * speed; 8 MB promoted a stretch's rows and made a re-import a third slower (ADR 0039).
 */
const WORKER_YOUNG_MB = 16;
/** Worker threads per file: the pool's whole share (worker-pool.ts); the import's own thread stages. */
const WORKERS = 2;
/** Stretches handed to each worker ahead of the one being staged. */
const AHEAD_PER_WORKER = 8;
/** Bytes read from disk at a time. */
const READ_BYTES = 4 * 1024 * 1024;
/** No word from a worker for this long: it is stuck, and the file is read in one piece. */
const STALL_MS = 60_000;

/** Delimiters of one ASCII byte, which no UTF-8 or GB18030 character contains (csv-cuts.ts). */
const SINGLE_BYTE_DELIMITERS = new Set([",", ";", "\t"]);

/** Whether a file of this dialect can be cut by csv-cuts.ts at all. */
export function canReadInParallel(dialect: { delimiter: string; newline: string }, encoding: string): boolean {
  return (encoding === "utf-8" || encoding === "gb18030") && (dialect.newline === "\n" || dialect.newline === "\r\n") && SINGLE_BYTE_DELIMITERS.has(dialect.delimiter);
}

/** The file's bytes in blocks, as read from disk (or the one block in memory). */
async function* blocksOf(source: ImportSource): AsyncGenerator<Uint8Array> {
  if ("bytes" in source) {
    yield source.bytes;
    return;
  }
  const handle = await fs.promises.open(source.path, "r");
  try {
    for (;;) {
      const buffer = new Uint8Array(READ_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** The file cut into stretches of whole records, numbered, with their first row. */
async function* stretchesOf(source: ImportSource, dialect: CutDialect, options: ParallelCsvOptions, maxRecordBytes: number): AsyncGenerator<Stretch> {
  let pending = new Uint8Array(0);
  let index = 0;
  let firstRow = 1;
  const take = (end: number, records: number, last: boolean): Stretch => {
    // A copy of its own, so its buffer can be handed to the worker.
    const stretch: Stretch = { index, bytes: pending.slice(0, end), firstRow, records, first: index === 0, last };
    pending = pending.subarray(end);
    index += 1;
    firstRow += records;
    return stretch;
  };
  for await (const block of blocksOf(source)) {
    const joined = new Uint8Array(pending.length + block.length);
    joined.set(pending);
    joined.set(block, pending.length);
    pending = joined;
    for (;;) {
      const cut = cutAfter(pending, 0, options.stretchBytes, dialect);
      if (cut.longest > maxRecordBytes) throw new ReadInOnePiece("long record");
      if (cut.end === null) break;
      yield take(cut.end, cut.records, false);
    }
  }
  // What follows the last newline (nothing when the file ends with one) is the last record.
  if (pending.length > 0) yield take(pending.length, cutAfter(pending, 0, Number.POSITIVE_INFINITY, dialect).records, true);
}

type Helper = { worker: Worker; inFlight: number; clean: boolean };

/**
 * Reads a CSV file's data records in worker threads, a stretch of whole records each, and yields
 * the results in file order. Throws ReadInOnePiece when the cutting cannot be trusted (a malformed
 * quote, bytes the decoder refuses, too many cells, an overlong record) or no worker can be had.
 */
export async function* readStretchesInParallel(source: ImportSource, job: StretchJob, options: ParallelCsvOptions, maxRecordBytes: number): AsyncGenerator<Extract<StretchResult, { ok: true }>> {
  const entry = workerEntry(BOOT);
  if (!entry) throw new ReadInOnePiece("no worker entry");
  // Only free workers: while others' files hold the pool, this one is read in one piece rather than wait.
  const helpers: Helper[] = [];
  for (let i = 0; i < WORKERS; i++) {
    const worker = tryAcquireWorker(entry, WORKER_HEAP_MB, WORKER_YOUNG_MB);
    if (worker) helpers.push({ worker, inFlight: 0, clean: true });
  }
  if (helpers.length === 0) throw new ReadInOnePiece("no free worker");

  const done = new Map<number, StretchResult>();
  // Set by the workers' listeners; read by the loop below.
  const state: { failure: ReadInOnePiece | null; wake: (() => void) | null } = { failure: null, wake: null };
  const notify = () => state.wake?.();
  const listeners = helpers.map((helper) => {
    const onMessage = (message: FromCsvWorker) => {
      helper.inFlight -= 1;
      if (message.type === "failed") {
        helper.clean = false;
        state.failure ??= new ReadInOnePiece(`worker: ${message.detail}`);
      } else done.set(message.result.index, message.result);
      notify();
    };
    const onDeath = (error: Error | number) => {
      helper.clean = false;
      state.failure ??= new ReadInOnePiece(`worker died: ${error instanceof Error ? error.message : `exit ${error}`}`);
      notify();
    };
    helper.worker.on("message", onMessage);
    helper.worker.on("error", onDeath);
    helper.worker.on("exit", onDeath);
    return () => {
      helper.worker.off("message", onMessage);
      helper.worker.off("error", onDeath);
      helper.worker.off("exit", onDeath);
    };
  });
  const waitForNews = async () => {
    let timer: NodeJS.Timeout | undefined;
    const stalled = await new Promise<boolean>((resolve) => {
      state.wake = () => resolve(false);
      timer = setTimeout(() => resolve(true), STALL_MS);
    });
    clearTimeout(timer);
    state.wake = null;
    if (stalled) state.failure ??= new ReadInOnePiece("a worker stalled");
  };

  const stretches = stretchesOf(source, { delimiter: job.delimiter.charCodeAt(0), crlf: job.newline === "\r\n" }, options, maxRecordBytes);
  try {
    for (const helper of helpers) helper.worker.postMessage({ type: "job", job } satisfies ToCsvWorker);
    let sent = 0;
    let next = 0;
    let exhausted = false;
    for (;;) {
      // Keep every helper busy: hand out stretches while any has room.
      while (!exhausted && !state.failure) {
        const helper = helpers.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
        if (helper.inFlight >= AHEAD_PER_WORKER) break;
        const stretch = await stretches.next();
        if (stretch.done) {
          exhausted = true;
          break;
        }
        helper.inFlight += 1;
        const transfer: Transferable[] = [stretch.value.bytes.buffer];
        helper.worker.postMessage({ type: "stretch", stretch: stretch.value } satisfies ToCsvWorker, transfer);
        sent += 1;
      }
      if (state.failure) throw state.failure;
      const result = done.get(next);
      if (result) {
        done.delete(next);
        next += 1;
        if (!result.ok) throw new ReadInOnePiece(result.reason);
        yield result;
        continue;
      }
      if (exhausted && next >= sent) return;
      await waitForNews();
    }
  } finally {
    // Closes the file when the import stops reading early.
    await stretches.return(undefined);
    for (const stop of listeners) stop();
    // A helper still holding stretches of an abandoned file is not handed out again.
    for (const helper of helpers) releaseWorker(helper.worker, entry, WORKER_HEAP_MB, helper.clean && helper.inFlight === 0 && !state.failure);
  }
}
