/** Limits an import file must stay within; each breach ends in a plain error (errors.ts). */
export type ImportLimits = {
  /** Upload size, bytes. */
  maxBytes: number;
  /** Data rows (header excluded). */
  maxRows: number;
  /** Sum of the uncompressed sizes inside an XLSX (zip-bomb guard), bytes. */
  maxXlsxUncompressedBytes: number;
  /** Uncompressed / compressed ratio above which an XLSX entry is refused. */
  maxXlsxCompressionRatio: number;
  /** Cells in one CSV record; more means binary garbage or a wrong delimiter. */
  maxColumns: number;
  /** Characters in one cell. */
  maxCellChars: number;
  /** Characters in one CSV record; a file without line breaks is refused once a record passes it. */
  maxLineChars: number;
  /** Entries in an XLSX shared strings table, which is held in memory while the sheet is read. */
  maxSharedStrings: number;
  /** Characters in that table, all strings together. */
  maxSharedStringChars: number;
  /** Heap of the worker thread that reads one workbook, MB: past it only that import fails. */
  maxXlsxWorkerHeapMb: number;
};

export const DEFAULT_LIMITS: ImportLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxRows: 2_000_000,
  maxXlsxUncompressedBytes: 1024 * 1024 * 1024,
  maxXlsxCompressionRatio: 200,
  maxColumns: 500,
  maxCellChars: 100_000,
  maxLineChars: 1_000_000,
  // A full 1,048,576-row export of unique ids and names stays well inside both.
  maxSharedStrings: 5_000_000,
  maxSharedStringChars: 150_000_000,
  maxXlsxWorkerHeapMb: 1024,
};

/** A deployment may lower (or raise) the upload size: KOUBEI_MAX_UPLOAD_MB, in megabytes. */
function limitsFromEnvironment(): Partial<ImportLimits> {
  const megabytes = Number(process.env.KOUBEI_MAX_UPLOAD_MB);
  return Number.isFinite(megabytes) && megabytes > 0 ? { maxBytes: Math.round(megabytes * 1024 * 1024) } : {};
}

export function resolveLimits(overrides: Partial<ImportLimits> = {}): ImportLimits {
  return { ...DEFAULT_LIMITS, ...limitsFromEnvironment(), ...overrides };
}

export const toMegabytes = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
