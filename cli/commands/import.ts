import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import type { DbHandle } from "@/db/client";
import { message, type Message } from "@/lib/contracts/message";
import { withTenant } from "@/server/db/tenant";
import { bulkImport, type BulkItem } from "@/server/imports/bulk";
import { ENCODING_CHOICES, IMPORT_KINDS, IMPORT_OWNER_OF_KIND, isEncodingChoice, isImportKind, SHOP_IMPORT_KINDS, type ImportKind } from "@/lib/contracts/imports";
import { messageOfError } from "@/server/imports/errors";
import { kindFromFileName } from "@/server/imports/kinds";
import { getImport } from "@/server/imports/queries";
import { previewImport } from "@/server/imports/preview";
import { runImport, type ImportSummary } from "@/server/imports/service";
import { undoImport } from "@/server/imports/undo";
import { AppError } from "@/server/lib/errors";
import { cliLocale, translate } from "@/server/lib/i18n";
import { systemScope, type OrgScope } from "@/server/lib/scope";
import { resolveOrgRef } from "@/server/orgs/service";
import { scheduleRescore } from "@/server/scoring/rescore";
import { findEntityByRef } from "@/server/entities/queries";
import { CliUsageError, emit, withDatabase } from "../context";

type ImportOptions = { org?: string; shop?: string; creator?: string; kind?: string; manifest?: string; import?: string; encoding?: string };

/** One JSON line per file: the counts, and the rejected rows with row, column and reason, in the CLI's language (KOUBEI_LOCALE). */
function fileLine(file: string, kind: ImportKind | null, encoding: string | null, summary: ImportSummary | null, error?: Message) {
  const locale = cliLocale();
  return {
    file,
    kind,
    encoding,
    inserted: summary?.inserted ?? 0,
    updated: summary?.updated ?? 0,
    unchanged: summary?.unchanged ?? 0,
    rejected: summary?.rejected ?? 0,
    keptNewer: summary?.keptNewer ?? 0,
    errors: (summary?.errors ?? []).map((e) => ({ row: e.row, column: e.column, reason: translate(locale, e.reason) })),
    ...(summary ? { importId: summary.importId, status: summary.status } : {}),
    // The days the file's rows are dated: a file older than the scoring window scores only with `koubei score --date`.
    ...(summary?.fileDays ? { firstDay: summary.fileDays.first, lastDay: summary.fileDays.last } : {}),
    ...(error ? { error: translate(locale, error) } : {}),
  };
}

async function encodingOf(handle: DbHandle, scope: OrgScope, importId: string): Promise<string | null> {
  try {
    return (await getImport(handle, scope, importId)).encoding;
  } catch {
    return null;
  }
}

/** The kind named on the command line, else from the file's name, else from its headers. */
async function kindFor(handle: DbHandle, scope: OrgScope, file: string, named: ImportKind | undefined): Promise<ImportKind | null> {
  if (named) return named;
  const fromName = kindFromFileName(file);
  if (fromName) return fromName;
  try {
    const preview = await previewImport(handle, scope, { kind: "orders", source: { path: file }, fileName: path.basename(file), sampleRows: 0, scanRows: 0 });
    return preview.kind;
  } catch (error) {
    const detected = error instanceof AppError ? error.details.params?.detected : undefined;
    return typeof detected === "string" && isImportKind(detected) ? detected : null;
  }
}

async function importFiles(files: string[], opts: ImportOptions): Promise<number> {
  if (!opts.org) throw new CliUsageError("--org is required");
  if (opts.shop && opts.creator) throw new CliUsageError("give either --shop or --creator, not both");
  if (!opts.shop && !opts.creator) throw new CliUsageError("--shop is required (the shop's id or external id), or --creator for a creator's own orders");
  if (files.length === 0) throw new CliUsageError("name at least one FILE");
  if (opts.kind && !isImportKind(opts.kind)) throw new CliUsageError(`--kind must be one of ${IMPORT_KINDS.join(", ")}; got ${opts.kind}`);
  const encoding = opts.encoding ?? "auto";
  if (!isEncodingChoice(encoding)) throw new CliUsageError(`--encoding must be one of ${ENCODING_CHOICES.join(", ")}`);
  // A creator account imports its own orders only: creator_orders whatever the file is called.
  const named = opts.kind && isImportKind(opts.kind) ? opts.kind : opts.creator ? "creator_orders" : undefined;
  const ownerKind = opts.creator ? "creator" : "shop";
  if (named && IMPORT_OWNER_OF_KIND[named] !== ownerKind) {
    throw new CliUsageError(opts.creator ? `--creator imports --kind creator_orders; got ${named}` : `--kind ${named} is imported with --creator, not --shop`);
  }
  let refused = 0;
  await withDatabase(async (handle) => {
    const { orgId } = await resolveOrgRef(handle, opts.org ?? "");
    const scope = systemScope(orgId);
    const owner = await withTenant(handle, scope, (tx) => findEntityByRef(tx, scope, ownerKind, (opts.creator ?? opts.shop) || ""));
    const ownerIds = ownerKind === "creator" ? { creatorId: owner.id } : { shopId: owner.id };
    for (const file of files) {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
        refused++;
        emit(fileLine(file, named ?? null, null, null, message("importer.bulk.fileNotFound", { file })));
        continue;
      }
      const kind = await kindFor(handle, scope, file, named);
      if (!kind) {
        refused++;
        emit(fileLine(file, null, null, null, message("importer.bulk.unknownKindCli", { file })));
        continue;
      }
      if (IMPORT_OWNER_OF_KIND[kind] !== ownerKind) {
        refused++;
        emit(fileLine(file, kind, null, null, message("importer.bulk.creatorFileIntoShop", { file })));
        continue;
      }
      try {
        const summary = await runImport(handle, scope, { ...ownerIds, kind, source: { path: path.resolve(file) }, fileName: path.basename(file), encoding });
        if (summary.status !== "succeeded") refused++;
        emit(fileLine(file, kind, await encodingOf(handle, scope, summary.importId), summary, summary.errorMessage));
      } catch (error) {
        refused++;
        emit(fileLine(file, kind, null, null, messageOfError(error)));
      }
    }
    await scheduleRescore(handle, { orgId }, { boss: null });
  });
  return refused;
}

async function importManifest(manifest: string, opts: ImportOptions): Promise<number> {
  if (!opts.org) throw new CliUsageError("--org is required");
  if (!fs.existsSync(manifest)) throw new CliUsageError(`${manifest}: file not found`);
  let refused = 0;
  await withDatabase(async (handle) => {
    const { orgId } = await resolveOrgRef(handle, opts.org ?? "");
    const scope = systemScope(orgId);
    const manifestPath = path.resolve(manifest);
    const result = await bulkImport(handle, scope, { source: { path: manifestPath }, fileName: path.basename(manifestPath), baseDir: path.dirname(manifestPath) });
    for (const item of result.items) {
      if (item.status !== "succeeded") refused++;
      emit({ ...manifestLine(item, item.summary ? await encodingOf(handle, scope, item.summary.importId) : null), bundleId: result.bundleId });
    }
    await scheduleRescore(handle, { orgId }, { boss: null });
  });
  return refused;
}

function manifestLine(item: BulkItem, encoding: string | null) {
  return { ...fileLine(item.file, item.kind, encoding, item.summary ?? null, item.error), shop: item.shop, shopId: item.shopId, ...(item.creatorId ? { creatorId: item.creatorId } : {}) };
}

async function undo(opts: ImportOptions): Promise<void> {
  if (!opts.org) throw new CliUsageError("--org is required");
  if (!opts.import) throw new CliUsageError("--import is required (the import id)");
  await withDatabase(async (handle) => {
    const { orgId } = await resolveOrgRef(handle, opts.org ?? "");
    const summary = await undoImport(handle, systemScope(orgId), { importId: opts.import ?? "" });
    await scheduleRescore(handle, { orgId }, { boss: null });
    emit(summary);
  });
}

export function registerImportCommands(program: Command) {
  program
    .command("import")
    .description(
      "import Douyin exports (CSV in GBK/UTF-8 or XLSX) inline, one JSON line per file:\n" +
        `  koubei import --org ORG --shop SHOP --kind ${SHOP_IMPORT_KINDS.join("|")} FILE...\n` +
        "  koubei import --org ORG --creator CREATOR --kind creator_orders FILE...   (the creator's 巨量百应 达人订单 export)\n" +
        "  koubei import --org ORG --manifest MANIFEST.csv   (columns shop, kind, file, optional creator; paths relative to the manifest)\n" +
        "  koubei import undo --org ORG --import ID",
    )
    .argument("[files...]", "export files, or `undo`")
    .option("--org <org>", "organisation id or exact name")
    .option("--shop <shop>", "the shop's id or external id (店铺ID)")
    .option("--creator <creator>", "the creator account's id, external id (达人ID) or name, for its own orders")
    .option("--kind <kind>", `${SHOP_IMPORT_KINDS.join(", ")}; creator_orders with --creator`)
    .option("--encoding <encoding>", "auto (default), utf-8, gbk, gb18030, utf-16le, utf-16be")
    .option("--manifest <file>", "a manifest CSV (shop, kind, file; a creator column for creators' own orders)")
    .option("--import <id>", "the import to undo")
    .action(async (files: string[], opts: ImportOptions) => {
      if (files[0] === "undo" && files.length === 1) return undo(opts);
      if (opts.manifest) {
        if (files.length > 0) throw new CliUsageError("give either --manifest or FILEs, not both");
        const refused = await importManifest(opts.manifest, opts);
        if (refused > 0) process.exitCode = 2;
        return;
      }
      const refused = await importFiles(files, opts);
      if (refused > 0) process.exitCode = 2;
    });
}
