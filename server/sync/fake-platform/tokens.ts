import { randomBytes } from "node:crypto";

const ACCESS_TTL = 7 * 24 * 3600;
const REFRESH_TTL = 14 * 24 * 3600;
const LAST_HOUR = 3600;

type Pair = { shopId: string; accessToken: string; refreshToken: string; accessExpiresAt: number; refreshExpiresAt: number; revoked: boolean };

export type TokenGrant = { access_token: string; expires_in: number; refresh_token: string; scope: string; shop_id: string; shop_name: string; authority_id: string };

/**
 * The platform's token rules: 7-day access tokens and 14-day refresh tokens; a refresh more than
 * an hour before expiry returns the same pair, in the last hour a new pair (the old one still
 * works for that hour), after expiry a new pair and the old one is dead.
 */
export class FakeTokens {
  private byAccess = new Map<string, Pair>();
  private byRefresh = new Map<string, Pair>();

  constructor(
    private readonly now: () => number,
    private readonly accessTtl = ACCESS_TTL,
  ) {}

  issue(shopId: string): Pair {
    const now = this.now();
    const pair: Pair = {
      shopId,
      accessToken: `fake-at-${randomBytes(12).toString("hex")}`,
      refreshToken: `fake-rt-${randomBytes(12).toString("hex")}`,
      accessExpiresAt: now + this.accessTtl,
      refreshExpiresAt: now + REFRESH_TTL,
      revoked: false,
    };
    this.byAccess.set(pair.accessToken, pair);
    this.byRefresh.set(pair.refreshToken, pair);
    return pair;
  }

  refresh(refreshToken: string): Pair | null {
    const pair = this.byRefresh.get(refreshToken);
    const now = this.now();
    if (!pair || pair.refreshExpiresAt <= now) return null;
    const left = pair.accessExpiresAt - now;
    if (left > LAST_HOUR && !pair.revoked) return pair;
    this.byRefresh.delete(refreshToken);
    if (left <= 0 || pair.revoked) this.byAccess.delete(pair.accessToken);
    return this.issue(pair.shopId);
  }

  /** The shop a valid access token is for, or why it is not valid. */
  check(accessToken: string): { shopId: string } | { error: "isv.access-token-expired" | "isv.access-token-invalid" } {
    const pair = this.byAccess.get(accessToken);
    if (!pair) return { error: "isv.access-token-invalid" };
    if (pair.revoked || pair.accessExpiresAt <= this.now()) return { error: "isv.access-token-expired" };
    return { shopId: pair.shopId };
  }

  /** Ends a token's life now (fault injection): the next call with it is refused as expired. */
  expire(accessToken: string): void {
    const pair = this.byAccess.get(accessToken);
    if (pair) pair.revoked = true;
  }

  grant(pair: Pair, shopName: string): TokenGrant {
    return {
      access_token: pair.accessToken,
      expires_in: Math.max(0, pair.accessExpiresAt - this.now()),
      refresh_token: pair.refreshToken,
      scope: "SCOPE",
      shop_id: pair.shopId,
      shop_name: shopName,
      authority_id: pair.shopId,
    };
  }
}
