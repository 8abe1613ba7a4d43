import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { and, eq, isNull } from "drizzle-orm";
import Papa from "papaparse";
import type { DbHandle } from "@/db/client";
import { creators, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/lib/errors";
import { logger } from "@/server/lib/logger";
import { decodeAll } from "./encoding";
import { message, type Message } from "@/lib/contracts/message";
import { importFileError, messageOfError } from "./errors";
import { normaliseHeader } from "./headers";
import { KIND_NAMES_ZH, kindFromFileName } from "./kinds";
import { isImportKind, type ImportKind } from "@/lib/contracts/imports";
import { resolveLimits, toMegabytes, type ImportLimits } from "./limits";
import { openImportFile } from "./parse-file";
import { requireOrg, type ImportContext } from "./context";
import { runImport, type ImportSummary } from "./service";
import { readHead, type ImportSource } from "./source";
import { declaredInflation, openGuardedZip, ZipSizeMismatchError, ZipTooLargeError, type GuardedZip } from "./zip-inspect";

export type BulkItem = {
  /** The file as named in the manifest or the ZIP. */
  file: string;
  /** The shop (or, for creator_orders, the creator account) as the manifest or the ZIP's folder names it. */
  shop: string | null;
  shopId: string | null;
  /** Set instead of shopId when the file is a creator account's own orders. */
  creatorId?: string | null;
  kind: ImportKind | null;
  status: "succeeded" | "failed";
  summary?: ImportSummary;
  /** Why the item failed, shown in the reader's language. */
  error?: Message;
};

export type BulkSummary = { bundleId: string; items: BulkItem[] };

export type BulkImportInput = {
  /** A manifest CSV (shop, kind, file) or a ZIP of exports (with or without a manifest.csv). */
  source: ImportSource;
  fileName: string;
  /** Where a manifest's relative file paths live (defaults to the manifest's folder). */
  baseDir?: string;
  limits?: Partial<ImportLimits>;
};

type PlannedItem = { file: string; path: string | null; shop: string | null; kind: ImportKind | null; creator?: string | null; error?: Message };

const MANIFEST_NAMES = new Set(["manifest.csv", "清单.csv", "导入清单.csv"]);
const COLUMN_ALIASES: Record<"shop" | "kind" | "file" | "creator", string[]> = {
  shop: ["shop", "店铺", "店铺id", "shopid", "shopkey", "externalid"],
  creator: ["creator", "达人", "达人账号", "达人id", "creatorid"],
  kind: ["kind", "类型", "数据类型", "type"],
  file: ["file", "文件", "文件名", "path", "filename"],
};

const KIND_ALIASES: Record<string, ImportKind> = {
  达人订单: "creator_orders",
  带货订单: "creator_orders",
  订单: "orders",
  评价: "reviews",
  售后: "after_sales",
  投诉: "complaints",
  纠纷: "complaints",
  投诉与纠纷: "complaints",
  客服会话: "chats",
  会话: "chats",
  // The current rules' kinds, by every name the platform gives their exports (飞鸽会话明细 …).
  ...Object.fromEntries(
    (["chat_turns", "waybills", "help_requests", "penalties", "shop_services"] as const).flatMap((kind) => KIND_NAMES_ZH[kind].map((name) => [name, kind])),
  ),
};

function parseManifest(bytes: Uint8Array): { shop: string; kind: string; file: string; creator: string }[] {
  const { text } = decodeAll(bytes);
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const broken = parsed.errors.find((e) => e.type === "Quotes");
  if (broken) throw importFileError("manifest", { detail: message("importer.details.manifestRow", { row: (broken.row ?? 0) + 1, detail: broken.message }) });
  const records = parsed.data;
  const [header, ...rows] = records;
  if (!header) throw importFileError("manifest", { detail: message("importer.details.manifestEmpty") });
  const index = (name: "shop" | "kind" | "file" | "creator") => header.findIndex((h) => COLUMN_ALIASES[name].includes(normaliseHeader(h)));
  const shop = index("shop");
  const kind = index("kind");
  const file = index("file");
  const creator = index("creator");
  if ((shop < 0 && creator < 0) || file < 0) throw importFileError("manifest", { detail: message("importer.details.manifestColumns") });
  const cell = (r: string[], i: number) => (i >= 0 ? (r[i] ?? "").trim() : "");
  return rows.map((r) => ({ shop: cell(r, shop), kind: cell(r, kind), file: cell(r, file), creator: cell(r, creator) }));
}

function kindOf(text: string, file: string): ImportKind | null {
  const t = text.trim().toLowerCase().replace(/[\s-]+/g, "_");
  if (isImportKind(t)) return t;
  if (KIND_ALIASES[text.trim()]) return KIND_ALIASES[text.trim()] ?? null;
  if (t === "aftersales") return "after_sales";
  return t ? null : kindFromFileName(file);
}

/** Guesses the kind of a file from its headers when neither manifest nor name says. */
async function kindFromHeaders(filePath: string): Promise<ImportKind | null> {
  try {
    const file = await openImportFile({ path: filePath }, { kind: "orders", fileName: filePath });
    await file.records.return(undefined);
    return "orders";
  } catch (error) {
    const detected = error instanceof AppError && error.messageKey === "errors.import.wrongKind" ? error.details.params?.detected : null;
    return typeof detected === "string" && isImportKind(detected) ? detected : null;
  }
}

/** Why one entry could not be written out, as the item's message. */
function entryProblem(entry: string, error: unknown): Message {
  const tooBig = error instanceof ZipTooLargeError || error instanceof ZipSizeMismatchError;
  const detail = tooBig ? message("importer.details.inflatesPastLimit") : error instanceof Error ? error.message : String(error);
  return messageOfError(importFileError("damagedZip", { file: entry, detail }));
}

/**
 * Writes the bundle's files out through the same inflation guard as a workbook: the directory's
 * sizes first (a truthful bomb is refused whole), then every byte as it inflates (a lying entry
 * stops at its declared size, an absurd ratio or the bundle's budget).
 */
async function extractZip(source: ImportSource, fileName: string, dir: string, limits: ImportLimits): Promise<{ items: PlannedItem[]; manifest: string | null }> {
  let zip: GuardedZip;
  try {
    zip = await openGuardedZip(source, { maxTotalBytes: limits.maxXlsxUncompressedBytes, maxRatio: limits.maxXlsxCompressionRatio });
  } catch (error) {
    throw importFileError("damagedZip", { file: fileName, detail: error instanceof Error ? error.message : String(error) });
  }
  try {
    const files = zip.entries.filter((e) => !e.name.endsWith("/") && !e.name.startsWith("__MACOSX/") && !path.basename(e.name).startsWith("."));
    if (files.length > 0 && files.every((e) => e.encrypted)) throw importFileError("passwordZip", { file: fileName });
    const declared = declaredInflation(files);
    if (declared.totalBytes > limits.maxXlsxUncompressedBytes || declared.worstRatio > limits.maxXlsxCompressionRatio) {
      throw importFileError("zipBombBundle", { file: fileName, size: toMegabytes(declared.totalBytes) });
    }
    const items: PlannedItem[] = [];
    let manifest: string | null = null;
    for (const entry of files) {
      const safeName = entry.name.replace(/\\/g, "/").split("/").filter((p) => p && p !== "." && p !== "..").join("/");
      const item: PlannedItem = { file: entry.name, path: null, shop: null, kind: null };
      if (entry.encrypted) {
        items.push({ ...item, error: messageOfError(importFileError("passwordZip", { file: entry.name })) });
        continue;
      }
      if (entry.uncompressedSize > limits.maxBytes) {
        items.push({ ...item, error: message("importer.bulk.fileProblem", { file: entry.name, problem: messageOfError(importFileError("tooLarge", { size: toMegabytes(entry.uncompressedSize), limit: toMegabytes(limits.maxBytes) })) }) });
        continue;
      }
      const target = path.join(dir, safeName);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      try {
        // The entry's declared size is within maxBytes (checked above) and the guard stops it at that size.
        const stream = await zip.open(entry.name);
        if (!stream) continue;
        await pipeline(stream, fs.createWriteStream(target));
      } catch (error) {
        fs.rmSync(target, { force: true });
        items.push({ ...item, error: entryProblem(entry.name, error) });
        continue;
      }
      if (MANIFEST_NAMES.has(path.basename(safeName).toLowerCase())) {
        manifest = target;
        continue;
      }
      const segments = safeName.split("/");
      items.push({ ...item, path: target, shop: segments.length > 1 ? (segments[segments.length - 2] ?? null) : null, kind: kindFromFileName(safeName) });
    }
    return { items, manifest };
  } finally {
    zip.close();
  }
}

/**
 * Imports many files at once: a manifest CSV (shop external id or name, kind, file) or a ZIP of
 * exports (a manifest.csv inside, or `<shop>/<kind>.csv` paths). Each file is its own import,
 * its own transaction and its own undoable batch, all sharing one bundle id; a damaged or
 * password-protected ZIP, an unknown shop or a bad file fails only its own item, with a plain reason.
 */
export async function bulkImport(handle: DbHandle, ctx: ImportContext, input: BulkImportInput): Promise<BulkSummary> {
  const orgId = requireOrg(ctx);
  const limits = resolveLimits(input.limits);
  const bundleId = randomUUID();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-bulk-"));
  const items: BulkItem[] = [];
  try {
    const head = await readHead(input.source, 4);
    const isZip = head[0] === 0x50 && head[1] === 0x4b;
    let planned: PlannedItem[];
    if (isZip || input.fileName.toLowerCase().endsWith(".zip")) {
      let extracted: { items: PlannedItem[]; manifest: string | null };
      try {
        extracted = await extractZip(input.source, input.fileName, work, limits);
      } catch (error) {
        return { bundleId, items: [{ file: input.fileName, shop: null, shopId: null, kind: null, status: "failed", error: messageOfError(error) }] };
      }
      planned = extracted.items;
      if (extracted.manifest) {
        const fromManifest = parseManifest(fs.readFileSync(/*turbopackIgnore: true*/ extracted.manifest));
        const byName = new Map(planned.map((p) => [p.file.replace(/\\/g, "/"), p]));
        planned = fromManifest.map((m) => {
          const found = byName.get(m.file.replace(/\\/g, "/").replace(/^\.\//, ""));
          return {
            file: m.file,
            path: found?.path ?? null,
            shop: m.shop,
            creator: m.creator,
            kind: kindOf(m.kind, m.file),
            error: found ? found.error : message("importer.bulk.notInZip", { file: m.file }),
          };
        });
      }
    } else {
      const bytes = "bytes" in input.source ? input.source.bytes : new Uint8Array(fs.readFileSync(input.source.path));
      const baseDir = input.baseDir ?? ("path" in input.source ? path.dirname(input.source.path) : process.cwd());
      planned = parseManifest(bytes).map((m) => {
        const resolved = path.resolve(baseDir, m.file);
        const inside = resolved.startsWith(path.resolve(baseDir) + path.sep);
        const exists = inside && fs.existsSync(resolved);
        return { file: m.file, path: exists ? resolved : null, shop: m.shop, creator: m.creator, kind: kindOf(m.kind, m.file), error: exists ? undefined : message("importer.bulk.fileNotFound", { file: m.file }) };
      });
    }

    const shopRows = await withTenant(handle, ctx, (tx) =>
      tx.select({ id: shops.id, externalId: shops.externalId, name: shops.name }).from(shops).where(and(eq(shops.orgId, orgId), isNull(shops.archivedAt))),
    );
    const findShop = (ref: string | null) => (ref ? (shopRows.find((s) => s.externalId === ref) ?? shopRows.find((s) => s.name === ref) ?? null) : null);
    const creatorRows = await withTenant(handle, ctx, (tx) =>
      tx.select({ id: creators.id, externalId: creators.externalId, name: creators.name }).from(creators).where(and(eq(creators.orgId, orgId), isNull(creators.archivedAt))),
    );
    const findCreator = (ref: string | null) => (ref ? (creatorRows.find((c) => c.externalId === ref) ?? creatorRows.find((c) => c.name === ref) ?? null) : null);

    for (const plan of planned) {
      const base = { file: plan.file, shop: plan.shop, shopId: null, kind: plan.kind };
      if (plan.error || !plan.path) {
        items.push({ ...base, status: "failed", error: plan.error ?? message("importer.bulk.fileNotFound", { file: plan.file }) });
        continue;
      }
      // A creator account's own orders: the manifest's creator column (or, for kind creator_orders, its shop column) names the creator.
      if (plan.creator || plan.kind === "creator_orders") {
        const ref = plan.creator || plan.shop;
        const creator = findCreator(ref);
        const item = { ...base, shop: ref, kind: "creator_orders" as const };
        if (!creator) {
          items.push({ ...item, status: "failed", error: message("importer.bulk.noCreator", { file: plan.file, creator: ref ?? "" }) });
          continue;
        }
        try {
          const summary = await runImport(handle, ctx, { creatorId: creator.id, kind: "creator_orders", source: { path: plan.path }, fileName: path.basename(plan.file), limits: input.limits, bundleId });
          items.push({ ...item, creatorId: creator.id, status: summary.status, summary, error: summary.errorMessage ? message("importer.bulk.fileProblem", { file: plan.file, problem: summary.errorMessage }) : undefined });
        } catch (error) {
          logger.error({ err: error, orgId, file: plan.file }, "bulk import item failed");
          items.push({ ...item, creatorId: creator.id, status: "failed", error: message("importer.bulk.fileProblem", { file: plan.file, problem: messageOfError(error) }) });
        }
        continue;
      }
      const shop = findShop(plan.shop);
      if (!shop) {
        items.push({ ...base, status: "failed", error: plan.shop ? message("importer.bulk.noShop", { file: plan.file, shop: plan.shop }) : message("importer.bulk.whichShop", { file: plan.file }) });
        continue;
      }
      const kind = plan.kind ?? (await kindFromHeaders(plan.path));
      if (!kind) {
        items.push({ ...base, shopId: shop.id, status: "failed", error: message("importer.bulk.unknownKind", { file: plan.file }) });
        continue;
      }
      try {
        const summary = await runImport(handle, ctx, { shopId: shop.id, kind, source: { path: plan.path }, fileName: path.basename(plan.file), limits: input.limits, bundleId });
        items.push({ ...base, shopId: shop.id, kind, status: summary.status, summary, error: summary.errorMessage ? message("importer.bulk.fileProblem", { file: plan.file, problem: summary.errorMessage }) : undefined });
      } catch (error) {
        logger.error({ err: error, orgId, file: plan.file }, "bulk import item failed");
        items.push({ ...base, shopId: shop.id, kind, status: "failed", error: message("importer.bulk.fileProblem", { file: plan.file, problem: messageOfError(error) }) });
      }
    }
    return { bundleId, items };
  } catch (error) {
    return { bundleId, items: [...items, { file: input.fileName, shop: null, shopId: null, kind: null, status: "failed", error: messageOfError(error) }] };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
