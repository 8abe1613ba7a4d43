import type { Readable } from "node:stream";
import { parse, type Options as CsvOptions } from "csv-parse";
import { createStreamDecoder, type DetectedEncoding } from "./encoding";
import { importFileError, isImportFileError } from "./errors";
import type { ImportLimits } from "./limits";
import type { RawRecord } from "./records";

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

async function* decodeChunks(stream: Readable, encoding: DetectedEncoding): AsyncGenerator<string> {
  const decoder = createStreamDecoder(encoding);
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * Streams CSV records (bounded memory: one chunk and one record at a time). Completely empty
 * records (Excel's trailing ",,,," lines) are skipped. Parse failures end in errors.import.badCsv.
 */
export async function* readCsvRecords(
  stream: Readable,
  encoding: DetectedEncoding,
  limits: Pick<ImportLimits, "maxColumns" | "maxCellChars">,
): AsyncGenerator<RawRecord> {
  const chunks = decodeChunks(stream, encoding);
  let pending = "";
  // Peek at the first line to choose the delimiter.
  while (!/[\r\n]/.test(pending)) {
    const next = await chunks.next();
    if (next.done) break;
    pending += next.value;
  }
  const firstLine = pending.split(/\r?\n|\r/, 1)[0] ?? "";
  const options: CsvOptions = {
    delimiter: detectDelimiter(firstLine),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: limits.maxCellChars * 4,
    info: true,
  };
  const parser = parse(options);
  let failure: unknown = null;
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        parser.off("drain", done);
        parser.off("close", done);
        resolve();
      };
      parser.once("drain", done);
      parser.once("close", done);
    });
  const feed = (async () => {
    try {
      if (pending && !parser.write(pending)) await drained();
      for (;;) {
        const next = await chunks.next();
        if (next.done) break;
        if (parser.destroyed) break;
        if (!parser.write(next.value)) await drained();
      }
      if (!parser.destroyed) parser.end();
    } catch (error) {
      failure = error;
      parser.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  let lines = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      lines = item.info.lines;
      const cells = item.record;
      if (cells.length > limits.maxColumns) {
        throw importFileError("badCsv", { line: lines, detail: `${cells.length} columns in one row` });
      }
      if (cells.every((c) => c.trim() === "")) continue;
      yield { row: lines, cells };
    }
  } catch (error) {
    if (failure && isImportFileError(failure)) throw failure;
    if (isImportFileError(error)) throw error;
    const detail = error instanceof Error ? error.message.replace(/^Invalid\s+/i, "invalid ").slice(0, 200) : String(error);
    throw importFileError("badCsv", { line: lines + 1, detail });
  } finally {
    if (!parser.destroyed) parser.destroy();
    stream.destroy();
    await feed.catch(() => undefined);
    await chunks.return(undefined);
  }
  if (failure) throw isImportFileError(failure) ? failure : importFileError("badCsv", { line: lines + 1, detail: String(failure) });
}
