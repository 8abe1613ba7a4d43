import { randomUUID } from "node:crypto";
import { createOpenApiFetchHandler, generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import type { Locale } from "@/lib/contracts/locales";
import { PUBLIC_API_BASE, PUBLIC_IMPORT_MAX_BYTES } from "@/lib/contracts/public-api";
import { API_KEY_RATE, type RateWindow } from "@/server/auth/throttle";
import { clientAddress } from "@/server/auth/client-address";
import { AppError } from "@/server/lib/errors";
import { localeOfRequest, translateError } from "@/server/lib/i18n";
import { logger } from "@/server/lib/logger";
import { getRuntime, type Runtime } from "@/server/runtime";
import { publicApiRouter } from "./routers/public-api";
import { errorResponse } from "./route-scope";

/** Where the public API gets its database and each key's rate; tests pass their own database and a small rate. */
export type PublicApiEnv = { runtime: () => Promise<Runtime>; rate: RateWindow };

export const publicApiEnv: PublicApiEnv = { runtime: getRuntime, rate: API_KEY_RATE };

/** Base64 grows a file by a third; the rest of the JSON is small. */
const MAX_BODY_BYTES = Math.ceil((PUBLIC_IMPORT_MAX_BYTES * 4) / 3) + 64 * 1024;

/** The key from `Authorization: Bearer kb_live_…` (or `X-Api-Key`); never a cookie. */
function presentedKey(request: Request): string {
  const authorization = request.headers.get("authorization") ?? "";
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  return bearer?.[1] ?? request.headers.get("x-api-key")?.trim() ?? "";
}

/** The request with its body read under a byte limit (the adapter would read any size into memory). */
async function boundedRequest(request: Request): Promise<Request> {
  if (!request.body || request.method === "GET" || request.method === "HEAD") return request;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("BAD_INPUT", "errors.publicApi.bodyTooLarge", { params: { limit: PUBLIC_IMPORT_MAX_BYTES / 1024 / 1024 } });
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new AppError("BAD_INPUT", "errors.publicApi.bodyTooLarge", { params: { limit: PUBLIC_IMPORT_MAX_BYTES / 1024 / 1024 } });
    }
    chunks.push(value);
  }
  return new Request(request.url, { method: request.method, headers: request.headers, body: Buffer.concat(chunks) });
}

/**
 * Serves the public REST API from the tRPC procedures that carry OpenAPI metadata. The context
 * holds the presented key and no session, so cookies count for nothing here; every procedure
 * takes its tenant from the key through the one guard (org-scope.ts).
 */
export async function servePublicApi(request: Request, env: PublicApiEnv): Promise<Response> {
  const locale: Locale = localeOfRequest(request);
  const requestId = randomUUID();
  let req: Request;
  try {
    req = await boundedRequest(request);
  } catch (error) {
    return errorResponse(error, (e) => translateError(locale, e.messageKey, e.details.params));
  }
  const runtime = await env.runtime();
  return createOpenApiFetchHandler({
    endpoint: PUBLIC_API_BASE,
    req,
    router: publicApiRouter,
    createContext: () => ({
      runtime,
      session: null,
      apiKey: { apiKey: presentedKey(request), rate: env.rate },
      orgId: request.headers.get("x-koubei-org"),
      locale,
      ip: clientAddress(request.headers),
      requestId,
    }),
    responseMeta: ({ errors }) => {
      const headers: Record<string, string> = { "cache-control": "no-store", "x-request-id": requestId };
      const cause = errors[0]?.cause;
      if (cause instanceof AppError && cause.code === "RATE_LIMITED") headers["retry-after"] = String(cause.details.params?.seconds ?? 60);
      return { headers };
    },
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR" && error.message !== "errors.unexpected") logger.error({ err: error, path, requestId }, "public API request failed");
    },
  });
}

let document: OpenAPIObject | null = null;

/** The OpenAPI 3.1 document of the public API (generated once from the procedures' metadata and schemas). */
export function publicApiDocument(origin: string): OpenAPIObject {
  document ??= generateOpenApiDocument(publicApiRouter, {
    title: "Koubei public API",
    version: "1.0.0",
    description:
      "口碑开放接口：读取组织的店铺与达人账号的评分、历史和提醒，并导入文件。 · Read scores, history and alerts of an organisation's shops and creator accounts, and import exports. " +
      "认证：组织 API 密钥 · Authenticate with an organisation API key: `Authorization: Bearer kb_live_…`. Read keys may call GET endpoints; write keys also POST /imports.",
    baseUrl: PUBLIC_API_BASE,
    securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "组织 API 密钥（在组织设置中创建） · An organisation API key (kb_live_…), created in the organisation's settings" } },
    tags: ["shops", "creators", "imports", "alerts"],
  });
  return { ...document, servers: [{ url: `${origin}${PUBLIC_API_BASE}` }] };
}
