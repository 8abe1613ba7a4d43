import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { decoded, errorResponse, requestEnv, routeScope, type RouteEnv } from "@/server/api/route-scope";
import { importFileError } from "@/server/imports/errors";
import type { AppError } from "@/server/lib/errors";
import { resolveLimits, toMegabytes } from "@/server/imports/limits";
import { saveMultipartUploads } from "@/server/imports/multipart-upload";
import { saveUpload, type StoredUpload } from "@/server/imports/uploads";
import { localeOfRequest, translateError } from "@/server/lib/i18n";
import { logger } from "@/server/lib/logger";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_FILES = 20;

const toNode = (stream: ReadableStream<Uint8Array>) => Readable.fromWeb(stream as unknown as WebReadableStream<Uint8Array>);


/**
 * Uploads export files for a later preview and import. Either the raw file as the body (name in
 * x-file-name, URI-encoded) or multipart/form-data with one or more `file` fields; both stream
 * to disk with a byte counter, so neither a missing nor a false Content-Length lets a body into
 * memory. Answers { uploads: [{ uploadId, fileName, sizeBytes }] }: the ids are what
 * imports.preview / imports.confirm take; the stored paths never leave the server.
 *
 * `env` is where the database and the session come from; Next passes none, so the request's own.
 */
export async function POST(request: Request, _context?: unknown, env: RouteEnv = requestEnv) {
  const locale = localeOfRequest(request);
  const describe = (error: AppError) => translateError(locale, error.messageKey, error.details.params);
  try {
    const { scope } = await routeScope(request, "imports.write", env);
    const maxBytes = resolveLimits().maxBytes;
    const contentType = request.headers.get("content-type") ?? "";
    const multipart = contentType.toLowerCase().startsWith("multipart/");
    // A declared size over the limit is refused before reading; a smaller or missing one is not trusted.
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > maxBytes * (multipart ? MAX_FILES : 1)) {
      throw importFileError("tooLarge", { size: toMegabytes(declared), limit: toMegabytes(maxBytes) });
    }
    if (!request.body) throw importFileError("emptyFile");
    const owner = { orgId: scope.orgId, userId: scope.userId };
    const saved = multipart
      ? await saveMultipartUploads({ ...owner, contentType, body: toNode(request.body), maxBytes, maxFiles: MAX_FILES })
      : [await saveUpload({ ...owner, fileName: decoded(request.headers.get("x-file-name") ?? "upload"), stream: toNode(request.body), maxBytes })];
    const uploads = saved.map((u: StoredUpload) => ({ uploadId: u.uploadId, fileName: u.fileName, sizeBytes: u.sizeBytes }));
    logger.info({ orgId: scope.orgId, userId: scope.userId, files: uploads.length }, "import files uploaded");
    return Response.json({ uploads });
  } catch (error) {
    return errorResponse(error, describe);
  }
}
