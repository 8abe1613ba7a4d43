import { emptyDecodeReport, type DecodeReport } from "./decode-report";
import { detectEncoding, ENCODING_SNIFF_BYTES, type DetectedEncoding } from "./encoding";
import type { EncodingChoice, ImportKind } from "@/lib/contracts/imports";
import { describeImportError, importFileError, isImportFileError } from "./errors";
import { exportTimeFromFileName } from "./export-time";
import { detectFileType, type FileType } from "./file-type";
import { assertHeadersFit, looksLikeHeader, mapHeaders, type HeaderMapping, type MappedHeaders } from "./headers";
import { resolveLimits, toMegabytes, type ImportLimits } from "./limits";
import type { RawRecord } from "./records";
import { parseDataRecord, type ParsedRow } from "./data-record";
import type { FactByKind, RowError, RowOptions } from "./rows";
import { readCsvRecords, type CsvDialect } from "./csv-reader";
import { openSourceStream, readHead, sourceSize, type ImportSource } from "./source";
import { readXlsxRecords } from "./xlsx-reader";

export type OpenFileOptions = {
  kind: ImportKind;
  fileName: string;
  mapping?: HeaderMapping;
  encoding?: EncodingChoice;
  limits?: Partial<ImportLimits>;
};

export type OpenedFile = {
  kind: ImportKind;
  fileType: FileType;
  /** null for XLSX. */
  encoding: DetectedEncoding | null;
  headers: string[];
  headerRow: number;
  mapped: MappedHeaders;
  /** The export time in the file name, when there is one. */
  exportedAt: Date | null;
  sizeBytes: number;
  /** A guess for progress bars (CSV only): size / mean line length of the head. */
  estimatedRows: number | null;
  limits: ImportLimits;
  /** Characters the decoder replaced, counted as the records are read (CSV only). */
  decoding: DecodeReport;
  /** The delimiter and line ending (CSV only, once the header is read). */
  dialect: CsvDialect | null;
  /** The data records after the header row. */
  records: AsyncGenerator<RawRecord>;
};

/** Rows above the header that may be a title ("订单导出 2026-05-31") and are skipped. */
const MAX_TITLE_ROWS = 10;

/**
 * Opens a file for import: checks size and type, decides the encoding, finds the header row and
 * maps it to the kind's fields. Refusals are AppErrors (errors.import.*) with a plain reason.
 */
export async function openImportFile(source: ImportSource, options: OpenFileOptions): Promise<OpenedFile> {
  const limits = resolveLimits(options.limits);
  const sizeBytes = await sourceSize(source);
  if (sizeBytes === 0) throw importFileError("emptyFile");
  if (sizeBytes > limits.maxBytes) throw importFileError("tooLarge", { size: toMegabytes(sizeBytes), limit: toMegabytes(limits.maxBytes) });
  const head = await readHead(source, Math.min(sizeBytes, ENCODING_SNIFF_BYTES));
  const fileType = detectFileType(head, options.fileName);

  let encoding: DetectedEncoding | null = null;
  let all: AsyncGenerator<RawRecord>;
  let estimatedRows: number | null = null;
  const decoding = emptyDecodeReport();
  let dialect: CsvDialect | null = null;
  if (fileType === "xlsx") {
    all = readXlsxRecords(source, limits);
  } else {
    encoding = detectEncoding(head, { choice: options.encoding, wholeFile: head.length >= sizeBytes });
    all = readCsvRecords(openSourceStream(source), encoding, limits, decoding, (decided) => (dialect = decided));
    const sample = head.subarray(0, 256 * 1024);
    const lines = sample.reduce((n, b) => (b === 0x0a ? n + 1 : n), 0);
    estimatedRows = lines > 0 ? Math.max(0, Math.round((sizeBytes / sample.length) * lines) - 1) : null;
  }

  const skipped: RawRecord[] = [];
  let header: RawRecord | null = null;
  try {
    for (;;) {
      const next = await all.next();
      if (next.done) break;
      if (looksLikeHeader(next.value.cells)) {
        header = next.value;
        break;
      }
      skipped.push(next.value);
      if (skipped.length >= MAX_TITLE_ROWS) break;
    }
  } catch (error) {
    await all.return(undefined);
    throw error;
  }
  if (!header) {
    // No row looks like a known header: judge the first row (it gives the clearest error).
    header = skipped[0] ?? null;
    if (!header) {
      await all.return(undefined);
      throw importFileError("noHeader");
    }
  }
  const headers = header.cells.map((c) => c.replace(/^\uFEFF/, "").trim());
  let mapped: MappedHeaders;
  try {
    mapped = mapHeaders(headers, options.kind, options.mapping);
    assertHeadersFit(mapped, headers);
  } catch (error) {
    await all.return(undefined);
    throw error;
  }
  const headerRow = header.row;
  // When the header was not found among the first rows, those rows were data: replay them.
  const replay = header === skipped[0] ? skipped.slice(1) : [];
  // Each layer of generator costs every row a turn of the microtask queue: add one only to replay.
  const records =
    replay.length === 0
      ? all
      : (async function* () {
          yield* replay;
          yield* all;
        })();
  return {
    kind: options.kind,
    fileType,
    encoding,
    headers,
    headerRow,
    mapped,
    exportedAt: exportTimeFromFileName(options.fileName),
    sizeBytes,
    estimatedRows,
    limits,
    decoding,
    dialect,
    records,
  };
}

/** Streams typed facts and rejected rows; the row limit ends the stream with an error. */
export async function* parseRows<K extends ImportKind>(file: OpenedFile & { kind: K }, options: RowOptions = {}): AsyncGenerator<ParsedRow<K>> {
  let count = 0;
  for await (const record of file.records) {
    count += 1;
    if (count > file.limits.maxRows) throw importFileError("tooManyRows", { limit: file.limits.maxRows });
    yield parseDataRecord(file, record, options);
  }
}

export type ParsedFile<K extends ImportKind> = {
  ok: true;
  file: Omit<OpenedFile, "records">;
  facts: FactByKind[K][];
  rejected: { row: number; errors: RowError[]; raw: Record<string, string> }[];
};

/**
 * Parses a whole file in memory (tests, previews of small files). Never throws: the result is a
 * clean parse or { ok: false, error } with the plain reason.
 */
export async function parseWholeFile<K extends ImportKind>(
  source: ImportSource,
  options: OpenFileOptions & { kind: K } & RowOptions,
): Promise<ParsedFile<K> | { ok: false; error: Error; message: string }> {
  try {
    const opened = (await openImportFile(source, options)) as OpenedFile & { kind: K };
    const facts: FactByKind[K][] = [];
    const rejected: ParsedFile<K>["rejected"] = [];
    for await (const row of parseRows(opened, options)) {
      if (row.ok) facts.push(row.fact);
      else rejected.push({ row: row.row, errors: row.errors, raw: row.raw });
    }
    const { records: _records, ...file } = opened;
    return { ok: true, file, facts, rejected };
  } catch (error) {
    if (isImportFileError(error)) return { ok: false, error, message: describeImportError(error) };
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)), message: describeImportError(error) };
  }
}
