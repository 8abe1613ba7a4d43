import { and, asc, desc, eq, gt } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { imports, importRowErrors, importTemplates, importTouchedDays } from "@/db/schema";
import type { Message } from "@/lib/contracts/message";
import { withTenant } from "@/server/db/tenant";
import { conflict, notFound } from "@/server/lib/errors";
import type { EncodingChoice, ImportKind, ImportSource as ImportSourceKind } from "@/lib/contracts/imports";
import { translate } from "@/server/lib/i18n";
import type { Locale } from "@/lib/contracts/locales";
import { mapHeaders, type HeaderMapping } from "./headers";
import { liveProgress } from "./progress";
import { requireOrg, type ImportContext } from "./context";
import { csvField } from "@/server/lib/spreadsheet-cell";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ImportRow = typeof imports.$inferSelect;

/** One import with live progress while it runs in this process. NOT_FOUND for another org's import. */
export async function getImport(handle: DbHandle, ctx: ImportContext, importId: string): Promise<ImportRow> {
  const orgId = requireOrg(ctx);
  if (!UUID.test(importId)) throw notFound("importNotFound");
  const [row] = await withTenant(handle, ctx, (tx) =>
    tx.select().from(imports).where(and(eq(imports.orgId, orgId), eq(imports.id, importId))),
  );
  if (!row) throw notFound("importNotFound");
  const live = liveProgress(orgId, importId);
  return live && row.status === "running" ? { ...row, rowsProcessed: live.rowsProcessed, rowsTotal: live.rowsTotal } : row;
}

export async function listImports(
  handle: DbHandle,
  ctx: ImportContext,
  input: { shopId?: string; creatorId?: string; bundleId?: string; source?: ImportSourceKind; limit?: number } = {},
): Promise<ImportRow[]> {
  const orgId = requireOrg(ctx);
  const where = [eq(imports.orgId, orgId)];
  if (input.creatorId) {
    if (!UUID.test(input.creatorId)) return [];
    where.push(eq(imports.creatorId, input.creatorId));
  }
  if (input.shopId) {
    if (!UUID.test(input.shopId)) return [];
    where.push(eq(imports.shopId, input.shopId));
  }
  if (input.bundleId) {
    if (!UUID.test(input.bundleId)) return [];
    where.push(eq(imports.bundleId, input.bundleId));
  }
  if (input.source) where.push(eq(imports.source, input.source));
  return withTenant(handle, ctx, (tx) =>
    tx
      .select()
      .from(imports)
      .where(and(...where))
      .orderBy(desc(imports.createdAt))
      .limit(Math.min(input.limit ?? 100, 1000)),
  );
}

/** A rejected row; its reason a message (rows stored before reasons were keys hold English text as the key, shown as it is). */
export type StoredRowError = { row: number; column: string | null; reason: Message; raw: Record<string, string> | null };

/** Rejected rows of an import, in file order, paged by seq. */
export async function listRowErrors(
  handle: DbHandle,
  ctx: ImportContext,
  input: { importId: string; afterSeq?: number; limit?: number },
): Promise<(StoredRowError & { seq: number })[]> {
  const orgId = requireOrg(ctx);
  await getImport(handle, ctx, input.importId);
  const rows = await withTenant(handle, ctx, (tx) =>
    tx
      .select({
        seq: importRowErrors.seq,
        row: importRowErrors.row,
        column: importRowErrors.column,
        reason: importRowErrors.reason,
        reasonParams: importRowErrors.reasonParams,
        raw: importRowErrors.raw,
      })
      .from(importRowErrors)
      .where(and(eq(importRowErrors.orgId, orgId), eq(importRowErrors.importId, input.importId), gt(importRowErrors.seq, input.afterSeq ?? 0)))
      .orderBy(asc(importRowErrors.seq))
      .limit(Math.min(input.limit ?? 1000, 10_000)),
  );
  return rows.map(({ reason, reasonParams, ...row }) => ({ ...row, reason: reasonParams ? { key: reason, params: reasonParams } : { key: reason } }));
}

/**
 * The rejected rows as a CSV download in the reader's language (UTF-8 with BOM so Excel reads the
 * Chinese): row, column, reason, then the raw values under the file's own headers.
 */
export async function rowErrorsCsv(handle: DbHandle, ctx: ImportContext, input: { importId: string; locale: Locale }): Promise<string> {
  const rows: StoredRowError[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await listRowErrors(handle, ctx, { importId: input.importId, afterSeq, limit: 10_000 });
    rows.push(...page);
    const last = page[page.length - 1];
    if (!last || page.length < 10_000) break;
    afterSeq = last.seq;
  }
  const rawHeaders: string[] = [];
  for (const r of rows) for (const h of Object.keys(r.raw ?? {})) if (!rawHeaders.includes(h)) rawHeaders.push(h);
  const heading = ["row", "column", "reason"].map((name) => translate(input.locale, { key: `importer.csv.${name}` }));
  const lines = [[...heading, ...rawHeaders].map(csvField).join(",")];
  for (const r of rows) lines.push([r.row, r.column, translate(input.locale, r.reason), ...rawHeaders.map((h) => r.raw?.[h])].map(csvField).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Shanghai days an import touched (for incremental rescoring). */
export async function touchedDaysOf(handle: DbHandle, ctx: ImportContext, importId: string): Promise<string[]> {
  const orgId = requireOrg(ctx);
  const rows = await withTenant(handle, ctx, (tx) =>
    tx
      .select({ day: importTouchedDays.day })
      .from(importTouchedDays)
      .where(and(eq(importTouchedDays.orgId, orgId), eq(importTouchedDays.importId, importId)))
      .orderBy(asc(importTouchedDays.day)),
  );
  return rows.map((r) => r.day);
}

// ---------------------------------------------------------------------------------------------
// Templates: named header mappings per organisation and kind.

export type ImportTemplate = typeof importTemplates.$inferSelect;

export async function saveTemplate(
  handle: DbHandle,
  ctx: ImportContext,
  input: { kind: ImportKind; name: string; mapping: HeaderMapping; encoding?: EncodingChoice },
): Promise<ImportTemplate> {
  const orgId = requireOrg(ctx);
  // Validates the field names (headers are checked against each file when it is used).
  mapHeaders(Object.values(input.mapping).filter((h): h is string => typeof h === "string"), input.kind, input.mapping);
  const name = input.name.trim();
  if (!name) throw conflict("templateName", "name");
  const [row] = await withTenant(handle, ctx, (tx) =>
    tx
      .insert(importTemplates)
      .values({ orgId, kind: input.kind, name, mapping: input.mapping, encoding: input.encoding ?? null, createdBy: ctx.userId ?? null })
      .onConflictDoUpdate({
        target: [importTemplates.orgId, importTemplates.kind, importTemplates.name],
        set: { mapping: input.mapping, encoding: input.encoding ?? null, updatedAt: new Date() },
      })
      .returning(),
  );
  if (!row) throw new Error("template upsert returned no row");
  return row;
}

export async function listTemplates(handle: DbHandle, ctx: ImportContext, input: { kind?: ImportKind } = {}): Promise<ImportTemplate[]> {
  const orgId = requireOrg(ctx);
  const where = [eq(importTemplates.orgId, orgId)];
  if (input.kind) where.push(eq(importTemplates.kind, input.kind));
  return withTenant(handle, ctx, (tx) => tx.select().from(importTemplates).where(and(...where)).orderBy(asc(importTemplates.name)));
}

export async function deleteTemplate(handle: DbHandle, ctx: ImportContext, input: { templateId: string }): Promise<void> {
  const orgId = requireOrg(ctx);
  if (!UUID.test(input.templateId)) throw notFound("templateNotFound");
  const deleted = await withTenant(handle, ctx, (tx) =>
    tx
      .delete(importTemplates)
      .where(and(eq(importTemplates.orgId, orgId), eq(importTemplates.id, input.templateId)))
      .returning({ id: importTemplates.id }),
  );
  if (deleted.length === 0) throw notFound("templateNotFound");
}
