import type { Authorised, Connector, PlatformApp, TokenSet } from "./connector";
import { PlatformError } from "./errors";

export type RetryPolicy = {
  /** Attempts of one call on network errors, timeouts, 5xx and the rate-limit/unavailable codes. */
  attempts: number;
  /** First back-off in milliseconds; doubled each attempt, with jitter. */
  baseDelayMs: number;
};

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500 };

/** Refreshed this long before expiry: the platform only hands out a new pair in the last hour. */
const REFRESH_BEFORE_MS = 50 * 60 * 1000;

export const backoffMs = (policy: RetryPolicy, attempt: number): number => policy.baseDelayMs * 2 ** attempt * (0.75 + Math.random() * 0.5);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A shop's authorised calls during one run: refreshes the access token before it expires (and
 * once more when the platform says it has), saves every new pair at once through `saveTokens`,
 * and retries the retryable failures with exponential back-off before giving up to the job
 * queue's own, slower retries.
 */
export function authorisedCalls(connector: Connector, app: PlatformApp, initial: TokenSet, saveTokens: (tokens: TokenSet) => Promise<void>, policy: RetryPolicy = DEFAULT_RETRY): Authorised {
  let tokens = initial;
  const refresh = async () => {
    tokens = await connector.refresh(app, tokens);
    await saveTokens(tokens);
  };
  return async <T>(call: (accessToken: string) => Promise<T>): Promise<T> => {
    if (tokens.accessExpiresAt.getTime() - Date.now() < REFRESH_BEFORE_MS) await refresh();
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await call(tokens.accessToken);
      } catch (error) {
        if (!(error instanceof PlatformError)) throw error;
        if (error.kind === "refreshToken" && !refreshed) {
          refreshed = true;
          await refresh();
          continue;
        }
        if (error.kind !== "retry" || attempt + 1 >= policy.attempts) throw error;
        await sleep(backoffMs(policy, attempt));
      }
    }
  };
}
