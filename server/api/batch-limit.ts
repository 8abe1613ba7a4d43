import type { Locale } from "@/lib/contracts/locales";
import { MAX_TRPC_BATCH } from "@/lib/contracts/transport";
import { translateError } from "@/server/lib/i18n";

/**
 * A batched tRPC request names its procedures comma-separated in the path (/api/trpc/a,b,c?batch=1).
 * Over the cap it is refused whole with 413 and a message in the caller's language, in the same
 * shape as tRPC's own errors, before any context (session, database) is built.
 */
export function batchTooLarge(request: Request, locale: Locale): Response | null {
  const url = new URL(request.url);
  if (url.searchParams.get("batch") !== "1") return null;
  const paths = url.pathname.replace(/^.*\/api\/trpc\/?/, "").split(/,|%2C/i);
  if (paths.length <= MAX_TRPC_BATCH) return null;
  const message = translateError(locale, "errors.batchTooLarge", { max: MAX_TRPC_BATCH });
  return Response.json(
    { error: { json: { message, code: -32600, data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, messageKey: "errors.batchTooLarge" } } } },
    { status: 413 },
  );
}
