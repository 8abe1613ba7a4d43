import { failureOf, PlatformError } from "../errors";
import { methodPath } from "./methods";
import { paramJson } from "./param-json";
import { signRequest } from "./sign";
import type { DouyinEnvelope } from "./types";

import type { PlatformApp } from "../connector";

export type CallOptions = {
  /** Milliseconds before a call is abandoned as timed out. */
  timeoutMs?: number;
  /** Seconds since the epoch; a test may pin it. */
  nowSeconds?: () => number;
  fetch?: typeof fetch;
};

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * One signed call to the open platform: the query carries the app key, method, timestamp and
 * signature, the body is the very `param_json` that was signed. Resolves to `data` of a
 * successful envelope; every failure is a PlatformError saying whether to retry.
 */
export async function callDouyin<T>(app: PlatformApp, method: string, params: Record<string, unknown>, accessToken: string, options: CallOptions = {}): Promise<T> {
  const body = paramJson(params);
  const timestamp = String(options.nowSeconds?.() ?? Math.floor(Date.now() / 1000));
  const sign = signRequest({ appKey: app.appKey, appSecret: app.appSecret, method, paramJson: body, timestamp });
  const query = new URLSearchParams({ app_key: app.appKey, method, v: "2", timestamp, sign, sign_method: "hmac-sha256", access_token: accessToken });
  const url = `${app.baseUrl.replace(/\/+$/, "")}${methodPath(method)}?${query.toString()}`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "x-open-no-old-err-code": "1" },
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new PlatformError("retry", timedOut ? "timeout" : "network", { method });
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new PlatformError("retry", "network", { method, status: response.status });
  }
  if (response.status >= 500) throw new PlatformError("retry", "platformUnavailable", { method, status: response.status });
  if (response.status === 429) throw new PlatformError("retry", "rateLimited", { method, status: response.status });
  if (!response.ok) throw new PlatformError("fatal", "platformRefused", { method, status: response.status });
  let envelope: DouyinEnvelope<T> & { err_no?: number };
  try {
    envelope = JSON.parse(text) as DouyinEnvelope<T> & { err_no?: number };
  } catch {
    // A gateway's error page or a cut-off body: the call may well succeed when repeated.
    throw new PlatformError("retry", "malformedResponse", { method, status: response.status });
  }
  if (envelope === null || typeof envelope !== "object") throw new PlatformError("retry", "malformedResponse", { method });
  const succeeded = envelope.code === 10000 || (envelope.code === undefined && envelope.err_no === 0);
  if (!succeeded) throw failureOf(method, Number(envelope.code ?? envelope.err_no), envelope.sub_code);
  if (envelope.data === undefined || envelope.data === null) throw new PlatformError("retry", "malformedResponse", { method });
  return envelope.data;
}
