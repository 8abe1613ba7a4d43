import { EXPORT_FORMATS, type ExportFormat } from "@/lib/contracts/insight";
import { errorResponse, requestEnv, routeScope, type RouteEnv } from "@/server/api/route-scope";
import { indicatorFactsExport } from "@/server/insight/service";
import { badInput } from "@/server/lib/errors";
import { localeOfRequest, translateError } from "@/server/lib/i18n";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The facts behind one indicator as a file: ?kind=shop|creator&id=…&indicator=…&day=…&format=csv|xlsx,
 * with the drill-down's filters and order (show, from, to, search, sort, direction). Order
 * numbers, products, days and reasons only. `env` is where the database and the session come
 * from; Next passes none, so the request's own.
 */
export async function GET(request: Request, _context: unknown, env: RouteEnv = requestEnv) {
  const locale = localeOfRequest(request);
  try {
    const { runtime, scope } = await routeScope(request, "scores.read", env);
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const format = params.format ?? "csv";
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw badInput("exportFormat", "format");
    const file = await indicatorFactsExport(runtime.handle, scope, params, format as ExportFormat, locale);
    return new Response(file.body as BodyInit, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, (e) => translateError(locale, e.messageKey, e.details.params));
  }
}
