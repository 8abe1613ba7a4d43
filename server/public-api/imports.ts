import { Readable } from "node:stream";
import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { PUBLIC_IMPORT_MAX_BYTES, type PublicStartImportInput } from "@/lib/contracts/public-api";
import { importFileError } from "@/server/imports/errors";
import { confirmUpload } from "@/server/imports/flow";
import { resolveLimits, toMegabytes } from "@/server/imports/limits";
import { removeUploads, saveUpload } from "@/server/imports/uploads";
import { badInput } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";

/** Base64 only: the alphabet with optional padding (whitespace from line-wrapping encoders is dropped first). */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeContent(contentBase64: string): Buffer {
  const compact = contentBase64.replace(/\s+/g, "");
  if (!BASE64.test(compact) || compact.length % 4 === 1) throw badInput("publicApi.badBase64", "contentBase64");
  return Buffer.from(compact, "base64");
}

/**
 * An import started through the public API: the file arrives inline, is stored as an upload like
 * the app's, and goes through the same confirm step (one path into the facts: the import engine
 * and, once facts changed, scheduleRescore).
 */
export async function startImportFromApi(handle: DbHandle, boss: PgBoss | null, scope: OrgScope, input: PublicStartImportInput) {
  const maxBytes = Math.min(resolveLimits().maxBytes, PUBLIC_IMPORT_MAX_BYTES);
  const bytes = decodeContent(input.contentBase64);
  if (bytes.length > maxBytes) throw importFileError("tooLarge", { size: toMegabytes(bytes.length), limit: toMegabytes(maxBytes) });
  const upload = await saveUpload({ orgId: scope.orgId, userId: scope.userId, fileName: input.fileName, stream: Readable.from([bytes]), maxBytes });
  try {
    const result = await confirmUpload(handle, boss, scope, {
      uploadId: upload.uploadId,
      shopId: input.shopId,
      creatorId: input.creatorId,
      kind: input.kind,
      encoding: input.encoding,
    });
    return {
      importId: result.importId,
      queued: result.queued,
      status: result.summary?.status ?? ("queued" as const),
      rowsProcessed: result.summary?.rowsProcessed ?? null,
      rejected: result.summary?.rejected ?? null,
    };
  } catch (error) {
    // Refused before the engine took the file (an owner not found): nothing will read it again.
    await removeUploads(scope.orgId, [upload.uploadId]);
    throw error;
  }
}
