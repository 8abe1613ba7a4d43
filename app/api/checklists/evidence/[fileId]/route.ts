import { errorResponse, requestEnv, routeScope, type RouteEnv } from "@/server/api/route-scope";
import { contentDisposition, readEvidenceFile } from "@/server/checklists/evidence-files";
import { withTenant } from "@/server/db/tenant";
import { notFound } from "@/server/lib/errors";
import { localeOfRequest, translateError } from "@/server/lib/i18n";
import { uuidSchema } from "@/lib/contracts/common";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** An evidence file as an attachment (never rendered inline, never sniffed), to members who may see its checklist. */
export async function GET(request: Request, context: { params: Promise<{ fileId: string }> }, env: RouteEnv = requestEnv) {
  const locale = localeOfRequest(request);
  try {
    const { fileId } = await context.params;
    const { runtime, scope } = await routeScope(request, "checklists.read", env);
    if (!uuidSchema.safeParse(fileId).success) throw notFound("evidenceFileNotFound");
    const file = await withTenant(runtime.handle, { orgId: scope.orgId, userId: scope.userId }, (tx) => readEvidenceFile(tx, scope, fileId));
    return new Response(new Uint8Array(file.content), {
      headers: {
        "content-type": file.contentType,
        "content-disposition": contentDisposition(file.fileName),
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, (e) => translateError(locale, e.messageKey, e.details.params));
  }
}
