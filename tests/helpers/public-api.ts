import { GET as v1Get, POST as v1Post } from "@/app/api/v1/[...path]/route";
import type { DbHandle } from "@/db/client";
import type { PublicApiEnv } from "@/server/api/public-api-handler";
import type { RateWindow } from "@/server/auth/throttle";

export const V1 = "http://koubei.test/api/v1";

/** The public API's route handler on a test database, with a per-key rate of the test's choosing. */
export const publicApiEnvFor = (handle: DbHandle, rate: RateWindow = { limit: 1000, windowSeconds: 60 }): PublicApiEnv => ({
  runtime: async () => ({ handle, boss: null }),
  rate,
});

export type ApiCall = { path: string; key?: string | null; method?: "GET" | "POST"; body?: unknown; headers?: Record<string, string> };

/** One request to /api/v1 as an agency's script sends it: the key as a bearer token. */
export async function callPublicApi(env: PublicApiEnv, call: ApiCall): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = { ...(call.headers ?? {}) };
  if (call.key) headers.authorization = `Bearer ${call.key}`;
  const method = call.method ?? "GET";
  if (method === "POST") headers["content-type"] = "application/json";
  const request = new Request(`${V1}${call.path}`, { method, headers, body: method === "POST" ? JSON.stringify(call.body ?? {}) : undefined });
  const response = method === "POST" ? await v1Post(request, undefined, env) : await v1Get(request, undefined, env);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, headers: response.headers };
}
