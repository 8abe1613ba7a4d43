import type { DbHandle, Tx } from "@/db/client";
import { FIELD_HEADERS } from "@/server/imports/headers";
import type { ImportKind } from "@/lib/contracts/imports";
import { KIND_NAMES_ZH } from "@/server/imports/kinds";
import { runImport, type ImportSummary } from "@/server/imports/service";
import type { OrgScope } from "@/server/lib/scope";
import type { ImportFields } from "./connector";

const NEEDS_QUOTES = /[",\r\n]/;
const cell = (value: string) => (NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * Pulled records as the export file the platform would have produced: a header row of the
 * exports' own Chinese column names, then one line per record. A file is what the importer's
 * validation, staging, merge, touched-day bookkeeping and undo already handle, so a sync writes
 * facts exactly as an upload does.
 */
export function exportFileOf(kind: ImportKind, rows: readonly ImportFields[]): Uint8Array {
  const fields = Object.keys(FIELD_HEADERS[kind]);
  const headers = fields.map((field) => (FIELD_HEADERS[kind] as Record<string, readonly string[]>)[field]?.[0] ?? field);
  const lines = [headers.map(cell).join(",")];
  for (const row of rows) lines.push(fields.map((field) => cell(row[field] ?? "")).join(","));
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

/**
 * Imports one batch of pulled records as an import of the run's bundle (source sync). The name
 * starts with the pull time, which the importer reads as the export time: an older upload never
 * overwrites what a later sync wrote, and a later sync always may.
 */
export async function importPulledBatch(
  handle: DbHandle,
  scope: OrgScope,
  input: { shopId: string; kind: ImportKind; rows: readonly ImportFields[]; runId: string; pulledAt: Date; beforeCommit: (tx: Tx) => Promise<void> },
): Promise<ImportSummary> {
  const seconds = Math.floor(input.pulledAt.getTime() / 1000);
  return runImport(handle, scope, {
    shopId: input.shopId,
    kind: input.kind,
    source: { bytes: exportFileOf(input.kind, input.rows) },
    fileName: `${seconds}_抖店同步_${KIND_NAMES_ZH[input.kind][0] ?? input.kind}.csv`,
    encoding: "utf-8",
    bundleId: input.runId,
    origin: "sync",
    beforeCommit: input.beforeCommit,
  });
}
