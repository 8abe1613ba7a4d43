import { once } from "node:events";
import type { Writable } from "node:stream";
import type { Transaction as PgliteTransaction } from "@electric-sql/pglite";
import type postgres from "postgres";
import type { DbHandle, Tx } from "./client";
import { BINARY_HEADER, BINARY_TRAILER, BinaryTupleEncoder } from "./copy-binary";
import { rawTransactionOf } from "./raw-transaction";

/**
 * Buffers COPY data and copies it into a table: lines of COPY text (tab-separated, backslash
 * escapes), or in the binary format, tuples (copy-binary.ts; the writer adds the file header and
 * trailer). `write` is synchronous and says when the buffer is full; then `flush` must be awaited
 * before writing on (that is the backpressure). While a COPY is open the transaction's connection
 * can run nothing else: `pause` ends it first.
 */
export type CopyWriter = {
  write(data: string | Uint8Array<ArrayBuffer>): boolean;
  flush(): Promise<void>;
  /** Sends what is buffered and closes any open COPY, so other statements can run. */
  pause(): Promise<void>;
  /** Abandons an open COPY after a failure (the transaction is rolled back anyway). */
  abort(error: unknown): void;
};

/**
 * A writer into `table` (a temporary table of this transaction: COPY cannot write into tables with
 * row-level security, and on PGlite it runs as PGlite's own user).
 */
export function openCopyWriter(handle: DbHandle, tx: Tx, table: string, format: CopyFormat = "text"): CopyWriter {
  const raw = rawTransactionOf(handle, tx);
  return raw.kind === "postgres" ? new PostgresCopyWriter(raw.sql, table, format) : new PgliteCopyWriter(raw.tx, table, format, handle.switchRole);
}

export type CopyFormat = "text" | "binary";

/** Encoded tuples handed to the writer at a time. */
const TUPLE_CHUNK_BYTES = 256 * 1024;

/**
 * Copies rows into `table` (a temporary table of this transaction) as binary tuples of `fields`
 * fields, each row's fields written by `encode`; the COPY is closed when it returns.
 */
export async function copyBinaryTuples<T>(handle: DbHandle, tx: Tx, table: string, rows: Iterable<T>, fields: number, encode: (tuples: BinaryTupleEncoder, row: T) => void): Promise<void> {
  const copy = openCopyWriter(handle, tx, table, "binary");
  const tuples = new BinaryTupleEncoder();
  try {
    for (const row of rows) {
      encode(tuples.tuple(fields), row);
      if (tuples.length >= TUPLE_CHUNK_BYTES && !copy.write(tuples.take())) await copy.flush();
    }
    copy.write(tuples.take());
    await copy.pause();
  } catch (error) {
    copy.abort(error);
    throw error;
  }
}

const copyOptions = (format: CopyFormat) => (format === "binary" ? " with (format binary)" : "");

/** Copy data handed to the driver at a time (PostgreSQL: one socket write; PGlite: one COPY). */
const POSTGRES_CHUNK_BYTES = 256 * 1024;
const PGLITE_CHUNK_BYTES = 8 * 1024 * 1024;

/** Room past the chunk size, so the line that fills a chunk seldom has to grow the buffer. */
const SLACK_BYTES = 64 * 1024;

const utf8 = new TextEncoder();

abstract class BufferedCopyWriter implements CopyWriter {
  private buffer: Uint8Array<ArrayBuffer>;
  private used = 0;

  constructor(private readonly chunkBytes: number) {
    this.buffer = new Uint8Array(chunkBytes + SLACK_BYTES);
  }

  /**
   * Text is encoded straight into the chunk: joining a chunk's lines into one string first, then
   * encoding that, cost more than making the lines (1.5 of 4.5 s for a million order rows).
   */
  write(data: string | Uint8Array<ArrayBuffer>): boolean {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    this.reserve(typeof data === "string" ? 3 * data.length : data.length);
    if (typeof data === "string") this.used += utf8.encodeInto(data, this.buffer.subarray(this.used)).written;
    else {
      this.buffer.set(data, this.used);
      this.used += data.length;
    }
    return this.used < this.chunkBytes;
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    // The chunk is handed over (the driver may still be sending it); the next one gets a new buffer.
    const chunk = this.buffer.subarray(0, this.used);
    this.buffer = new Uint8Array(this.chunkBytes + SLACK_BYTES);
    this.used = 0;
    await this.send(chunk);
  }

  async pause(): Promise<void> {
    await this.flush();
    await this.closeCopy();
  }

  private reserve(bytes: number): void {
    if (this.buffer.length - this.used >= bytes) return;
    const larger = new Uint8Array(Math.max(2 * this.buffer.length, this.used + bytes));
    larger.set(this.buffer.subarray(0, this.used));
    this.buffer = larger;
  }

  abstract abort(error: unknown): void;
  protected abstract send(data: Uint8Array<ArrayBuffer>): Promise<void>;
  protected abstract closeCopy(): Promise<void>;
}

/** COPY … FROM STDIN on the transaction's connection, kept open across chunks. */
class PostgresCopyWriter extends BufferedCopyWriter {
  private copy: OpenCopy | null = null;

  constructor(
    private readonly sql: postgres.TransactionSql,
    private readonly table: string,
    private readonly format: CopyFormat,
  ) {
    super(POSTGRES_CHUNK_BYTES);
  }

  protected async send(data: Uint8Array<ArrayBuffer>): Promise<void> {
    let copy = this.copy;
    if (!copy) {
      copy = this.copy = await openCopy(this.sql, `copy ${this.table} from stdin${copyOptions(this.format)}`);
      if (this.format === "binary") copy.stream.write(BINARY_HEADER);
    }
    if (copy.failure) throw copy.failure;
    if (copy.stream.write(data)) return;
    await Promise.race([once(copy.stream, "drain"), copy.failed]);
  }

  protected async closeCopy(): Promise<void> {
    const copy = this.copy;
    if (!copy) return;
    this.copy = null;
    if (copy.failure) throw copy.failure;
    copy.stream.end(this.format === "binary" ? BINARY_TRAILER : undefined);
    await Promise.race([copy.dataSent, copy.failed]);
    // Runs once the server has finished the COPY; fails when the COPY failed (the transaction is
    // then aborted). The stream's own 'finish' is not enough: postgres.js never finishes a stream
    // whose COPY the server fails after the last data was sent.
    await this.sql.unsafe("select 1");
  }

  abort(error: unknown): void {
    const copy = this.copy;
    this.copy = null;
    // Sends CopyFail: the server ends the COPY with an error and the transaction rolls back.
    if (copy && !copy.stream.destroyed) copy.stream.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

type OpenCopy = {
  stream: Writable;
  /** Resolves once the end of the copy data is sent; statements may then be queued behind it. */
  dataSent: Promise<void>;
  /** Rejects when postgres.js fails the stream (the server refused the COPY while it was open). */
  failed: Promise<never>;
  failure: Error | null;
};

async function openCopy(sql: postgres.TransactionSql, statement: string): Promise<OpenCopy> {
  const stream = await sql.unsafe(statement).writable();
  const copy: Partial<OpenCopy> & { failure: Error | null } = { stream, failure: null };
  copy.failed = new Promise<never>((_, reject) => {
    stream.on("error", (error) => {
      copy.failure ??= error;
      reject(error);
    });
  });
  copy.failed.catch(() => undefined); // observed through `failure` when nobody is racing it
  // postgres.js sends CopyDone in the stream's _final and only then accepts further statements.
  copy.dataSent = new Promise<void>((resolve) => {
    const sendEnd = stream._final?.bind(stream);
    stream._final = (callback) => {
      sendEnd?.(callback);
      resolve();
    };
  });
  return copy as OpenCopy;
}

/**
 * PGlite copies from a virtual file (/dev/blob), one COPY per chunk. Reading a server-side file is
 * reserved to superusers, and PGlite's tenant transactions run as the app role (SET LOCAL ROLE):
 * the COPY alone runs as PGlite's own user, into the caller's temporary table only.
 */
class PgliteCopyWriter extends BufferedCopyWriter {
  constructor(
    private readonly tx: PgliteTransaction,
    private readonly table: string,
    private readonly format: CopyFormat,
    private readonly appRole: string | null,
  ) {
    super(PGLITE_CHUNK_BYTES);
  }

  protected async send(data: Uint8Array<ArrayBuffer>): Promise<void> {
    // Each chunk is a COPY of its own, so in the binary format a whole file with header and trailer.
    const blob = new Blob(this.format === "binary" ? [BINARY_HEADER, data, BINARY_TRAILER] : [data]);
    if (this.appRole) await this.tx.query("reset role");
    await this.tx.query(`copy ${this.table} from '/dev/blob'${copyOptions(this.format)}`, [], { blob });
    if (this.appRole) await this.tx.query(`set local role "${this.appRole.replace(/"/g, '""')}"`);
  }

  protected async closeCopy(): Promise<void> {}

  abort(): void {}
}
