import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { checklistEvidenceFiles, checklistItems, checklists } from "@/db/schema";
import { EVIDENCE_FILE_MAX_BYTES } from "@/lib/contracts/checklists";
import { audit } from "@/server/lib/audit";
import { AppError, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { assertCanUpdateItem, assertOpen, loadItem, visibleChecklists } from "./access";

/** Types a browser may show inline safely are still sent as attachments; anything else is plain bytes. */
const KNOWN_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain", "text/csv"]);

export const tooLarge = () => new AppError("BAD_INPUT", "errors.evidenceFileTooLarge", { params: { limit: EVIDENCE_FILE_MAX_BYTES / 1024 / 1024 } });

/** A file name as a header may carry it: no path, no control characters or quotes, at most 120 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(-120);
  return cleaned || "evidence";
}

/** Reads a request body up to the cap, refusing it as soon as it passes (whatever Content-Length claimed). */
export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes = EVIDENCE_FILE_MAX_BYTES): Promise<Uint8Array> {
  if (!body) throw new AppError("BAD_INPUT", "errors.evidenceFileEmpty");
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (size === 0) throw new AppError("BAD_INPUT", "errors.evidenceFileEmpty");
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

export async function saveEvidenceFile(tx: Tx, scope: OrgScope, input: { itemId: string; fileName: string; contentType: string; bytes: Uint8Array }) {
  const { item, checklist } = await loadItem(tx, scope, input.itemId);
  assertCanUpdateItem(scope, item);
  assertOpen(checklist);
  if (input.bytes.byteLength > EVIDENCE_FILE_MAX_BYTES) throw tooLarge();
  const contentType = KNOWN_TYPES.has(input.contentType.toLowerCase()) ? input.contentType.toLowerCase() : "application/octet-stream";
  const [row] = await tx
    .insert(checklistEvidenceFiles)
    .values({ orgId: scope.orgId, itemId: item.id, fileName: safeFileName(input.fileName), contentType, byteSize: input.bytes.byteLength, content: input.bytes, uploadedBy: scope.userId })
    .returning({ id: checklistEvidenceFiles.id, fileName: checklistEvidenceFiles.fileName, contentType: checklistEvidenceFiles.contentType, byteSize: checklistEvidenceFiles.byteSize, createdAt: checklistEvidenceFiles.createdAt });
  if (!row) throw new Error("insert returned no row");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "checklist.item.evidenceFile", target: item.id, data: { fileId: row.id, fileName: row.fileName, byteSize: row.byteSize } });
  return row;
}

/** A file of an item the caller may see; another organisation's, or a hidden shop's, is not found. */
export async function readEvidenceFile(tx: Tx, scope: OrgScope, fileId: string) {
  const [row] = await tx
    .select({ fileName: checklistEvidenceFiles.fileName, contentType: checklistEvidenceFiles.contentType, content: checklistEvidenceFiles.content })
    .from(checklistEvidenceFiles)
    .innerJoin(checklistItems, and(eq(checklistItems.orgId, checklistEvidenceFiles.orgId), eq(checklistItems.id, checklistEvidenceFiles.itemId)))
    .innerJoin(checklists, and(eq(checklists.orgId, checklistItems.orgId), eq(checklists.id, checklistItems.checklistId)))
    .where(and(visibleChecklists(scope), eq(checklistEvidenceFiles.orgId, scope.orgId), eq(checklistEvidenceFiles.id, fileId)));
  if (!row) throw notFound("evidenceFileNotFound");
  return row;
}

/** An attachment, never inline; the name travels ASCII-only in filename= and in full as RFC 5987 filename*=. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/[\\"]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
