import zlib from "node:zlib";

/**
 * A small ZIP writer for building test and corpus files (nothing downloaded): stored or deflated
 * entries, declared sizes that may lie, and a flag that mimics a password-protected archive.
 */

/** Ready-made deflate data for an entry too large to hold inflated (bomb parts). */
export type Deflated = { deflated: Uint8Array; size: number; crc: number };

export type ZipEntrySpec = {
  name: string;
  /** Inflated bytes (deflated unless `store`), or ready deflate data. */
  data: Uint8Array | Deflated;
  store?: boolean;
  /** The uncompressed size the directory claims, when it should lie. */
  declaredSize?: number;
};

const isDeflated = (data: ZipEntrySpec["data"]): data is Deflated => "deflated" in data;

/**
 * `times` copies of `block`, deflated as independent full-flush blocks, so a gigabyte of output
 * costs one block's compression and a few megabytes of memory.
 */
export function repeatedDeflate(block: Uint8Array, times: number, frame: { head?: string; tail?: string } = {}): Deflated {
  const flushed = (bytes: Uint8Array) => zlib.deflateRawSync(bytes, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const head = Buffer.from(frame.head ?? "", "utf8");
  const tail = Buffer.from(frame.tail ?? "", "utf8");
  const one = flushed(block);
  let crc = zlib.crc32(head);
  for (let i = 0; i < times; i++) crc = zlib.crc32(block, crc);
  crc = zlib.crc32(tail, crc);
  const deflated = Buffer.concat([flushed(head), ...Array.from({ length: times }, () => one), zlib.deflateRawSync(tail)]);
  return { deflated: new Uint8Array(deflated), size: head.length + block.length * times + tail.length, crc };
}

export function makeZip(entries: ZipEntrySpec[], options: { encrypted?: boolean } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const flags = (options.encrypted ? 0x1 : 0) | 0x800;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const data = entry.data;
    const method = entry.store && !isDeflated(data) ? 0 : 8;
    const size = isDeflated(data) ? data.size : data.length;
    const crc = isDeflated(data) ? data.crc : zlib.crc32(data);
    const body = isDeflated(data) ? Buffer.from(data.deflated) : method === 0 ? Buffer.from(data) : zlib.deflateRawSync(data);
    // Traditional PKWARE encryption puts a 12-byte header before the (here unencrypted) data.
    const stored = options.encrypted ? Buffer.concat([Buffer.alloc(12, 7), body]) : body;
    const declared = entry.declaredSize ?? size;
    // Local and central headers share one run of fields (flags … name length), two bytes apart.
    const header = (signature: number, length: number, fieldsAt: number) => {
      const b = Buffer.alloc(length);
      b.writeUInt32LE(signature, 0);
      b.writeUInt16LE(20, 4);
      b.writeUInt16LE(flags, fieldsAt);
      b.writeUInt16LE(method, fieldsAt + 2);
      b.writeUInt32LE(crc, fieldsAt + 8);
      b.writeUInt32LE(stored.length, fieldsAt + 12);
      b.writeUInt32LE(declared, fieldsAt + 16);
      b.writeUInt16LE(name.length, fieldsAt + 20);
      return b;
    };
    locals.push(header(0x04034b50, 30, 6), name, stored);
    const central = header(0x02014b50, 46, 8);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + stored.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}
