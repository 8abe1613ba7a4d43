import { publicApiEnv, servePublicApi, type PublicApiEnv } from "@/server/api/public-api-handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The public REST API (OpenAPI document at /api/v1/openapi.json). Organisation API keys only:
 * a session cookie is never read here. `env` is where the database and the per-key rate come
 * from; Next passes none.
 */
async function handler(request: Request, _context?: unknown, env: PublicApiEnv = publicApiEnv) {
  return servePublicApi(request, env);
}

export { handler as GET, handler as POST };
