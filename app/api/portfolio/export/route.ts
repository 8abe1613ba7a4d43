import { EXPORT_FORMATS, type ExportFormat } from "@/lib/contracts/portfolio";
import { errorResponse, requestEnv, routeScope, type RouteEnv } from "@/server/api/route-scope";
import { localeOfRequest, translateError } from "@/server/lib/i18n";
import { exportPortfolio } from "@/server/portfolio/export-view";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The portfolio view the user is looking at (the page's own URL parameters: day, search, filters,
 * sort, columns), every page of it, as CSV (UTF-8 with BOM) or XLSX in the user's language.
 */
export async function GET(request: Request, _context: unknown = {}, env: RouteEnv = requestEnv) {
  const locale = localeOfRequest(request);
  try {
    const { runtime, scope } = await routeScope(request, "scores.read", env);
    const params = new URL(request.url).searchParams;
    const requested = params.get("format");
    const format: ExportFormat = (EXPORT_FORMATS as readonly string[]).includes(requested ?? "") ? (requested as ExportFormat) : "csv";
    const file = await exportPortfolio(runtime.handle, scope, params, { format, locale });
    return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="portfolio-${file.day}.${format}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, (e) => translateError(locale, e.messageKey, e.details.params));
  }
}
