/**
 * Tuples in PostgreSQL's binary COPY format (the COPY documentation, "Binary Format"): per tuple a
 * 16-bit field count, then per field a 32-bit byte length (-1 for NULL) and the value in the type's
 * binary form, all big-endian. Numbers go over as their bytes, so nothing is printed or parsed:
 * a history backfill copies about a million rows of thirty doubles.
 */
export const BINARY_HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
export const BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/** 2000-01-01, PostgreSQL's day zero, in days since 1970-01-01. */
const POSTGRES_EPOCH_DAY = 10_957;

export class BinaryTupleEncoder {
  private bytes = new Uint8Array(1 << 20);
  private view = new DataView(this.bytes.buffer);
  private at = 0;

  tuple(fields: number): this {
    this.reserve(2);
    this.view.setInt16(this.at, fields);
    this.at += 2;
    return this;
  }

  null(): this {
    this.reserve(4);
    this.view.setInt32(this.at, -1);
    this.at += 4;
    return this;
  }

  /** A uuid from its text form (hex digits, with or without the dashes). */
  uuid(id: string): this {
    this.reserve(20);
    this.view.setInt32(this.at, 16);
    let at = this.at + 4;
    let high = -1;
    for (let i = 0; i < id.length; i++) {
      const code = id.charCodeAt(i);
      if (code === 45) continue; // "-"
      const digit = hexDigit(code);
      if (digit < 0 || at - this.at - 4 >= 16) throw new RangeError(`not a uuid: ${id}`);
      if (high < 0) high = digit;
      else {
        this.bytes[at++] = (high << 4) | digit;
        high = -1;
      }
    }
    if (at - this.at - 4 !== 16 || high >= 0) throw new RangeError(`not a uuid: ${id}`);
    this.at = at;
    return this;
  }

  text(value: string): this {
    const length = Buffer.byteLength(value);
    this.reserve(4 + length);
    this.view.setInt32(this.at, length);
    this.at += 4;
    if (length === value.length) {
      // ASCII: one byte per character.
      for (let i = 0; i < length; i++) this.bytes[this.at + i] = value.charCodeAt(i);
    } else {
      TEXT_ENCODER.encodeInto(value, this.bytes.subarray(this.at, this.at + length));
    }
    this.at += length;
    return this;
  }

  /** A date from its day number (days since 1970-01-01, as server/lib/time.ts dayNumber gives). */
  date(dayNumber: number): this {
    if (!Number.isInteger(dayNumber)) throw new RangeError(`not a day number: ${dayNumber}`);
    this.reserve(8);
    this.view.setInt32(this.at, 4);
    this.view.setInt32(this.at + 4, dayNumber - POSTGRES_EPOCH_DAY);
    this.at += 8;
    return this;
  }

  int4(value: number): this {
    this.reserve(8);
    this.view.setInt32(this.at, 4);
    this.view.setInt32(this.at + 4, value);
    this.at += 8;
    return this;
  }

  float8(value: number | null): this {
    if (value === null) return this.null();
    this.reserve(12);
    this.view.setInt32(this.at, 8);
    this.view.setFloat64(this.at + 4, value);
    this.at += 12;
    return this;
  }

  /** A bytea of the doubles packed as db/float8-bytes.ts packs them (NULL for none). */
  packedFloat8(values: ArrayLike<number> | null): this {
    if (values === null) return this.null();
    this.reserve(4 + values.length * 8);
    this.view.setInt32(this.at, values.length * 8);
    this.at += 4;
    for (let i = 0; i < values.length; i++, this.at += 8) this.view.setFloat64(this.at, values[i] ?? Number.NaN);
    return this;
  }

  get length(): number {
    return this.at;
  }

  /** The tuples encoded so far (a copy), and a fresh start. */
  take(): Uint8Array<ArrayBuffer> {
    const tuples = this.bytes.slice(0, this.at);
    this.at = 0;
    return tuples;
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.at + bytes));
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}

const TEXT_ENCODER = new TextEncoder();

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}
