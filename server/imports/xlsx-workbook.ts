import { message } from "@/lib/contracts/message";
import { importFileError, isImportFileError } from "./errors";
import type { ImportLimits } from "./limits";
import { toMegabytes } from "./limits";
import type { RawRecord } from "./records";
import type { ImportSource } from "./source";
import type { Readable } from "node:stream";
import { readRelationships, readSharedStrings, readSheetIds, readSheetRows, type Relationship } from "./xlsx-parts";
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

/** Reads one part when the archive has it; each stream is opened only when it is read. */
async function readPart<T>(zip: GuardedZip, name: string, read: (stream: Readable) => Promise<T>): Promise<T | null> {
  const stream = await zip.open(name);
  return stream ? read(stream) : null;
}

/** The worksheet parts in the workbook's order (by file name when the relationships are missing). */
async function sheetParts(zip: GuardedZip, limits: XlsxLimits): Promise<{ sheets: string[]; sharedStrings: string | null }> {
  const relationships = (await readPart(zip, "xl/_rels/workbook.xml.rels", (s) => readRelationships(s, limits))) ?? new Map<string, Relationship>();
  const ids = (await readPart(zip, "xl/workbook.xml", (s) => readSheetIds(s, limits))) ?? [];
  const named = zip.entries.map((e) => e.name);
  let sheets = ids.flatMap((id) => {
    const rel = relationships.get(id);
    return rel && WORKSHEET_TYPE.test(rel.type) ? [rel.target] : [];
  });
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
    const shared = (sharedStrings ? await readPart(zip, sharedStrings, (s) => readSharedStrings(s, limits)) : null) ?? [];
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
