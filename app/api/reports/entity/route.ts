import { entityReportQuery } from "@/lib/contracts/reports";
import { errorResponse, requestEnv, routeScope, type RouteEnv } from "@/server/api/route-scope";
import { cookieForPlainHttp } from "@/server/auth/internal-hop";
import { badInput } from "@/server/lib/errors";
import { localeOfRequest, translateError } from "@/server/lib/i18n";
import { entityHistoryExport } from "@/server/reports/entity-export";
import { entityReportPdf, internalOrigin } from "@/server/reports/pdf-report";
import { downloadHeaders } from "../download-headers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * One shop's or creator account's report: ?kind=shop|creator&id=…&format=pdf|xlsx|csv. The PDF is
 * the app's report page printed by headless Chromium as the requester (their cookie goes with it);
 * XLSX and CSV are the entity's stored score history, a line per day.
 */
export async function GET(request: Request, _context: unknown = {}, env: RouteEnv = requestEnv) {
  const locale = localeOfRequest(request);
  try {
    const { runtime, scope } = await routeScope(request, "scores.read", env);
    const parsed = entityReportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw badInput(issue?.message.startsWith("errors.") ? issue.message.slice("errors.".length) : "reportFormat", issue?.path.join("."));
    }
    const { kind, id, format } = parsed.data;
    const file =
      format === "pdf"
        ? await entityReportPdf(runtime.handle, scope, { kind, id }, await forwardedHeaders(request), locale)
        : await entityHistoryExport(runtime.handle, scope, { kind, id }, format, locale);
    return new Response(file.body as BodyInit, { headers: downloadHeaders(file) });
  } catch (error) {
    return errorResponse(error, (e) => translateError(locale, e.messageKey, e.details.params));
  }
}

/** What the renderer's browser sends with the report page: the requester's session and language. */
async function forwardedHeaders(request: Request): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  const cookie = request.headers.get("cookie");
  if (cookie) headers.cookie = internalOrigin().startsWith("http:") ? await cookieForPlainHttp(cookie) : cookie;
  const language = request.headers.get("accept-language");
  if (language) headers["accept-language"] = language;
  return headers;
}
