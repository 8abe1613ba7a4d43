import { errorResponse, requestEnv, routeScope, type RouteEnv } from "@/server/api/route-scope";
import { getImportFor } from "@/server/imports/flow";
import { rowErrorsCsv } from "@/server/imports/queries";
import { localeOfRequest, translateError } from "@/server/lib/i18n";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The rejected rows of an import as CSV in the requester's language (UTF-8 with BOM, so Excel
 * shows the Chinese): row, column, reason, raw values. `env` is where the database and the
 * session come from; Next passes none, so the request's own.
 */
export async function GET(request: Request, context: { params: Promise<{ importId: string }> }, env: RouteEnv = requestEnv) {
  const locale = localeOfRequest(request);
  try {
    const { importId } = await context.params;
    const { runtime, scope } = await routeScope(request, "imports.read", env);
    const found = await getImportFor(runtime.handle, scope, importId);
    const csv = await rowErrorsCsv(runtime.handle, scope, { importId, locale });
    const base = found.fileName.replace(/\.[A-Za-z0-9]+$/, "");
    const name = `${base}-rejected.csv`;
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="rejected-${importId.slice(0, 8)}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, (e) => translateError(locale, e.messageKey, e.details.params));
  }
}
