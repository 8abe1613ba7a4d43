import fs from "node:fs";
import { Readable } from "node:stream";

/** An uploaded file: a path on disk (uploads, CLI, bulk ZIP entries) or bytes in memory (tests, small uploads). */
export type ImportSource = { path: string } | { bytes: Uint8Array };

export async function sourceSize(source: ImportSource): Promise<number> {
  if ("bytes" in source) return source.bytes.length;
  return (await fs.promises.stat(source.path)).size;
}

/** The first n bytes (fewer when the file is shorter). */
export async function readHead(source: ImportSource, n: number): Promise<Uint8Array> {
  if ("bytes" in source) return source.bytes.subarray(0, n);
  const handle = await fs.promises.open(source.path, "r");
  try {
    const buffer = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const CHUNK = 256 * 1024;

/** Streams the file in chunks, so memory stays bounded whatever its size. */
export function openSourceStream(source: ImportSource): Readable {
  if ("path" in source) return fs.createReadStream(source.path, { highWaterMark: CHUNK });
  const bytes = source.bytes;
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += CHUNK) yield Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(CHUNK, bytes.length - i));
    })(),
    { objectMode: false },
  );
}
