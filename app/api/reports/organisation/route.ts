import { orgReportQuery } from "@/lib/contracts/reports";
import { errorResponse, requestEnv, routeScope, type RouteEnv } from "@/server/api/route-scope";
import { badInput } from "@/server/lib/errors";
import { localeOfRequest, translateError } from "@/server/lib/i18n";
import { organisationScoresExport } from "@/server/reports/org-export";
import { downloadHeaders } from "../download-headers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Every shop and creator account the member may see with its latest score, dimensions and
 * indicators (value and peer percentile): ?format=xlsx|csv.
 */
export async function GET(request: Request, _context: unknown = {}, env: RouteEnv = requestEnv) {
  const locale = localeOfRequest(request);
  try {
    const { runtime, scope } = await routeScope(request, "scores.read", env);
    const parsed = orgReportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw badInput("exportFormat", "format");
    const file = await organisationScoresExport(runtime.handle, scope, parsed.data.format, locale);
    return new Response(file.body as BodyInit, { headers: downloadHeaders(file) });
  } catch (error) {
    return errorResponse(error, (e) => translateError(locale, e.messageKey, e.details.params));
  }
}
