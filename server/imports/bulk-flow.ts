import path from "node:path";
import type { PgBoss } from "pg-boss";
import { and, eq, isNull } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { creators, shops } from "@/db/schema";
import { message, type Message } from "@/lib/contracts/message";
import { withTenant } from "@/server/db/tenant";
import { forbidden } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { scheduleRescore } from "@/server/scoring/rescore";
import { bulkImport, type BulkSummary } from "./bulk";
import { kindFromFileName } from "./kinds";
import type { ImportKind } from "@/lib/contracts/imports";
import { discardUpload, findUpload } from "./uploads";
import { listZipEntries } from "./zip-inspect";

/** Problems and refusals are messages, rendered in the reader's language. */
export type BulkPreviewItem = { file: string; sizeBytes: number; shop: string | null; shopId: string | null; kind: ImportKind | null; problem: Message | null };
export type BulkPreview = { uploadId: string; fileName: string; hasManifest: boolean; items: BulkPreviewItem[]; error: Message | null };

const MANIFEST = new Set(["manifest.csv", "清单.csv", "导入清单.csv"]);

/** A bulk upload touches any shop of the organisation, so members limited to some shops cannot use it. */
function assertWholeOrg(scope: OrgScope): void {
  if (scope.shopIds !== null) throw forbidden();
}

/**
 * What a ZIP bundle holds, without inflating it: each file with the shop (its folder) and kind
 * (its name) the bulk import will use. A manifest.csv inside decides both instead.
 */
export async function bulkPreviewUpload(handle: DbHandle, scope: OrgScope, input: { uploadId: string }): Promise<BulkPreview> {
  assertWholeOrg(scope);
  const upload = await findUpload(scope.orgId, input.uploadId);
  const base = { uploadId: upload.uploadId, fileName: upload.fileName };
  let entries;
  try {
    entries = await listZipEntries({ path: upload.path });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ...base, hasManifest: false, items: [], error: message("importer.bulk.notAZip", { file: upload.fileName, detail }) };
  }
  const shopRows = await withTenant(handle, scope, (tx) =>
    tx.select({ id: shops.id, externalId: shops.externalId, name: shops.name }).from(shops).where(and(eq(shops.orgId, scope.orgId), isNull(shops.archivedAt))),
  );
  const creatorRows = await withTenant(handle, scope, (tx) =>
    tx.select({ id: creators.id, externalId: creators.externalId, name: creators.name }).from(creators).where(and(eq(creators.orgId, scope.orgId), isNull(creators.archivedAt))),
  );
  const files = entries.filter((e) => !e.name.endsWith("/") && !e.name.startsWith("__MACOSX/") && !path.posix.basename(e.name).startsWith("."));
  const hasManifest = files.some((e) => MANIFEST.has(path.posix.basename(e.name).toLowerCase()));
  const items = files
    .filter((e) => !MANIFEST.has(path.posix.basename(e.name).toLowerCase()))
    .map((e): BulkPreviewItem => {
      const segments = e.name.replace(/\\/g, "/").split("/").filter(Boolean);
      const shopRef = segments.length > 1 ? (segments[segments.length - 2] ?? null) : null;
      const kind = kindFromFileName(e.name);
      // A creator's own orders (creator_orders.csv, 达人订单.csv) sit in a folder named after the creator account.
      const owners = kind === "creator_orders" ? creatorRows : shopRows;
      const shop = shopRef ? (owners.find((s) => s.externalId === shopRef) ?? owners.find((s) => s.name === shopRef) ?? null) : null;
      let problem: Message | null = null;
      if (e.encrypted) problem = message("importer.bulk.passwordProtected");
      else if (!hasManifest && !shop) problem = shopRef ? message("importer.bulk.noShopRef", { shop: shopRef }) : message("importer.bulk.noShopFolder");
      return { file: e.name, sizeBytes: e.uncompressedSize, shop: shop?.name ?? shopRef, shopId: kind === "creator_orders" ? null : (shop?.id ?? null), kind, problem };
    });
  return { ...base, hasManifest, items, error: null };
}

/** Runs the bundle now (each file its own undoable import, sharing one bundle id), then refreshes scores. */
export async function bulkConfirmUpload(handle: DbHandle, boss: PgBoss | null, scope: OrgScope, input: { uploadId: string }): Promise<BulkSummary> {
  assertWholeOrg(scope);
  const upload = await findUpload(scope.orgId, input.uploadId);
  if (!upload.fileName.toLowerCase().endsWith(".zip")) {
    return { bundleId: "", items: [{ file: upload.fileName, shop: null, shopId: null, kind: null, status: "failed", error: message("errors.import.uploadNotZip") }] };
  }
  const summary = await bulkImport(handle, scope, { source: { path: upload.path }, fileName: upload.fileName }).finally(() => discardUpload(upload.path));
  if (summary.items.some((i) => i.status === "succeeded")) await scheduleRescore(handle, { orgId: scope.orgId }, { boss });
  return summary;
}
