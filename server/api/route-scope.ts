import { currentSession } from "@/server/auth/config";
import type { Permission } from "@/lib/contracts/permissions";
import { AppError, type AppErrorCode } from "@/server/lib/errors";
import { refuseNul } from "@/server/lib/nul-bytes";
import { unexpectedError } from "@/server/lib/unexpected";
import type { OrgScope } from "@/server/lib/scope";
import { getRuntime, type Runtime } from "@/server/runtime";
import { resolveOrgScope, type Session } from "./org-scope";

/**
 * Where a route handler gets the database and the caller's session. Next serves requests with
 * `requestEnv` (Auth.js reads the cookies of the request in flight); a test passes its own
 * database and the session of the user it acts as, and the same guard runs on real rows.
 */
export type RouteEnv = {
  runtime: () => Promise<Runtime>;
  session: (request: Request) => Promise<Session>;
};

export const requestEnv: RouteEnv = { runtime: getRuntime, session: () => currentSession() };

/**
 * The caller of a route handler (uploads, downloads) as tRPC procedures see them: the tenancy
 * guard on the organisation named by the x-koubei-org header (or ?org= for plain links).
 */
export async function routeScope(request: Request, permission: Permission, env: RouteEnv): Promise<{ runtime: Runtime; scope: OrgScope }> {
  refuseNulInRequest(request);
  const session = await env.session(request);
  const runtime = await env.runtime();
  const orgId = request.headers.get("x-koubei-org") ?? new URL(request.url).searchParams.get("org");
  return { runtime, scope: await resolveOrgScope(runtime.handle, session, orgId, permission) };
}

const STATUS: Record<AppErrorCode, number> = { NOT_FOUND: 404, FORBIDDEN: 403, UNAUTHORIZED: 401, CONFLICT: 409, BAD_INPUT: 400, RATE_LIMITED: 429, GONE: 410, INTERNAL: 500 };

/** URI-encoded header values that route handlers decode (the raw upload's file name). */
const ENCODED_HEADERS = ["x-file-name"];

/** A URI-encoded header value as written, or as sent when it does not decode. */
export const decoded = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** The query and header values a route handler reads, refused as bad input when one carries a NUL (as tRPC inputs are). */
function refuseNulInRequest(request: Request): void {
  const url = new URL(request.url);
  refuseNul([decoded(url.pathname), ...url.searchParams.keys(), ...url.searchParams.values()]);
  refuseNul(ENCODED_HEADERS.map((name) => decoded(request.headers.get(name) ?? "")));
}

/**
 * An error as a JSON response ({ error: { code, messageKey, message } }). Anything but an
 * AppError is logged with a request id and answered with a generic 500 naming that id.
 */
export function errorResponse(error: unknown, describe: (error: AppError) => string): Response {
  const known = error instanceof AppError ? error : unexpectedError(error, { where: "route handler" });
  return Response.json({ error: { code: known.code, messageKey: known.messageKey, message: describe(known) } }, { status: STATUS[known.code] });
}
