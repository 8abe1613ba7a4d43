import { AUDIT_EXPORT_FORMATS, auditFilterSchema, type AuditExportFormat } from "@/lib/contracts/audit";
import { errorResponse, requestEnv, routeScope, type RouteEnv } from "@/server/api/route-scope";
import { exportAuditLog } from "@/server/audit-log/export";
import { badInput } from "@/server/lib/errors";
import { localeOfRequest, translateError } from "@/server/lib/i18n";
import { todayInShanghai } from "@/server/lib/time";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The audit log as the viewer's filters select it (?action=&actor=&from=&to=&format=csv|xlsx), for owners and administrators. */
export async function GET(request: Request, _context: unknown = {}, env: RouteEnv = requestEnv) {
  const locale = localeOfRequest(request);
  try {
    const { runtime, scope } = await routeScope(request, "audit.read", env);
    const params = new URL(request.url).searchParams;
    const filter = auditFilterSchema.safeParse({
      action: params.get("action") || undefined,
      actorUserId: params.get("actor") || undefined,
      from: params.get("from") || undefined,
      to: params.get("to") || undefined,
    });
    if (!filter.success) throw badInput("invalidInput");
    const requested = params.get("format");
    const format: AuditExportFormat = (AUDIT_EXPORT_FORMATS as readonly string[]).includes(requested ?? "") ? (requested as AuditExportFormat) : "csv";
    const file = await exportAuditLog(runtime.handle, scope, filter.data, { format, locale });
    const fileName = `audit-${todayInShanghai()}.${format}`;
    return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
      headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error, (e) => translateError(locale, e.messageKey, e.details.params));
  }
}
