import { errorResponse, decoded, requestEnv, routeScope, type RouteEnv } from "@/server/api/route-scope";
import { itemNotFound } from "@/server/checklists/access";
import { readCapped, saveEvidenceFile, tooLarge } from "@/server/checklists/evidence-files";
import { withTenant } from "@/server/db/tenant";
import { localeOfRequest, translateError } from "@/server/lib/i18n";
import { EVIDENCE_FILE_MAX_BYTES } from "@/lib/contracts/checklists";
import { uuidSchema } from "@/lib/contracts/common";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Uploads one evidence file for a checklist item: the raw file as the body, its name in
 * x-file-name (URI-encoded), its type in content-type. At most 10 MB, counted as it arrives.
 * Answers { file: { id, fileName, contentType, byteSize } }.
 */
export async function POST(request: Request, context: { params: Promise<{ itemId: string }> }, env: RouteEnv = requestEnv) {
  const locale = localeOfRequest(request);
  try {
    const { itemId } = await context.params;
    const { runtime, scope } = await routeScope(request, "checklists.read", env);
    if (!uuidSchema.safeParse(itemId).success) throw itemNotFound();
    if (Number(request.headers.get("content-length") ?? "0") > EVIDENCE_FILE_MAX_BYTES) throw tooLarge();
    const bytes = await readCapped(request.body);
    const fileName = decoded(request.headers.get("x-file-name") ?? "evidence");
    const contentType = (request.headers.get("content-type") ?? "application/octet-stream").split(";")[0]?.trim() ?? "application/octet-stream";
    const file = await withTenant(runtime.handle, { orgId: scope.orgId, userId: scope.userId }, (tx) => saveEvidenceFile(tx, scope, { itemId, fileName, contentType, bytes }));
    return Response.json({ file });
  } catch (error) {
    return errorResponse(error, (e) => translateError(locale, e.messageKey, e.details.params));
  }
}
