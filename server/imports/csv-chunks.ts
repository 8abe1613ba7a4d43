import Papa from "papaparse";
import { message } from "@/lib/contracts/message";
import { importFileError } from "./errors";
import type { RawRecord } from "./records";

type Newline = "\r\n" | "\n" | "\r";

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
 */
export class CsvChunkParser {
  private partial = "";
  private row = 0;
  private readonly parser: Papa.Parser;

  constructor(
    delimiter: string,
    private readonly newline: Newline,
    /** The longest a single record may get while waiting for its end (unterminated quote guard). */
    private readonly maxRecordChars: number,
  ) {
    this.parser = new Papa.Parser({ delimiter, newline, quoteChar: '"', escapeChar: '"' });
  }

  /** Adds decoded text; returns the records it completed. */
  push(text: string): RawRecord[] {
    const input = this.partial.length === 0 ? text : this.partial + text;
    const result = this.parser.parse(input, 0, true) as Papa.ParseResult<string[]>;
    this.partial = input.slice(result.meta.cursor);
    if (this.partial.length > this.maxRecordChars) {
      throw importFileError("badCsv", {
        line: this.row + 1,
        detail: message("importer.details.recordNeverEnds"),
      });
    }
    return this.records(result.data);
  }

  /** Parses what is left at the end of the file. */
  end(): RawRecord[] {
    if (this.partial.length === 0) return [];
    const result = this.parser.parse(this.partial, 0, false) as Papa.ParseResult<string[]>;
    this.partial = "";
    const unclosed = result.errors.find((e) => e.code === "MissingQuotes");
    if (unclosed)
      throw importFileError("badCsv", {
        line: this.row + 1 + (unclosed.row ?? 0),
        detail: message("importer.details.quoteNeverClosed"),
      });
    return this.records(result.data);
  }

  private records(rows: string[][]): RawRecord[] {
    const out: RawRecord[] = [];
    for (const cells of rows) {
      this.row += 1;
      if (cells.length === 1 && cells[0] === "") continue;
      // A stray CR before LF in a file that otherwise ends lines with LF.
      if (this.newline === "\n") {
        const last = cells.length - 1;
        const cell = cells[last] ?? "";
        if (cell.endsWith("\r")) cells[last] = cell.slice(0, -1);
      }
      out.push({ row: this.row, cells });
    }
    return out;
  }
}
