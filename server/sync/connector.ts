import type { ImportKind } from "@/lib/contracts/imports";

/** An app on a platform's open API, as the organisation configured it (secret decrypted, server-side only). */
export type PlatformApp = { baseUrl: string; appKey: string; appSecret: string };

export type TokenSet = {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  platformShopId: string;
  platformShopName: string | null;
};

/** Update-time window in Unix seconds: records with from ≤ update_time < to. */
export type PullWindow = { from: number; to: number };

/** One record for the importer: canonical field → cell text, as a platform export would hold it. */
export type ImportFields = Record<string, string>;

/** Calls the platform with the shop's current access token (refreshing and retrying as the session decides). */
export type Authorised = <T>(call: (accessToken: string) => Promise<T>) => Promise<T>;

/** One resource a connector pulls into a fact table, incrementally by update time. */
export type ResourcePull = {
  resource: string;
  kind: ImportKind;
  /** The longest window asked for in one go. */
  windowSeconds: number;
  /** How far back the first sync of a shop reaches. */
  firstSyncDays: number;
  /** Every record of the window, a page at a time, each already in the importer's fields. */
  pull(app: PlatformApp, call: Authorised, window: PullWindow): AsyncGenerator<ImportFields[]>;
};

export type PlatformScore = {
  score: number | null;
  indicators: Record<string, { score: number | null; nodeScore: number | null; weight: number | null }>;
  /** The same numbers in Koubei's indicator codes, where the platform's indicator is one of Koubei's: value and score. */
  reported: Record<string, { value: number | null; score: number | null }>;
  /** Dimension scores, where the platform gives them (shop.getExperienceScore does not). */
  dimensions: Record<string, { value: number | null; score: number | null }>;
};

/**
 * What a platform connector declares: how a shop authorises and its token is refreshed, which
 * resources it pulls (and how they page, inside pull), and the platform's own score of the shop.
 */
export type Connector = {
  platform: "douyin";
  authorise(app: PlatformApp, platformShopId: string): Promise<TokenSet>;
  refresh(app: PlatformApp, tokens: TokenSet): Promise<TokenSet>;
  resources: ResourcePull[];
  platformScore(app: PlatformApp, call: Authorised): Promise<PlatformScore>;
};
