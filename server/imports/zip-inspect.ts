import { Transform, type Readable } from "node:stream";
import yauzl from "yauzl";
import type { ImportSource } from "./source";

export type ZipEntryInfo = { name: string; compressedSize: number; uncompressedSize: number; encrypted: boolean };

/** Inflation limits shared by every entry read from one archive (XLSX parts, bulk ZIP files). */
export type InflateBudget = {
  /** All entries together, bytes actually inflated. */
  maxTotalBytes: number;
  /** Inflated / compressed above this, once past RATIO_FLOOR_BYTES, is a bomb. */
  maxRatio: number;
};

/** Small entries compress at absurd ratios innocently (a blank sheet); ratios count only past this. */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

/** More bytes came out than the limits allow: `bytes` is how many when it stopped. */
export class ZipTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`inflates past ${bytes} bytes`);
  }
}

/** An entry inflated to a size other than the one its directory record declares. */
export class ZipSizeMismatchError extends Error {
  constructor(
    readonly entry: string,
    readonly declared: number,
  ) {
    super(`${entry} does not inflate to its declared ${declared} bytes`);
  }
}

function openZip(source: ImportSource): Promise<yauzl.ZipFile> {
  // Sizes are checked by our own counter (inflatingGuard), with errors this module names.
  const options = { lazyEntries: true, autoClose: false, validateEntrySizes: false };
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip?: yauzl.ZipFile) => (error || !zip ? reject(error ?? new Error("no zip")) : resolve(zip));
    if ("path" in source) yauzl.open(source.path, options, done);
    else yauzl.fromBuffer(Buffer.from(source.bytes), options, done);
  });
}

const infoOf = (entry: yauzl.Entry): ZipEntryInfo => ({
  name: entry.fileName,
  compressedSize: entry.compressedSize,
  uncompressedSize: entry.uncompressedSize,
  encrypted: (entry.generalPurposeBitFlag & 0x1) !== 0,
});

function readDirectory(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

/** Lists a ZIP's central directory without inflating anything (zip-bomb guards read this first). */
export async function listZipEntries(source: ImportSource): Promise<ZipEntryInfo[]> {
  const zip = await openZip(source);
  try {
    return (await readDirectory(zip)).map(infoOf);
  } finally {
    zip.close();
  }
}

/**
 * The sum of declared sizes and the worst declared ratio: a bomb that tells the truth about its
 * sizes is refused here, before anything is inflated.
 */
export function declaredInflation(entries: readonly ZipEntryInfo[]): { totalBytes: number; worstRatio: number } {
  const totalBytes = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const worstRatio = Math.max(0, ...entries.filter((e) => e.uncompressedSize > RATIO_FLOOR_BYTES).map((e) => e.uncompressedSize / Math.max(1, e.compressedSize)));
  return { totalBytes, worstRatio };
}

/**
 * Counts what actually comes out of one entry, because directory sizes can lie: more than the
 * entry declares, more than the archive's budget, or an absurd ratio ends the stream at once.
 */
function inflatingGuard(entry: ZipEntryInfo, budget: InflateBudget, spent: { bytes: number }): Transform {
  let inflated = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      inflated += chunk.length;
      spent.bytes += chunk.length;
      if (inflated > entry.uncompressedSize) return done(new ZipSizeMismatchError(entry.name, entry.uncompressedSize));
      if (spent.bytes > budget.maxTotalBytes) return done(new ZipTooLargeError(spent.bytes));
      if (inflated > RATIO_FLOOR_BYTES && inflated / Math.max(1, entry.compressedSize) > budget.maxRatio) return done(new ZipTooLargeError(spent.bytes));
      done(null, chunk);
    },
    flush(done) {
      done(inflated === entry.uncompressedSize ? null : new ZipSizeMismatchError(entry.name, entry.uncompressedSize));
    },
  });
}

/** An open archive whose entries can be read in any order, each through the inflation guard. */
export type GuardedZip = {
  entries: ZipEntryInfo[];
  /** The entry's inflated bytes, or null when there is no such entry. */
  open(name: string): Promise<Readable | null>;
  close(): void;
};

export async function openGuardedZip(source: ImportSource, budget: InflateBudget): Promise<GuardedZip> {
  const zip = await openZip(source);
  let raw: yauzl.Entry[];
  try {
    raw = await readDirectory(zip);
  } catch (error) {
    zip.close();
    throw error;
  }
  const byName = new Map(raw.map((e) => [e.fileName, e]));
  const spent = { bytes: 0 };
  return {
    entries: raw.map(infoOf),
    async open(name) {
      const entry = byName.get(name);
      if (!entry) return null;
      const stream = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (error, s) => (error || !s ? reject(error ?? new Error("no stream")) : resolve(s))),
      );
      const guard = inflatingGuard(infoOf(entry), budget, spent);
      stream.on("error", (error) => guard.destroy(error));
      guard.on("close", () => stream.destroy());
      return stream.pipe(guard);
    },
    close: () => zip.close(),
  };
}
