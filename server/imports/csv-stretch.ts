import iconv from "iconv-lite";
import Papa from "papaparse";
import type { ImportKind } from "@/lib/contracts/imports";
import type { Day } from "@/server/lib/time";
import { recordsOf } from "./csv-chunks";
import { parseDataRecord, type RecordFile } from "./data-record";
import { emptyDecodeReport, replacementTracker, type DecodeReport } from "./decode-report";
import { replacesMalformedBytes, type DetectedEncoding } from "./encoding";
import { FACT_TABLES } from "./fact-tables";
import type { RowError, RowOptions } from "./rows";
import { keyHashList, stageEncoder } from "./stage-rows";

/** What every stretch of one file is read with (sent to a worker once per file). */
export type StretchJob = RecordFile & {
  /** Rows up to this one (the header and any title above it) are not data. */
  headerRow: number;
  encoding: DetectedEncoding;
  delimiter: string;
  newline: "\n" | "\r\n";
  maxColumns: number;
  rowOptions: RowOptions;
};

/** Whole records of the file, cut by csv-cuts.ts. */
export type Stretch = {
  index: number;
  bytes: Uint8Array<ArrayBuffer>;
  /** Row number of its first record. */
  firstRow: number;
  /** Records the cutter counted in it (ended by a newline). */
  records: number;
  first: boolean;
  last: boolean;
};

export type RejectedRow = { row: number; errors: RowError[]; raw: Record<string, string> };

export type StretchResult =
  | {
      index: number;
      ok: true;
      /** The accepted rows as COPY text for the staging table (stage-rows.ts), sequence = row number. */
      lines: Uint8Array<ArrayBuffer>;
      staged: number;
      /** Non-empty data records: what the row limit counts. */
      dataRows: number;
      rejected: RejectedRow[];
      /** hash53 of each staged row's key, in order. */
      keyHashes: Float64Array<ArrayBuffer>;
      days: Day[];
      decoding: DecodeReport;
    }
  /** Something the stretch cannot decide alone (a malformed quote, a refused byte, too many cells): the file is read in one piece instead. */
  | { index: number; ok: false; reason: string };

const utf8 = new TextEncoder();

function decode(stretch: Stretch, encoding: DetectedEncoding): string {
  const bytes = stretch.first ? stretch.bytes.subarray(encoding.bomLength) : stretch.bytes;
  if (encoding.encoding === "gb18030") return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), "gb18030");
  return new TextDecoder(encoding.encoding, { fatal: !replacesMalformedBytes(encoding) }).decode(bytes);
}

/**
 * Reads one stretch as the serial reader (csv-reader.ts, parse-file.ts, the import's staging loop)
 * reads the same records, and says so only when the stretch proves it was cut between records:
 * papaparse reports no error, consumes every character, and finds as many records as the cutter.
 */
export function readStretch<K extends ImportKind>(job: StretchJob & { kind: K }, stretch: Stretch): StretchResult {
  const { index } = stretch;
  let text: string;
  try {
    text = decode(stretch, job.encoding);
  } catch {
    return { index, ok: false, reason: "decoding" };
  }
  const parser = new Papa.Parser({ delimiter: job.delimiter, newline: job.newline, quoteChar: '"', escapeChar: '"' });
  const parsed = parser.parse(text, 0, !stretch.last) as Papa.ParseResult<string[]>;
  if (parsed.errors.length > 0) return { index, ok: false, reason: "quotes" };
  // The last stretch's final row is its unterminated record, or the empty one after its last newline.
  const expected = stretch.last ? stretch.records + 1 : stretch.records;
  if ((!stretch.last && parsed.meta.cursor !== text.length) || parsed.data.length !== expected) return { index, ok: false, reason: "cut" };

  const decoding = emptyDecodeReport();
  const replacements = replacementTracker(decoding);
  if (replacesMalformedBytes(job.encoding)) replacements.decoded(text);
  const keys = keyHashList();
  const { encode, tally } = stageEncoder(FACT_TABLES[job.kind], keys);
  const lines: string[] = [];
  const rejected: RejectedRow[] = [];
  let dataRows = 0;
  for (const record of recordsOf(parsed.data, stretch.firstRow, job.newline)) {
    if (record.row <= job.headerRow) continue;
    replacements.record(record);
    if (record.cells.length > job.maxColumns) return { index, ok: false, reason: "columns" };
    if (record.cells.every((c) => c.trim() === "")) continue;
    dataRows += 1;
    const row = parseDataRecord(job, record, job.rowOptions);
    if (row.ok) lines.push(encode(row.row, row.fact));
    else rejected.push({ row: row.row, errors: row.errors, raw: row.raw });
  }
  const staged = tally();
  return { index, ok: true, lines: utf8.encode(lines.join("")), staged: staged.rows, dataRows, rejected, keyHashes: Float64Array.from(keys.hashes), days: staged.days, decoding };
}
