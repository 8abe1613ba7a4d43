import yauzl from "yauzl";
import type { ImportSource } from "./source";

export type ZipEntryInfo = { name: string; compressedSize: number; uncompressedSize: number; encrypted: boolean };

function openZip(source: ImportSource): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip?: yauzl.ZipFile) => (error || !zip ? reject(error ?? new Error("no zip")) : resolve(zip));
    if ("path" in source) yauzl.open(source.path, { lazyEntries: true, autoClose: false }, done);
    else yauzl.fromBuffer(Buffer.from(source.bytes), { lazyEntries: true }, done);
  });
}

/** Lists a ZIP's central directory without inflating anything (zip-bomb guards read this first). */
export async function listZipEntries(source: ImportSource): Promise<ZipEntryInfo[]> {
  const zip = await openZip(source);
  try {
    return await new Promise<ZipEntryInfo[]>((resolve, reject) => {
      const entries: ZipEntryInfo[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        entries.push({
          name: entry.fileName,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          encrypted: (entry.generalPurposeBitFlag & 0x1) !== 0,
        });
        zip.readEntry();
      });
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/** Extracts one entry to a writable stream (bounded by maxBytes). */
export async function extractZipEntries(
  source: ImportSource,
  onEntry: (entry: ZipEntryInfo, open: () => Promise<NodeJS.ReadableStream>) => Promise<void>,
): Promise<void> {
  const zip = await openZip(source);
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("entry", (entry: yauzl.Entry) => {
        const info: ZipEntryInfo = {
          name: entry.fileName,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          encrypted: (entry.generalPurposeBitFlag & 0x1) !== 0,
        };
        const open = () =>
          new Promise<NodeJS.ReadableStream>((res, rej) =>
            zip.openReadStream(entry, (error, stream) => (error || !stream ? rej(error ?? new Error("no stream")) : res(stream))),
          );
        onEntry(info, open).then(
          () => zip.readEntry(),
          (error: unknown) => reject(error),
        );
      });
      zip.on("end", () => resolve());
      zip.on("error", reject);
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/**
 * Inflates every entry and throws on damaged data or when more than maxTotalBytes come out
 * (sizes in the directory can lie). Streaming readers such as exceljs can stall on damaged
 * entries; this check runs first so they only ever see a sound archive.
 */
export async function verifyZipEntries(source: ImportSource, maxTotalBytes: number): Promise<number> {
  let total = 0;
  await extractZipEntries(source, async (_entry, open) => {
    const stream = await open();
    await new Promise<void>((resolve, reject) => {
      stream.on("data", (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxTotalBytes) {
          (stream as NodeJS.ReadableStream & { destroy?: (e?: Error) => void }).destroy?.(new ZipTooLargeError(total));
        }
      });
      stream.on("end", () => resolve());
      stream.on("error", reject);
    });
  });
  return total;
}

export class ZipTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`inflates past ${bytes} bytes`);
  }
}
