import ExcelJS from "exceljs";
import { message } from "@/lib/contracts/message";
import { importFileError, isImportFileError } from "./errors";
import type { ImportLimits } from "./limits";
import { toMegabytes } from "./limits";
import type { RawRecord } from "./records";
import { openSourceStream, type ImportSource } from "./source";
import { listZipEntries, verifyZipEntries, ZipTooLargeError } from "./zip-inspect";

/**
 * Refuses an XLSX whose entries would inflate past the limit or at an absurd ratio, before
 * exceljs inflates anything; also checks it really is a workbook.
 */
export async function guardXlsx(source: ImportSource, limits: Pick<ImportLimits, "maxXlsxUncompressedBytes" | "maxXlsxCompressionRatio">): Promise<void> {
  let entries;
  try {
    entries = await listZipEntries(source);
  } catch (error) {
    throw importFileError("damagedXlsx", { detail: error instanceof Error ? error.message : String(error) });
  }
  if (entries.some((e) => e.encrypted)) throw importFileError("damagedXlsx", { detail: message("importer.details.workbookEncrypted") });
  if (!entries.some((e) => e.name === "xl/workbook.xml")) {
    throw importFileError("damagedXlsx", { detail: message("importer.details.noWorkbook") });
  }
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const worstRatio = Math.max(0, ...entries.filter((e) => e.uncompressedSize > 1024 * 1024).map((e) => e.uncompressedSize / Math.max(1, e.compressedSize)));
  if (total > limits.maxXlsxUncompressedBytes || worstRatio > limits.maxXlsxCompressionRatio) {
    throw importFileError("zipBomb", { size: toMegabytes(total) });
  }
  try {
    await verifyZipEntries(source, limits.maxXlsxUncompressedBytes);
  } catch (error) {
    if (error instanceof ZipTooLargeError) throw importFileError("zipBomb", { size: toMegabytes(error.bytes) });
    throw importFileError("damagedXlsx", { detail: error instanceof Error ? error.message : String(error) });
  }
}

/** exceljs can wait forever on a damaged stream; no progress for this long ends the read. */
export const XLSX_STALL_MS = 20_000;

async function nextWithin<T>(iterator: AsyncIterator<T>, ms: number): Promise<IteratorResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const stall = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(importFileError("damagedXlsx", { detail: message("importer.details.readingStalled") })), ms);
  });
  try {
    return await Promise.race([iterator.next(), stall]);
  } finally {
    clearTimeout(timer);
  }
}

/** The text of one exceljs cell value; numbers as JavaScript prints them (dates arrive as Excel serials). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  // A number past 2^53 has lost digits (a long id stored as a number): show it as Excel does, so
  // the id parser reports the file as re-saved by Excel instead of storing a wrong id.
  if (typeof value === "number") return Math.abs(value) > Number.MAX_SAFE_INTEGER ? value.toExponential(5).toUpperCase() : String(value);
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return "";
  }
  return "";
}

/** Streams the first worksheet that has data, row by row (exceljs streaming reader). */
export async function* readXlsxRecords(source: ImportSource, limits: Pick<ImportLimits, "maxColumns" | "maxCellChars">): AsyncGenerator<RawRecord> {
  const stream = openSourceStream(source);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  let sawRows = false;
  // Errors also surface through the iterator; an unlistened "error" event would crash the process.
  (reader as unknown as NodeJS.EventEmitter).on("error", () => undefined);
  try {
    const sheets = reader[Symbol.asyncIterator]();
    for (;;) {
      const nextSheet = await nextWithin(sheets, XLSX_STALL_MS);
      if (nextSheet.done) break;
      const rows = nextSheet.value[Symbol.asyncIterator]();
      for (;;) {
        const nextRow = await nextWithin(rows, XLSX_STALL_MS);
        if (nextRow.done) break;
        const row = nextRow.value;
        const values = (row.values ?? []) as unknown[];
        if (values.length - 1 > limits.maxColumns) {
          throw importFileError("damagedXlsx", { detail: message("importer.details.columnsInXlsxRow", { count: values.length - 1, row: row.number }) });
        }
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).slice(0, limits.maxCellChars));
        if (cells.every((c) => c.trim() === "")) continue;
        sawRows = true;
        yield { row: row.number, cells };
      }
      if (sawRows) return;
    }
  } catch (error) {
    if (isImportFileError(error)) throw error;
    throw importFileError("damagedXlsx", { detail: error instanceof Error ? error.message.slice(0, 200) : String(error) });
  } finally {
    stream.destroy();
  }
  if (!sawRows) throw importFileError("noSheet");
}
