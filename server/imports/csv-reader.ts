import type { Readable } from "node:stream";
import { CsvChunkParser, detectNewline, type Newline } from "./csv-chunks";
import { emptyDecodeReport, replacementTracker, type DecodeReport } from "./decode-report";
import { createStreamDecoder, replacesMalformedBytes, type DetectedEncoding } from "./encoding";
import { message } from "@/lib/contracts/message";
import { importFileError, isImportFileError } from "./errors";
import type { ImportLimits } from "./limits";
import type { RawRecord } from "./records";

export type CsvDialect = { delimiter: string; newline: Newline };

/** Picks the delimiter from the header line: Excel's "Unicode text" is tab-separated, some locales use ';'. */
export function detectDelimiter(firstLine: string): string {
  const counts = new Map<string, number>([
    [",", 0],
    ["\t", 0],
    [";", 0],
  ]);
  let inQuotes = false;
  for (const ch of firstLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ",";
  let bestCount = 0;
  for (const [delimiter, count] of counts) {
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

async function* decodeChunks(stream: Readable, encoding: DetectedEncoding, onText: (text: string) => void): AsyncGenerator<string> {
  const decoder = createStreamDecoder(encoding);
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    const text = decoder.write(chunk);
    if (text) {
      onText(text);
      yield text;
    }
  }
  const rest = decoder.end();
  if (rest) {
    onText(rest);
    yield rest;
  }
}

/**
 * Streams CSV records (bounded memory: one chunk and one record at a time). Completely empty
 * records (Excel's trailing ",,,," lines) are skipped. Parse failures end in errors.import.badCsv.
 * Characters the decoder had to replace are counted, with their places, into `report`.
 */
export async function* readCsvRecords(
  stream: Readable,
  encoding: DetectedEncoding,
  limits: Pick<ImportLimits, "maxColumns" | "maxLineChars">,
  report: DecodeReport = emptyDecodeReport(),
  /** Told the delimiter and line ending once they are decided (before the first record). */
  onDialect?: (dialect: CsvDialect) => void,
): AsyncGenerator<RawRecord> {
  const replacements = replacementTracker(report);
  const chunks = decodeChunks(stream, encoding, replacesMalformedBytes(encoding) ? replacements.decoded : () => undefined);
  // Peek at the first line to choose the delimiter: each chunk is searched once, and a first
  // line longer than a record may be is not waited for (the parser refuses it below).
  const head: string[] = [];
  let headChars = 0;
  for (;;) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    headChars += next.value.length;
    if (/[\r\n]/.test(next.value) || headChars > limits.maxLineChars) break;
  }
  const pending = head.join("");
  const firstLine = pending.slice(0, Math.min(pending.length, limits.maxLineChars)).split(/\r?\n|\r/, 1)[0] ?? "";
  const dialect: CsvDialect = { delimiter: detectDelimiter(firstLine), newline: detectNewline(pending) };
  onDialect?.(dialect);
  const parser = new CsvChunkParser(dialect.delimiter, dialect.newline, limits.maxLineChars);
  let last = 0;
  const check = (record: RawRecord): RawRecord | null => {
    last = record.row;
    replacements.record(record);
    if (record.cells.length > limits.maxColumns) {
      throw importFileError("badCsv", { line: record.row, detail: message("importer.details.columnsInRow", { count: record.cells.length }) });
    }
    return record.cells.every((c) => c.trim() === "") ? null : record;
  };
  try {
    let text: string | null = pending;
    while (text !== null) {
      for (const record of parser.push(text)) {
        const ok = check(record);
        if (ok) yield ok;
      }
      const next = await chunks.next();
      text = next.done ? null : next.value;
    }
    for (const record of parser.end()) {
      const ok = check(record);
      if (ok) yield ok;
    }
  } catch (error) {
    if (isImportFileError(error)) throw error;
    throw importFileError("badCsv", { line: last + 1, detail: error instanceof Error ? error.message.slice(0, 200) : String(error) });
  } finally {
    stream.destroy();
    await chunks.return(undefined);
  }
}
