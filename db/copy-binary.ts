/**
 * Tuples in PostgreSQL's binary COPY format (the COPY documentation, "Binary Format"): per tuple a
 * 16-bit field count, then per field a 32-bit byte length (-1 for NULL) and the value in the type's
 * binary form, all big-endian. Numbers go over as their bytes, so nothing is printed or parsed:
 * a history backfill copies about a million rows of thirty doubles.
 */
export const BINARY_HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
export const BINARY_TRAILER = Buffer.from([0xff, 0xff]);

export class BinaryTupleEncoder {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private at = 0;

  tuple(fields: number): this {
    this.reserve(2);
    this.at = this.buffer.writeInt16BE(fields, this.at);
    return this;
  }

  null(): this {
    this.reserve(4);
    this.at = this.buffer.writeInt32BE(-1, this.at);
    return this;
  }

  /** A uuid from its text form. */
  uuid(id: string): this {
    const hex = id.replace(/-/g, "");
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new RangeError(`not a uuid: ${id}`);
    this.reserve(20);
    this.at = this.buffer.writeInt32BE(16, this.at);
    this.at += this.buffer.write(hex, this.at, "hex");
    return this;
  }

  text(value: string): this {
    const length = Buffer.byteLength(value);
    this.reserve(4 + length);
    this.at = this.buffer.writeInt32BE(length, this.at);
    this.at += this.buffer.write(value, this.at, "utf8");
    return this;
  }

  int4(value: number): this {
    this.reserve(8);
    this.at = this.buffer.writeInt32BE(4, this.at);
    this.at = this.buffer.writeInt32BE(value, this.at);
    return this;
  }

  float8(value: number | null): this {
    if (value === null) return this.null();
    this.reserve(12);
    this.at = this.buffer.writeInt32BE(8, this.at);
    this.at = this.buffer.writeDoubleBE(value, this.at);
    return this;
  }

  /** A bytea of the doubles packed as db/float8-bytes.ts packs them (NULL for none). */
  packedFloat8(values: ArrayLike<number> | null): this {
    if (values === null) return this.null();
    this.reserve(4 + values.length * 8);
    this.at = this.buffer.writeInt32BE(values.length * 8, this.at);
    for (let i = 0; i < values.length; i++) this.at = this.buffer.writeDoubleBE(values[i] ?? Number.NaN, this.at);
    return this;
  }

  get length(): number {
    return this.at;
  }

  /** The tuples encoded so far (a copy), and a fresh start. */
  take(): Uint8Array<ArrayBuffer> {
    const tuples = new Uint8Array(this.at);
    tuples.set(this.buffer.subarray(0, this.at));
    this.at = 0;
    return tuples;
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }
}
