import type { ImportKind } from "@/lib/contracts/imports";
import type { MappedHeaders } from "./headers";
import { isCiphertext, maskFreeText } from "./pii";
import type { RawRecord } from "./records";
import { parseRecord, type FactByKind, type RowError, type RowOptions } from "./rows";

/** What reading a data record needs to know of its file (a worker thread gets just this). */
export type RecordFile<K extends ImportKind = ImportKind> = { kind: K; headers: string[]; mapped: MappedHeaders };

export type ParsedRow<K extends ImportKind> =
  | { ok: true; row: number; fact: FactByKind[K] }
  | { ok: false; row: number; errors: RowError[]; raw: Record<string, string> };

/** The raw values of a rejected row for the error CSV: mapped, non-buyer columns only. */
export function rawValuesOf(file: Pick<RecordFile, "headers" | "mapped">, cells: readonly string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  const pii = new Set(file.mapped.piiColumns);
  file.headers.forEach((header, i) => {
    if (!header || pii.has(header)) return;
    const cell = cells[i];
    if (cell !== undefined && cell !== "") raw[header] = cell.slice(0, 500);
  });
  return raw;
}

/** One data record as a typed fact, or as a rejected row with its reasons and masked raw values. */
export function parseDataRecord<K extends ImportKind>(file: RecordFile<K>, record: RawRecord, options: RowOptions): ParsedRow<K> {
  const result = parseRecord(file.kind, file.mapped, record.cells, record.row, options);
  if (result.ok) return result;
  return { ok: false, row: result.row, errors: result.errors, raw: maskRaw(rawValuesOf(file, record.cells)) };
}

/** Rejected rows are stored for the error CSV: free text may hold a phone number, ciphertext is dropped. */
function maskRaw(raw: Record<string, string>): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [header, value] of Object.entries(raw)) {
    if (isCiphertext(value)) continue;
    masked[header] = maskFreeText(value);
  }
  return masked;
}
