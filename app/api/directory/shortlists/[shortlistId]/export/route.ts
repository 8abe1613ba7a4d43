import { errorResponse, requestEnv, routeScope, type RouteEnv } from "@/server/api/route-scope";
import { withTenant } from "@/server/db/tenant";
import { shortlistWorkbook } from "@/server/directory/export";
import { notFound } from "@/server/lib/errors";
import { localeOfRequest, translateError } from "@/server/lib/i18n";
import { uuidSchema } from "@/lib/contracts/common";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** A shortlist as an XLSX download in the requester's language (published card values, notes, statuses). */
export async function GET(request: Request, context: { params: Promise<{ shortlistId: string }> }, env: RouteEnv = requestEnv) {
  const locale = localeOfRequest(request);
  try {
    const { shortlistId } = await context.params;
    const { runtime, scope } = await routeScope(request, "directory.read", env);
    if (!uuidSchema.safeParse(shortlistId).success) throw notFound("shortlistNotFound");
    const { name, bytes } = await withTenant(runtime.handle, { orgId: scope.orgId, userId: scope.userId }, (tx) => shortlistWorkbook(tx, scope, shortlistId, locale));
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="shortlist-${shortlistId.slice(0, 8)}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, (e) => translateError(locale, e.messageKey, e.details.params));
  }
}
