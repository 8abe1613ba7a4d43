/**
 * What a failed call means for the caller, from the platform's codes: retry later with back-off,
 * refresh the token and retry once, ask the shop to authorise again, or give up on this run.
 */
export type FailureKind = "retry" | "refreshToken" | "reauthorise" | "fatal";

export class PlatformError extends Error {
  constructor(
    readonly kind: FailureKind,
    /** Short, stable reason, also the tail of the message key (errors.sync.<reason>). */
    readonly reason: string,
    readonly detail: { method?: string; code?: number; subCode?: string; status?: number } = {},
  ) {
    super(`${reason}${detail.method ? ` (${detail.method}` : ""}${detail.code !== undefined ? ` code ${detail.code}` : ""}${detail.subCode ? ` ${detail.subCode}` : ""}${detail.method ? ")" : ""}`);
    this.name = "PlatformError";
  }
}

const TOKEN_SUB_CODES = new Set(["isv.access-token-expired", "isv.access-token-invalid", "isv.access-token-no-existed"]);

/** Classifies an envelope that is not a success (code ≠ 10000). */
export function failureOf(method: string, code: number, subCode: string | undefined): PlatformError {
  const detail = { method, code, subCode };
  if (code === 20000 || code === 20001) return new PlatformError("retry", "platformUnavailable", detail);
  if (code === 60000) return new PlatformError("retry", "rateLimited", detail);
  if (code === 40003 && subCode && TOKEN_SUB_CODES.has(subCode)) return new PlatformError("refreshToken", "tokenExpired", detail);
  if (code === 40003 && subCode === "isv.signature-invalid") return new PlatformError("fatal", "signatureRejected", detail);
  if (code === 30001) return new PlatformError("reauthorise", "notAuthorised", detail);
  if (code === 30002) return new PlatformError("fatal", "ipNotAllowed", detail);
  if (code === 70000) return new PlatformError("fatal", "apiOffline", detail);
  return new PlatformError("fatal", "platformRefused", detail);
}

