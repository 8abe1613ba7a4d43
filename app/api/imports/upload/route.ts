import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { errorResponse, requestEnv, routeScope, type RouteEnv } from "@/server/api/route-scope";
import { importFileError } from "@/server/imports/errors";
import type { AppError } from "@/server/lib/errors";
import { resolveLimits, toMegabytes } from "@/server/imports/limits";
import { saveUpload, type StoredUpload } from "@/server/imports/uploads";
import { localeOfRequest, translateError } from "@/server/lib/i18n";
import { logger } from "@/server/lib/logger";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_FILES = 20;

const toNode = (stream: ReadableStream<Uint8Array>) => Readable.fromWeb(stream as unknown as WebReadableStream<Uint8Array>);

/**
 * Uploads export files for a later preview and import. Either the raw file as the body (name in
 * x-file-name, URI-encoded), which streams straight to disk, or multipart/form-data with one or
 * more `file` fields. Answers { uploads: [{ uploadId, fileName, sizeBytes }] }: the ids are what
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
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > maxBytes * (contentType.startsWith("multipart/") ? MAX_FILES : 1)) {
      throw importFileError("tooLarge", { size: toMegabytes(declared), limit: toMegabytes(maxBytes) });
    }
    const uploads: Pick<StoredUpload, "uploadId" | "fileName" | "sizeBytes">[] = [];
    const keep = (u: StoredUpload) => uploads.push({ uploadId: u.uploadId, fileName: u.fileName, sizeBytes: u.sizeBytes });

    if (contentType.startsWith("multipart/form-data")) {
      const form = await request.formData();
      const files = form.getAll("file").filter((f): f is File => typeof f !== "string");
      if (files.length === 0 || files.length > MAX_FILES) throw importFileError("emptyFile");
      for (const file of files) {
        if (file.size > maxBytes) throw importFileError("tooLarge", { size: toMegabytes(file.size), limit: toMegabytes(maxBytes) });
        keep(await saveUpload({ orgId: scope.orgId, userId: scope.userId, fileName: file.name, stream: toNode(file.stream()), maxBytes }));
      }
    } else {
      if (!request.body) throw importFileError("emptyFile");
      let fileName = "upload";
      try {
        fileName = decodeURIComponent(request.headers.get("x-file-name") ?? "upload");
      } catch {
        fileName = request.headers.get("x-file-name") ?? "upload";
      }
      keep(await saveUpload({ orgId: scope.orgId, userId: scope.userId, fileName, stream: toNode(request.body), maxBytes }));
    }
    logger.info({ orgId: scope.orgId, userId: scope.userId, files: uploads.length }, "import files uploaded");
    return Response.json({ uploads });
  } catch (error) {
    return errorResponse(error, describe);
  }
}
