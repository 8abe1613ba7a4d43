import { message } from "@/lib/contracts/message";
import { importFileError, isImportFileError } from "./errors";
import type { ImportLimits } from "./limits";
import { toMegabytes } from "./limits";
import type { RawRecord } from "./records";
import type { ImportSource } from "./source";
import { readRelationships, readSharedStrings, readSheetIds, readSheetRows } from "./xlsx-parts";
import { declaredInflation, openGuardedZip, ZipSizeMismatchError, ZipTooLargeError, type GuardedZip } from "./zip-inspect";

export type XlsxLimits = Pick<
  ImportLimits,
  "maxXlsxUncompressedBytes" | "maxXlsxCompressionRatio" | "maxColumns" | "maxCellChars" | "maxSharedStrings" | "maxSharedStringChars"
>;

const SHARED_STRINGS_TYPE = /\/sharedStrings$/;
const WORKSHEET_TYPE = /\/worksheet$/;

/** Turns what the ZIP layer or a parser threw into the import error the user reads. */
function asImportError(error: unknown): Error {
  if (isImportFileError(error)) return error;
  if (error instanceof ZipTooLargeError) return importFileError("zipBomb", { size: toMegabytes(error.bytes) });
  if (error instanceof ZipSizeMismatchError) return importFileError("damagedXlsx", { detail: message("importer.details.entrySizeLies", { entry: error.entry }) });
  return importFileError("damagedXlsx", { detail: error instanceof Error ? error.message.slice(0, 200) : String(error) });
}

/**
 * Opens the workbook and refuses it before anything is inflated when the directory already
 * shows a bomb, an encrypted workbook or no workbook at all.
 */
async function openWorkbook(source: ImportSource, limits: XlsxLimits): Promise<GuardedZip> {
  let zip: GuardedZip;
  try {
    zip = await openGuardedZip(source, { maxTotalBytes: limits.maxXlsxUncompressedBytes, maxRatio: limits.maxXlsxCompressionRatio });
  } catch (error) {
    throw importFileError("damagedXlsx", { detail: error instanceof Error ? error.message : String(error) });
  }
  const refuse = (error: Error): never => {
    zip.close();
    throw error;
  };
  if (zip.entries.some((e) => e.encrypted)) refuse(importFileError("damagedXlsx", { detail: message("importer.details.workbookEncrypted") }));
  if (!zip.entries.some((e) => e.name === "xl/workbook.xml")) refuse(importFileError("damagedXlsx", { detail: message("importer.details.noWorkbook") }));
  const declared = declaredInflation(zip.entries);
  if (declared.totalBytes > limits.maxXlsxUncompressedBytes || declared.worstRatio > limits.maxXlsxCompressionRatio) {
    refuse(importFileError("zipBomb", { size: toMegabytes(declared.totalBytes) }));
  }
  return zip;
}

/** The worksheet parts in the workbook's order (by file name when the relationships are missing). */
async function sheetParts(zip: GuardedZip, limits: XlsxLimits): Promise<{ sheets: string[]; sharedStrings: string | null }> {
  const rels = await zip.open("xl/_rels/workbook.xml.rels");
  const workbook = await zip.open("xl/workbook.xml");
  const relationships = rels ? await readRelationships(rels, limits) : new Map();
  const ids = workbook ? await readSheetIds(workbook, limits) : [];
  const named = zip.entries.map((e) => e.name);
  let sheets = ids.map((id) => relationships.get(id)).filter((r) => r && WORKSHEET_TYPE.test(r.type)).map((r) => r?.target ?? "");
  if (sheets.length === 0) {
    sheets = named.filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  }
  const shared = [...relationships.values()].find((r) => SHARED_STRINGS_TYPE.test(r.type))?.target ?? "xl/sharedStrings.xml";
  return { sheets, sharedStrings: named.includes(shared) ? shared : null };
}

/**
 * Streams the first worksheet that has data, row by row, in this thread. Every part is inflated
 * through the ZIP guard and parsed under the caps; untrusted files go through readXlsxRecords (xlsx-reader.ts),
 * which runs this in a worker with its own memory limit.
 */
export async function* readWorkbookRecords(source: ImportSource, limits: XlsxLimits): AsyncGenerator<RawRecord> {
  const zip = await openWorkbook(source, limits);
  let sawRows = false;
  try {
    const { sheets, sharedStrings } = await sheetParts(zip, limits);
    const stringsStream = sharedStrings ? await zip.open(sharedStrings) : null;
    const shared = stringsStream ? await readSharedStrings(stringsStream, limits) : [];
    for (const sheet of sheets) {
      const stream = await zip.open(sheet);
      if (!stream) continue;
      for await (const record of readSheetRows(stream, shared, limits)) {
        sawRows = true;
        yield record;
      }
      if (sawRows) return;
    }
  } catch (error) {
    throw asImportError(error);
  } finally {
    zip.close();
  }
  if (!sawRows) throw importFileError("noSheet");
}
