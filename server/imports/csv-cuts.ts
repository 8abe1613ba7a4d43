/**
 * Where a CSV file's bytes can be cut between records, so that stretches of it can be parsed side
 * by side (csv-parallel.ts). It reads raw UTF-8 or GB18030 bytes: neither puts the ASCII bytes that
 * matter here (quote, delimiter, CR, LF) inside a multi-byte character. A quote opens a quoted cell
 * only at the start of a cell, and inside one a doubled quote is a quote: RFC 4180's reading, which
 * is papaparse's for every file it parses without errors. The worker that parses a stretch checks
 * exactly that (no errors, every character consumed, as many records as counted here), so a cut
 * put in the wrong place by a malformed file is never trusted.
 */
export type RecordCut = {
  /** Offset just past the newline that ends the stretch's last record; null when no record ends at or past the target. */
  end: number | null;
  /** Records ended in the stretch, blank lines included (each is a row number). */
  records: number;
  /** The longest record's length in bytes (an unfinished one at the end included). */
  longest: number;
};

export type CutDialect = { delimiter: number; crlf: boolean };

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Scans bytes[start…] from the start of a record and cuts after the first record end at or past
 * `target` (Infinity: never; the whole rest is counted).
 */
export function cutAfter(bytes: Uint8Array, start: number, target: number, { delimiter, crlf }: CutDialect): RecordCut {
  let inQuotes = false;
  let cellStart = true;
  let records = 0;
  let recordStart = start;
  let longest = 0;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i];
    if (inQuotes) {
      if (b !== QUOTE) continue;
      if (bytes[i + 1] === QUOTE) i += 1;
      else inQuotes = false;
      continue;
    }
    if (b === QUOTE) {
      if (cellStart) inQuotes = true;
      cellStart = false;
    } else if (b === LF && (!crlf || bytes[i - 1] === CR)) {
      records += 1;
      longest = Math.max(longest, i + 1 - recordStart);
      recordStart = i + 1;
      cellStart = true;
      if (i + 1 >= target) return { end: i + 1, records, longest };
    } else {
      // In a CRLF file a lone LF is part of a cell, as papaparse reads it.
      cellStart = b === delimiter;
    }
  }
  return { end: null, records, longest: Math.max(longest, bytes.length - recordStart) };
}
