import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { clientAddress } from "@/server/auth/client-address";
import { currentSession } from "@/server/auth/config";
import { isLocale } from "@/lib/contracts/locales";
import { logger } from "@/server/lib/logger";
import { getRuntime } from "@/server/runtime";

async function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    async createContext() {
      const locale = request.headers.get("x-koubei-locale");
      return {
        runtime: await getRuntime(),
        session: await currentSession(),
        orgId: request.headers.get("x-koubei-org"),
        locale: isLocale(locale) ? locale : "zh-CN",
        ip: clientAddress(request.headers),
      };
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error, path }, "tRPC procedure failed");
    },
  });
}

export { handler as GET, handler as POST };
