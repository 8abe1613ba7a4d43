import type { PgBoss } from "pg-boss";
import { and, eq, inArray } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { creators, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { AppError, notFound } from "@/server/lib/errors";
import { translate } from "@/server/lib/i18n";
import type { Locale } from "@/lib/contracts/locales";
import type { OrgScope } from "@/server/lib/scope";
import { queueImport } from "@/server/jobs/import-run";
import { scheduleRescore } from "@/server/scoring/rescore";
import { detectEncoding, ENCODING_SNIFF_BYTES } from "./encoding";
import { CREATOR_IMPORT_KINDS, type EncodingChoice, IMPORT_KINDS, type ImportKind, type ImportSource as ImportSourceKind, SHOP_IMPORT_KINDS } from "@/lib/contracts/imports";
import { assertOwnerInOrg, importOwner, type ImportOwner } from "./context";
import { isImportFileError, messageOfError } from "./errors";
import { detectFileType } from "./file-type";
import { detectKind, FIELD_HEADERS, looksLikeHeader, mapHeaders, REQUIRED_FIELDS, type HeaderMapping } from "./headers";
import { kindFromFileName } from "./kinds";
import { resolveLimits } from "./limits";
import { readCsvRecords } from "./csv-reader";
import { getImport, listImports, listRowErrors, type ImportRow } from "./queries";
import { previewImport } from "./preview";
import { createImport, runImport, type ImportSummary } from "./service";
import { openSourceStream, readHead, sourceSize, type ImportSource } from "./source";
import { undoBundle, undoImport, type UndoSummary } from "./undo";
import { discardUpload, findUpload } from "./uploads";
import { readXlsxRecords } from "./xlsx-reader";

/**
 * The user-facing import flow over the engine: an upload id instead of a path, the kind guessed
 * when not given, a preview that still shows the headers when the mapping does not fit (so it
 * can be fixed), and limited members kept to their shops. Every function takes the caller's scope.
 */

export type ImportField = { field: string; required: boolean };

export function fieldsOf(kind: ImportKind): ImportField[] {
  const required = new Set<string>(REQUIRED_FIELDS[kind]);
  return Object.keys(FIELD_HEADERS[kind]).map((field) => ({ field, required: required.has(field) }));
}

export type PreviewRejected = { row: number; column: string | null; reason: string };

export type UploadPreview = {
  uploadId: string;
  fileName: string;
  sizeBytes: number;
  kind: ImportKind;
  kindGuesses: { kind: ImportKind; matched: number; complete: boolean }[];
  fileType: "csv" | "xlsx" | null;
  encoding: string | null;
  encodingDecidedBy: string | null;
  headers: string[];
  mapping: HeaderMapping;
  fields: ImportField[];
  ignoredColumns: string[];
  buyerColumnsDropped: string[];
  notes: string[];
  rows: Record<string, unknown>[];
  rejected: PreviewRejected[];
  scannedRows: number;
  estimatedRows: number | null;
  /** Why the file cannot be imported as it is (in the caller's language), else null. */
  error: string | null;
  errorKey: string | null;
};

const inScope = (scope: OrgScope, shopId: string) => scope.shopIds === null || scope.shopIds.includes(shopId);

/** A member limited to some shops sees none of the creator accounts (entities.ts grantScoped), so none of their imports. */
const ownerInScope = (scope: OrgScope, row: { shopId: string | null }) => (row.shopId ? inScope(scope, row.shopId) : scope.shopIds === null);

/** Who a file is imported into: the kind's owner (a shop, or a creator account for creator_orders). */
type OwnerInput = { shopId?: string; creatorId?: string; kind?: ImportKind };

function ownerFor(scope: OrgScope, input: OwnerInput): ImportOwner {
  const kind = input.kind ?? (input.creatorId && !input.shopId ? "creator_orders" : "orders");
  const owner = importOwner({ kind, shopId: input.shopId, creatorId: input.creatorId });
  if (!ownerInScope(scope, { shopId: owner.kind === "shop" ? owner.id : null })) throw notFound(owner.kind === "shop" ? "shopNotFound" : "creatorNotFound");
  return owner;
}

/** The kinds an owner may import: a creator's page offers creator_orders, a shop's the shop kinds. */
const kindsOf = (owner: ImportOwner): readonly ImportKind[] => (owner.kind === "shop" ? SHOP_IMPORT_KINDS : CREATOR_IMPORT_KINDS);

export function errorText(locale: Locale, error: unknown): { error: string; errorKey: string | null } {
  return { error: translate(locale, messageOfError(error)), errorKey: error instanceof AppError ? error.messageKey : null };
}

/** The header row as the engine would find it, without judging it against a kind. */
async function readHeaderRow(source: ImportSource, fileName: string, encoding: EncodingChoice | undefined): Promise<{ headers: string[]; fileType: "csv" | "xlsx"; encoding: string | null }> {
  const limits = resolveLimits();
  const size = await sourceSize(source);
  const head = await readHead(source, Math.min(size, ENCODING_SNIFF_BYTES));
  const fileType = detectFileType(head, fileName);
  const detected = fileType === "csv" ? detectEncoding(head, { choice: encoding, wholeFile: head.length >= size }) : null;
  const records = fileType === "xlsx" || !detected ? readXlsxRecords(source, limits) : readCsvRecords(openSourceStream(source), detected, limits);
  let first: string[] | null = null;
  try {
    for (let i = 0; i < 10; i++) {
      const next = await records.next();
      if (next.done) break;
      first ??= next.value.cells;
      if (looksLikeHeader(next.value.cells)) return { headers: clean(next.value.cells), fileType, encoding: detected?.encoding ?? null };
    }
  } finally {
    await records.return(undefined);
  }
  return { headers: clean(first ?? []), fileType, encoding: detected?.encoding ?? null };
}

const clean = (cells: string[]) => cells.map((c) => c.replace(/^\uFEFF/, "").trim());

/**
 * Preview of an uploaded file for one shop: the kind (given, else from the headers or the file
 * name), encoding, the mapping, the first rows as they will be stored and the rejected rows.
 * A file the engine refuses still comes back with its headers and the refusal, so the user can
 * change the kind, the encoding or the mapping.
 */
export async function previewUpload(
  handle: DbHandle,
  scope: OrgScope,
  locale: Locale,
  input: OwnerInput & { uploadId: string; encoding?: EncodingChoice; mapping?: HeaderMapping },
): Promise<UploadPreview> {
  const owner = ownerFor(scope, input);
  await withTenant(handle, scope, (tx) => assertOwnerInOrg(tx, scope.orgId, owner));
  const kinds = kindsOf(owner);
  if (input.kind && !kinds.includes(input.kind)) throw notFound(owner.kind === "shop" ? "shopNotFound" : "creatorNotFound");
  const upload = await findUpload(scope.orgId, input.uploadId);
  const source = { path: upload.path };
  const base = { uploadId: upload.uploadId, fileName: upload.fileName, sizeBytes: upload.sizeBytes };

  let headerRow: Awaited<ReturnType<typeof readHeaderRow>> | null = null;
  try {
    headerRow = await readHeaderRow(source, upload.fileName, input.encoding);
  } catch {
    headerRow = null;
  }
  const guesses = headerRow ? detectKind(headerRow.headers, kinds) : [];
  const best = guesses[0];
  const fromName = kindFromFileName(upload.fileName);
  const kind: ImportKind = input.kind ?? (best?.complete ? best.kind : null) ?? (fromName && kinds.includes(fromName) ? fromName : null) ?? best?.kind ?? kinds[0] ?? "orders";

  try {
    const preview = await previewImport(handle, scope, { kind, source, fileName: upload.fileName, mapping: input.mapping, encoding: input.encoding, sampleRows: 20, scanRows: 5000 });
    return {
      ...base,
      kind,
      kindGuesses: preview.kindGuesses.filter((guess) => kinds.includes(guess.kind)),
      fileType: preview.fileType,
      encoding: preview.encoding,
      encodingDecidedBy: preview.encodingDecidedBy,
      headers: preview.headers,
      mapping: preview.mapping,
      fields: fieldsOf(kind),
      ignoredColumns: preview.ignoredColumns,
      buyerColumnsDropped: preview.buyerColumnsDropped,
      notes: preview.notes.map((note) => translate(locale, note)),
      rows: preview.rows as Record<string, unknown>[],
      rejected: preview.rejected.flatMap((r) => r.errors.map((e) => ({ row: e.row, column: e.column, reason: translate(locale, e.reason) }))).slice(0, 500),
      scannedRows: preview.scannedRows,
      estimatedRows: preview.estimatedRows,
      error: null,
      errorKey: null,
    };
  } catch (error) {
    if (!isImportFileError(error)) throw error;
    const headers = headerRow?.headers ?? [];
    let mapping: HeaderMapping = {};
    try {
      mapping = mapHeaders(headers, kind, input.mapping).mapping;
    } catch {
      mapping = mapHeaders(headers, kind).mapping;
    }
    return {
      ...base,
      kind,
      kindGuesses: guesses,
      fileType: headerRow?.fileType ?? null,
      encoding: headerRow?.encoding ?? null,
      encodingDecidedBy: input.encoding && input.encoding !== "auto" ? "user" : null,
      headers,
      mapping,
      fields: fieldsOf(kind),
      ignoredColumns: [],
      buyerColumnsDropped: [],
      notes: [],
      rows: [],
      rejected: [],
      scannedRows: 0,
      estimatedRows: null,
      ...errorText(locale, error),
    };
  }
}

/** An import as the API shows it: never the server-side path of its file. shopName names its shop, or for a creator's import its creator account. */
export type PublicImport = Omit<ImportRow, "sourceRef"> & { shopName: string | null };

async function withShopNames(handle: DbHandle, scope: OrgScope, rows: ImportRow[]): Promise<PublicImport[]> {
  const shopIds = [...new Set(rows.flatMap((r) => (r.shopId ? [r.shopId] : [])))];
  const creatorIds = [...new Set(rows.flatMap((r) => (r.creatorId ? [r.creatorId] : [])))];
  const names = await withTenant(handle, scope, async (tx) => [
    ...(shopIds.length ? await tx.select({ id: shops.id, name: shops.name }).from(shops).where(and(eq(shops.orgId, scope.orgId), inArray(shops.id, shopIds))) : []),
    ...(creatorIds.length
      ? await tx.select({ id: creators.id, name: creators.name }).from(creators).where(and(eq(creators.orgId, scope.orgId), inArray(creators.id, creatorIds)))
      : []),
  ]);
  const byId = new Map(names.map((s) => [s.id, s.name]));
  return rows.map(({ sourceRef: _sourceRef, ...row }) => ({ ...row, shopName: byId.get(row.shopId ?? row.creatorId ?? "") ?? null }));
}

/** One import of the caller's organisation and shops (live progress while it runs), else NOT_FOUND. */
export async function getImportFor(handle: DbHandle, scope: OrgScope, importId: string): Promise<PublicImport> {
  const row = await getImport(handle, scope, importId);
  if (!ownerInScope(scope, row)) throw notFound("importNotFound");
  const [found] = await withShopNames(handle, scope, [row]);
  if (!found) throw notFound("importNotFound");
  return found;
}

export async function listImportsFor(
  handle: DbHandle,
  scope: OrgScope,
  input: { shopId?: string; creatorId?: string; bundleId?: string; source?: ImportSourceKind; limit?: number },
): Promise<PublicImport[]> {
  if (input.shopId && !inScope(scope, input.shopId)) return [];
  const rows = await listImports(handle, scope, input);
  return withShopNames(handle, scope, rows.filter((r) => ownerInScope(scope, r)));
}

export type ConfirmResult = { importId: string; queued: boolean; summary: ImportSummary | null };

/**
 * Imports an uploaded file into a shop (or, creator_orders, a creator account): handed to the import.run worker when the job queue runs
 * (progress on the imports row; the worker schedules the rescore), else run here and now, and
 * the rescore with it.
 */
export async function confirmUpload(
  handle: DbHandle,
  boss: PgBoss | null,
  scope: OrgScope,
  input: OwnerInput & { uploadId: string; kind: ImportKind; encoding?: EncodingChoice; mapping?: HeaderMapping },
): Promise<ConfirmResult> {
  const owner = ownerFor(scope, input);
  const upload = await findUpload(scope.orgId, input.uploadId);
  const ownerIds = owner.kind === "shop" ? { shopId: owner.id } : { creatorId: owner.id };
  const common = { ...ownerIds, kind: input.kind, fileName: upload.fileName, mapping: input.mapping, encoding: input.encoding };
  if (boss) {
    const { importId } = await queueImport(handle, boss, scope, { ...common, sourcePath: upload.path });
    return { importId, queued: true, summary: null };
  }
  const importId = await createImport(handle, scope, { ...common, sourceRef: upload.path });
  // Run here, the import has no retry: whatever its end, nothing reads the file again.
  const summary = await runImport(handle, scope, { ...common, importId, source: { path: upload.path } }).finally(() => discardUpload(upload.path));
  if (summary.status === "succeeded") await scheduleRescore(handle, { orgId: scope.orgId }, { boss });
  return { importId, queued: false, summary };
}

export async function undoImportFor(handle: DbHandle, boss: PgBoss | null, scope: OrgScope, importId: string): Promise<UndoSummary> {
  await getImportFor(handle, scope, importId);
  const summary = await undoImport(handle, scope, { importId });
  await scheduleRescore(handle, { orgId: scope.orgId }, { boss });
  return summary;
}

export type BundleUndoResult = { bundleId: string; undone: UndoSummary[] };

/**
 * Undoes a whole bundle (a bulk upload, or a sync run) as one: all of it or, when one of its
 * imports cannot be undone, nothing (undoBundle says why and what it does with sync cursors);
 * then one rescore. A bundle with an import in a shop the caller may not see is NOT_FOUND, like
 * another organisation's: a limited member cannot undo more than they can see.
 */
export async function undoBundleFor(handle: DbHandle, boss: PgBoss | null, scope: OrgScope, bundleId: string): Promise<BundleUndoResult> {
  const members = await listImports(handle, scope, { bundleId, limit: 1000 });
  if (members.length === 0 || !members.every((r) => ownerInScope(scope, r))) throw notFound("importNotFound");
  const undone = await undoBundle(handle, scope, { bundleId });
  await scheduleRescore(handle, { orgId: scope.orgId }, { boss });
  return { bundleId, undone };
}

export async function rejectedRowsFor(handle: DbHandle, scope: OrgScope, input: { importId: string; limit?: number }) {
  await getImportFor(handle, scope, input.importId);
  const rows = await listRowErrors(handle, scope, { importId: input.importId, limit: input.limit ?? 200 });
  return rows.map((r) => ({ row: r.row, column: r.column, reason: r.reason }));
}

export const importKindOptions = () => [...IMPORT_KINDS];
