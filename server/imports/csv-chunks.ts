import Papa from "papaparse";
import { message } from "@/lib/contracts/message";
import { importFileError } from "./errors";
import type { RawRecord } from "./records";

export type Newline = "\r\n" | "\n" | "\r";

/** The line ending of the file, read off its first line break (exports are consistent). */
export function detectNewline(text: string): Newline {
  const i = text.search(/[\r\n]/);
  if (i < 0 || text[i] === "\n") return "\n";
  return text[i + 1] === "\n" ? "\r\n" : "\r";
}

/**
 * Feeds decoded text to papaparse's parser chunk by chunk and hands back whole records. Papaparse
 * keeps the incomplete last record out of each result (its cursor stops before it), so a record
 * split across chunks — even inside a quoted, multi-line cell — is parsed once it is complete.
 * Rows are numbered as a spreadsheet shows them: one per record, blank ones included.
 *
 * Work stays linear in the file's size: the unfinished tail is parsed again only when a line break
 * arrived since (a record cannot end without one) and the new text is at least as long as the tail
 * was (so a long record is reparsed a logarithmic number of times, never once per chunk); and no
 * tail may grow past maxRecordChars. A file without line breaks is refused after reading that much.
 */
export class CsvChunkParser {
  private pieces: string[] = [];
  private pendingChars = 0;
  /** Length of the tail papaparse last left unparsed, and what arrived after it. */
  private tailChars = 0;
  private newChars = 0;
  private sawLineBreak = false;
  private row = 0;
  /** Characters handed to papaparse so far: the work done, for tests of linearity. */
  parsedChars = 0;
  private readonly parser: Papa.Parser;

  constructor(
    delimiter: string,
    private readonly newline: Newline,
    /** The longest a single record may get while waiting for its end. */
    private readonly maxRecordChars: number,
  ) {
    this.parser = new Papa.Parser({ delimiter, newline, quoteChar: '"', escapeChar: '"' });
  }

  /** Adds decoded text; returns the records it completed. */
  push(text: string): RawRecord[] {
    if (text.length === 0) return [];
    this.pieces.push(text);
    this.pendingChars += text.length;
    this.newChars += text.length;
    if (!this.sawLineBreak && /[\r\n]/.test(text)) this.sawLineBreak = true;
    const tooLong = this.pendingChars > this.maxRecordChars;
    if (!this.sawLineBreak) {
      if (tooLong) this.refuseLongRecord();
      return [];
    }
    if (this.newChars < this.tailChars && !tooLong) return [];
    const input = this.pieces.join("");
    this.parsedChars += input.length;
    const result = this.parser.parse(input, 0, true) as Papa.ParseResult<string[]>;
    const tail = input.slice(result.meta.cursor);
    this.pieces = tail.length > 0 ? [tail] : [];
    this.pendingChars = tail.length;
    this.tailChars = tail.length;
    this.newChars = 0;
    // The tail is what follows the last complete record: a line break in it is inside a quoted cell.
    this.sawLineBreak = false;
    const records = this.records(result.data);
    if (this.pendingChars > this.maxRecordChars) this.refuseLongRecord();
    return records;
  }

  private refuseLongRecord(): never {
    throw importFileError("badCsv", {
      line: this.row + 1,
      detail: message("importer.details.lineTooLong", { limit: this.maxRecordChars }),
    });
  }

  /** Parses what is left at the end of the file. */
  end(): RawRecord[] {
    if (this.pendingChars === 0) return [];
    const input = this.pieces.join("");
    this.parsedChars += input.length;
    const result = this.parser.parse(input, 0, false) as Papa.ParseResult<string[]>;
    this.pieces = [];
    this.pendingChars = 0;
    const unclosed = result.errors.find((e) => e.code === "MissingQuotes");
    if (unclosed)
      throw importFileError("badCsv", {
        line: this.row + 1 + (unclosed.row ?? 0),
        detail: message("importer.details.quoteNeverClosed"),
      });
    return this.records(result.data);
  }

  private records(rows: string[][]): RawRecord[] {
    const records = recordsOf(rows, this.row + 1, this.newline);
    this.row += rows.length;
    return records;
  }
}

/**
 * Papaparse's rows as records numbered from `firstRow`, one number per row as a spreadsheet shows
 * them: blank lines take a number and are left out.
 */
export function recordsOf(rows: string[][], firstRow: number, newline: Newline): RawRecord[] {
  const out: RawRecord[] = [];
  rows.forEach((cells, i) => {
    if (cells.length === 1 && cells[0] === "") return;
    // A stray CR before LF in a file that otherwise ends lines with LF.
    if (newline === "\n") {
      const last = cells.length - 1;
      const cell = cells[last] ?? "";
      if (cell.endsWith("\r")) cells[last] = cell.slice(0, -1);
    }
    out.push({ row: firstRow + i, cells });
  });
  return out;
}
