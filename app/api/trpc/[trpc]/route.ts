import { randomUUID } from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { requestEnv, type RouteEnv } from "@/server/api/route-scope";
import { batchTooLarge } from "@/server/api/batch-limit";
import { MAX_TRPC_BATCH } from "@/lib/contracts/transport";
import { clientAddress } from "@/server/auth/client-address";
import { isLocale } from "@/lib/contracts/locales";
import { logger } from "@/server/lib/logger";

/** `env` is where the database and the session come from; Next passes none, so the request's own. */
async function handler(request: Request, _context?: unknown, env: RouteEnv = requestEnv) {
  const locale = request.headers.get("x-koubei-locale");
  const refused = batchTooLarge(request, isLocale(locale) ? locale : "zh-CN");
  if (refused) return refused;
  const requestId = randomUUID();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    // Backstop for the check above (same number).
    maxBatchSize: MAX_TRPC_BATCH,
    async createContext() {
      return {
        runtime: await env.runtime(),
        session: await env.session(request),
        orgId: request.headers.get("x-koubei-org"),
        locale: isLocale(locale) ? locale : "zh-CN",
        ip: clientAddress(request.headers),
        requestId,
      };
    },
    onError({ error, path }) {
      // Procedures log their own unexpected errors (mapErrors); this catches the context and transport.
      if (error.code === "INTERNAL_SERVER_ERROR" && error.message !== "errors.unexpected") logger.error({ err: error, path, requestId }, "tRPC request failed");
    },
  });
}

export { handler as GET, handler as POST };
