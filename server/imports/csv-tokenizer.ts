import { importFileError } from "./errors";
import type { RawRecord } from "./records";

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * A streaming CSV tokenizer (RFC 4180, relaxed the way exports need): quoted cells may hold
 * delimiters, doubled quotes and line breaks; a quote inside an unquoted cell is literal; text
 * after a closing quote is kept. It is several times faster than a general-purpose parser, which
 * matters at a million rows. Records carry the line they start on.
 */
export class CsvTokenizer {
  private buffer = "";
  private line = 1;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    /** The longest a single record may get while waiting for its end (unterminated quote guard). */
    private readonly maxRecordChars: number,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Adds decoded text; returns the records completed by it. */
  push(text: string): RawRecord[] {
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    const out: RawRecord[] = [];
    this.parse(out, false);
    if (this.buffer.length > this.maxRecordChars) {
      throw importFileError("badCsv", { line: this.line, detail: "a record never ends (an unclosed quote?)" });
    }
    return out;
  }

  /** Flushes the last record at the end of the file. */
  end(): RawRecord[] {
    const out: RawRecord[] = [];
    this.parse(out, true);
    return out;
  }

  private parse(out: RawRecord[], final: boolean): void {
    const s = this.buffer;
    const n = s.length;
    const d = this.delimiter;
    let pos = 0;
    records: while (pos < n) {
      const startLine = this.line;
      let line = startLine;
      const cells: string[] = [];
      let p = pos;
      for (;;) {
        let value: string;
        if (p < n && s.charCodeAt(p) === QUOTE) {
          let q = p + 1;
          value = "";
          for (;;) {
            const close = s.indexOf('"', q);
            if (close < 0) {
              if (!final) break records;
              throw importFileError("badCsv", { line: startLine, detail: "a quoted cell is never closed" });
            }
            value += s.slice(q, close);
            if (close + 1 < n && s.charCodeAt(close + 1) === QUOTE) {
              value += '"';
              q = close + 2;
              continue;
            }
            if (close + 1 >= n && !final) break records;
            p = close + 1;
            break;
          }
          for (let i = value.indexOf("\n"); i >= 0; i = value.indexOf("\n", i + 1)) line += 1;
          // Text after the closing quote (malformed but common) is kept as it is.
          let q2 = p;
          while (q2 < n) {
            const c = s.charCodeAt(q2);
            if (c === d || c === LF || c === CR) break;
            q2 += 1;
          }
          if (q2 === n && !final) break records;
          if (q2 > p) value += s.slice(p, q2);
          p = q2;
        } else {
          let q = p;
          while (q < n) {
            const c = s.charCodeAt(q);
            if (c === d || c === LF || c === CR) break;
            q += 1;
          }
          if (q === n && !final) break records;
          value = s.slice(p, q);
          p = q;
        }
        cells.push(value);
        if (p >= n) {
          pos = n;
          break;
        }
        const c = s.charCodeAt(p);
        if (c === d) {
          p += 1;
          continue;
        }
        if (c === CR) {
          if (p + 1 >= n && !final) break records;
          p += s.charCodeAt(p + 1) === LF ? 2 : 1;
        } else p += 1;
        line += 1;
        pos = p;
        break;
      }
      this.line = line;
      if (!(cells.length === 1 && cells[0] === "")) out.push({ row: startLine, cells });
    }
    this.buffer = pos >= n ? "" : s.slice(pos);
  }
}
