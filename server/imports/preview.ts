import type { DbHandle } from "@/db/client";
import type { Message } from "@/lib/contracts/message";
import { withTenant } from "@/server/db/tenant";
import {
  loadRowOptions,
  requireOrg,
  type ImportContext,
  type ImportFileInput,
} from "./context";
import { replacementNote } from "./decode-report";
import { detectKind, type HeaderMapping } from "./headers";
import type { ImportKind } from "@/lib/contracts/imports";
import { openImportFile, parseRows, type OpenedFile } from "./parse-file";
import type { AnyFact, RowError } from "./rows";

export type PreviewInput = ImportFileInput & {
  /** Rows shown as they will be stored. */
  sampleRows?: number;
  /** Rows scanned for rejected rows. */
  scanRows?: number;
};

export type ImportPreview = {
  kind: ImportKind;
  fileType: OpenedFile["fileType"];
  encoding: string | null;
  encodingDecidedBy: string | null;
  headers: string[];
  headerRow: number;
  mapping: HeaderMapping;
  ignoredColumns: string[];
  buyerColumnsDropped: string[];
  notes: Message[];
  /** The kinds the headers fit best, best first. */
  kindGuesses: { kind: ImportKind; matched: number; complete: boolean }[];
  exportedAt: Date | null;
  sizeBytes: number;
  estimatedRows: number | null;
  rows: AnyFact[];
  rejected: { row: number; errors: RowError[]; raw: Record<string, string> }[];
  scannedRows: number;
};

/**
 * What an import would do, without writing: encoding, mapping, the first rows as they will be
 * stored, and the rejected rows among the first scanRows. File-level refusals throw AppError
 * (errors.import.*; describeImportError gives the English text).
 */
export async function previewImport(
  handle: DbHandle,
  ctx: ImportContext,
  input: PreviewInput,
): Promise<ImportPreview> {
  const orgId = requireOrg(ctx);
  const rowOptions = await withTenant(handle, ctx, (tx) => loadRowOptions(tx, orgId, input.kind));
  const file = await openImportFile(input.source, input);
  const sampleRows = input.sampleRows ?? 20;
  const scanRows = input.scanRows ?? 5000;
  const rows: AnyFact[] = [];
  const rejected: ImportPreview["rejected"] = [];
  let scanned = 0;
  try {
    for await (const row of parseRows(file, rowOptions)) {
      scanned += 1;
      if (row.ok) {
        if (rows.length < sampleRows) rows.push(row.fact);
      } else if (rejected.length < 200) {
        rejected.push({ row: row.row, errors: row.errors, raw: row.raw });
      }
      if (scanned >= scanRows) break;
    }
  } finally {
    await file.records.return(undefined);
  }
  return {
    kind: file.kind,
    fileType: file.fileType,
    encoding: file.encoding?.encoding ?? null,
    encodingDecidedBy: file.encoding?.decidedBy ?? null,
    headers: file.headers,
    headerRow: file.headerRow,
    mapping: file.mapped.mapping,
    ignoredColumns: file.mapped.ignored,
    buyerColumnsDropped: file.mapped.piiColumns,
    notes: [...file.mapped.notes, ...replacementNote(file.decoding, file.encoding, file.headers)],
    kindGuesses: detectKind(file.headers),
    exportedAt: file.exportedAt,
    sizeBytes: file.sizeBytes,
    estimatedRows: file.estimatedRows,
    rows,
    rejected,
    scannedRows: scanned,
  };
}
