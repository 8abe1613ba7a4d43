import { once } from "node:events";
import type { Writable } from "node:stream";
import type { Transaction as PgliteTransaction } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import type { DbHandle, Tx } from "@/db/client";
import { rawTransactionOf } from "@/db/raw-transaction";
import type { FactTable } from "./fact-tables";
import { stageType } from "./stage-rows";

/**
 * The staging table of one import: a temporary table of the import's transaction (dropped at
 * commit or rollback, invisible to other sessions, no indexes, no WAL) that the accepted rows are
 * copied into while the file is parsed, and that the merge (stage-merge.ts) reads.
 */
export const STAGE_TABLE = "koubei_import_stage";

export async function createStageTable(tx: Tx, table: FactTable): Promise<void> {
  const columns = table.columns.map((c) => `"${c.name}" ${stageType(c)}`).join(", ");
  await tx.execute(sql.raw(`create temp table ${STAGE_TABLE} (seq integer not null, ${columns}) on commit drop`));
}

/**
 * Buffers staging lines and copies them in. `write` is synchronous and says when the buffer is
 * full; then `flush` must be awaited before writing on (that is the backpressure). While a COPY is
 * open the transaction's connection can run nothing else: `pause` ends it first.
 */
export type StageWriter = {
  write(line: string): boolean;
  flush(): Promise<void>;
  /** Sends what is buffered and closes any open COPY, so other statements can run. */
  pause(): Promise<void>;
  /** Abandons an open COPY after a failure (the transaction is rolled back anyway). */
  abort(error: unknown): void;
};

export function openStageWriter(handle: DbHandle, tx: Tx): StageWriter {
  const raw = rawTransactionOf(handle, tx);
  return raw.kind === "postgres" ? new PostgresStageWriter(raw.sql) : new PgliteStageWriter(raw.tx, handle.switchRole);
}

/** Copy text handed to the driver at a time (PostgreSQL: one socket write; PGlite: one COPY). */
const POSTGRES_CHUNK_CHARS = 256 * 1024;
const PGLITE_CHUNK_CHARS = 8 * 1024 * 1024;

abstract class BufferedStageWriter implements StageWriter {
  private parts: string[] = [];
  private chars = 0;

  constructor(private readonly chunkChars: number) {}

  write(line: string): boolean {
    this.parts.push(line);
    this.chars += line.length;
    return this.chars < this.chunkChars;
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join("");
    this.parts = [];
    this.chars = 0;
    await this.send(text);
  }

  async pause(): Promise<void> {
    await this.flush();
    await this.closeCopy();
  }

  abstract abort(error: unknown): void;
  protected abstract send(text: string): Promise<void>;
  protected abstract closeCopy(): Promise<void>;
}

/** COPY … FROM STDIN on the transaction's connection, kept open across chunks. */
class PostgresStageWriter extends BufferedStageWriter {
  private copy: OpenCopy | null = null;

  constructor(private readonly sql: postgres.TransactionSql) {
    super(POSTGRES_CHUNK_CHARS);
  }

  protected async send(text: string): Promise<void> {
    const copy = this.copy ?? (this.copy = await openCopy(this.sql));
    if (copy.failure) throw copy.failure;
    if (copy.stream.write(text)) return;
    await Promise.race([once(copy.stream, "drain"), copy.failed]);
  }

  protected async closeCopy(): Promise<void> {
    const copy = this.copy;
    if (!copy) return;
    this.copy = null;
    if (copy.failure) throw copy.failure;
    copy.stream.end();
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

async function openCopy(sql: postgres.TransactionSql): Promise<OpenCopy> {
  const stream = await sql.unsafe(`copy ${STAGE_TABLE} from stdin`).writable();
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
 * the COPY alone runs as PGlite's own user, into this transaction's temporary table only.
 */
class PgliteStageWriter extends BufferedStageWriter {
  constructor(
    private readonly tx: PgliteTransaction,
    private readonly appRole: string | null,
  ) {
    super(PGLITE_CHUNK_CHARS);
  }

  protected async send(text: string): Promise<void> {
    if (this.appRole) await this.tx.query("reset role");
    await this.tx.query(`copy ${STAGE_TABLE} from '/dev/blob'`, [], { blob: new Blob([text]) });
    if (this.appRole) await this.tx.query(`set local role "${this.appRole.replace(/"/g, '""')}"`);
  }

  protected async closeCopy(): Promise<void> {}

  abort(): void {}
}
