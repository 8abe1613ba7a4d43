/**
 * A list of doubles as bytes: eight per value, big-endian IEEE 754 (PostgreSQL's own binary form
 * of float8, what float8send returns). History summaries are stored this way (ADR 0008): a
 * backfill writes about a million rows of them, and copying bytes costs nothing next to printing
 * and parsing thirty numbers a row as text. Every bit survives, NaN included.
 */
export function packFloat8(values: ArrayLike<number>): Buffer {
  const bytes = Buffer.allocUnsafe(values.length * 8);
  for (let i = 0; i < values.length; i++) bytes.writeDoubleBE(values[i] ?? Number.NaN, i * 8);
  return bytes;
}

export function unpackFloat8(bytes: Uint8Array): number[] {
  if (bytes.length % 8 !== 0) throw new RangeError(`packed float8 length ${bytes.length} is not a multiple of 8`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const values: number[] = [];
  for (let offset = 0; offset < bytes.length; offset += 8) values.push(view.getFloat64(offset, false));
  return values;
}
