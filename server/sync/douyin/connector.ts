import type { Authorised, Connector, PlatformApp, PlatformScore, PullWindow, TokenSet } from "../connector";
import { callDouyin, type CallOptions } from "./client";
import { DOUYIN_METHODS, MAX_PAGE_SIZE } from "./methods";
import { pageWindow } from "./paging";
import { afterSaleRow, orderRows } from "./records";
import { EXPERIENCE_INDICATORS, KOUBEI_CODE_OF, type AfterSaleListData, type ExperienceScoreData, type OrderSearchData, type TokenData } from "./types";

const DAY = 24 * 3600;

function tokenSet(data: TokenData, fallbackShopId: string): TokenSet {
  return {
    accessToken: data.access_token,
    refreshToken: data.refresh_token,
    accessExpiresAt: new Date(Date.now() + Math.max(0, data.expires_in) * 1000),
    platformShopId: String(data.shop_id ?? fallbackShopId),
    platformShopName: data.shop_name ?? null,
  };
}

async function* pullOrders(app: PlatformApp, call: Authorised, window: PullWindow, options: CallOptions) {
  const pages = pageWindow(
    async (page) => {
      const data = await call((token) =>
        callDouyin<OrderSearchData>(
          app,
          DOUYIN_METHODS.orderSearch,
          { update_time_start: window.from, update_time_end: window.to - 1, order_by: "update_time", order_asc: true, page, size: MAX_PAGE_SIZE },
          token,
          options,
        ),
      );
      const items = data.shop_order_list ?? [];
      return { items, total: data.total ?? items.length, hasMore: (page + 1) * MAX_PAGE_SIZE < (data.total ?? 0) };
    },
    (order) => order.order_id,
    MAX_PAGE_SIZE,
  );
  for await (const orders of pages) yield orders.flatMap(orderRows);
}

async function* pullAfterSales(app: PlatformApp, call: Authorised, window: PullWindow, options: CallOptions) {
  const pages = pageWindow(
    async (page) => {
      const data = await call((token) =>
        callDouyin<AfterSaleListData>(
          app,
          DOUYIN_METHODS.afterSaleList,
          { update_start_time: window.from, update_end_time: window.to - 1, page, size: MAX_PAGE_SIZE },
          token,
          options,
        ),
      );
      const items = data.items ?? [];
      return { items, total: data.total ?? items.length, hasMore: Boolean(data.has_more) };
    },
    (item) => String(item.aftersale_info.aftersale_id),
    MAX_PAGE_SIZE,
  );
  for await (const items of pages) yield items.map(afterSaleRow);
}

function platformScore(data: ExperienceScoreData): PlatformScore {
  const indicators: PlatformScore["indicators"] = {};
  const reported: PlatformScore["reported"] = {};
  for (const name of EXPERIENCE_INDICATORS) {
    const value = data[name];
    if (!value) continue;
    indicators[name] = { score: value.score ?? null, nodeScore: value.node_score ?? null, weight: value.node_score_weight ?? null };
    // `score` is the indicator's value, `node_score` the points it earned.
    const code = KOUBEI_CODE_OF[name];
    if (code) reported[code] = { value: value.score ?? null, score: value.node_score ?? null };
  }
  return { score: data.seller_rating_info?.score ?? null, indicators, reported, dimensions: {} };
}

/** A first sync reaches back as far as Koubei's scores look (their 90-day windows). */
export type DouyinTuning = CallOptions & {
  /** Longest update-time window of one listing (default a day; a test widens it to page through many orders). */
  windowSeconds?: number;
};

/** The Douyin shop open platform (抖店开放平台): a shop's own app authorises itself (authorization_self). */
export function douyinConnectorWith(tuning: DouyinTuning = {}): Connector {
  const { windowSeconds = DAY, ...options } = tuning;
  return {
    platform: "douyin",
    async authorise(app, platformShopId) {
      const data = await callDouyin<TokenData>(app, DOUYIN_METHODS.tokenCreate, { grant_type: "authorization_self", shop_id: platformShopId }, "", options);
      return tokenSet(data, platformShopId);
    },
    async refresh(app, tokens) {
      const data = await callDouyin<TokenData>(app, DOUYIN_METHODS.tokenRefresh, { grant_type: "refresh_token", refresh_token: tokens.refreshToken }, "", options);
      return { ...tokenSet(data, tokens.platformShopId), platformShopName: data.shop_name ?? tokens.platformShopName };
    },
    resources: [
      { resource: "orders", kind: "orders", windowSeconds, firstSyncDays: 90, pull: (app, call, window) => pullOrders(app, call, window, options) },
      { resource: "after_sales", kind: "after_sales", windowSeconds, firstSyncDays: 90, pull: (app, call, window) => pullAfterSales(app, call, window, options) },
    ],
    async platformScore(app, call) {
      return platformScore(await call((token) => callDouyin<ExperienceScoreData>(app, DOUYIN_METHODS.experienceScore, {}, token, options)));
    },
  };
}

export const douyinConnector = douyinConnectorWith();
