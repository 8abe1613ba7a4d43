import { z } from "zod";
import { can } from "@/server/authz/permissions";
import type { Permission } from "@/lib/contracts/permissions";
import { currentSession } from "@/server/auth/config";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { grantedShopIds } from "@/server/members/service";
import { findMembership } from "@/server/orgs/service";
import { getRuntime, type Runtime } from "@/server/runtime";
import { findUserById } from "@/server/users/service";

/**
 * The caller of a route handler (uploads, downloads) as tRPC procedures see them: a current
 * session, and a membership with the permission in the organisation named by the x-koubei-org
 * header (or ?org= for plain links), both read from the database.
 */
export async function requestScope(request: Request, permission: Permission): Promise<{ runtime: Runtime; scope: OrgScope }> {
  const session = await currentSession();
  if (!session) throw new AppError("UNAUTHORIZED", "errors.signInRequired");
  const runtime = await getRuntime();
  const user = await findUserById(runtime.handle, session.userId);
  if (!user || user.sessionVersion !== session.sessionVersion) throw new AppError("UNAUTHORIZED", "errors.signInRequired");
  const orgId = request.headers.get("x-koubei-org") ?? new URL(request.url).searchParams.get("org");
  if (!orgId || !z.uuid().safeParse(orgId).success) throw new AppError("BAD_INPUT", "errors.noOrganisation");
  const scope = await withTenant(runtime.handle, { orgId, userId: user.id }, async (tx): Promise<OrgScope> => {
    const membership = await findMembership(tx, orgId, user.id);
    if (!membership) throw new AppError("FORBIDDEN", "errors.notAMember");
    if (!can(membership.role, permission)) throw new AppError("FORBIDDEN", "errors.forbidden");
    return { orgId, userId: user.id, role: membership.role, shopIds: await grantedShopIds(tx, orgId, user.id, membership.limitedToGrants) };
  });
  return { runtime, scope };
}

const STATUS: Record<string, number> = { NOT_FOUND: 404, FORBIDDEN: 403, UNAUTHORIZED: 401, CONFLICT: 409, BAD_INPUT: 400, RATE_LIMITED: 429, GONE: 410 };

/** An AppError as a JSON response ({ error: { code, messageKey, message } }); anything else is rethrown. */
export function errorResponse(error: unknown, describe: (error: AppError) => string): Response {
  if (!(error instanceof AppError)) throw error;
  return Response.json({ error: { code: error.code, messageKey: error.messageKey, message: describe(error) } }, { status: STATUS[error.code] ?? 400 });
}
