import type { AfterSaleItem, ShopOrder } from "../douyin/types";
import { MAX_PAGE_SIZE } from "../douyin/methods";
import type { FakeShop } from "./data";

/** A business answer of the fake: data, or a platform code with its sub code. */
export type FakeAnswer = { data: unknown } | { code: number; subCode: string; msg: string };

const badParam = (name: string): FakeAnswer => ({ code: 40004, subCode: `isv.parameter-invalid:${name}`, msg: `invalid ${name}` });

const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : null);

type Page = { page: number; size: number };

function pageOf(params: Record<string, unknown>): Page | { refused: FakeAnswer } {
  const page = num(params.page ?? 0);
  const size = num(params.size ?? 10);
  if (page === null || page < 0) return { refused: badParam("page") };
  if (size === null || size < 1 || size > MAX_PAGE_SIZE) return { refused: badParam("size") };
  return { page, size };
}

/** Items between two optional bounds (inclusive), sorted by time then id, one page of them. */
function slice<T>(items: T[], time: (item: T) => number, id: (item: T) => string, from: number | null, to: number | null, asc: boolean, page: Page) {
  const matching = items
    .filter((item) => (from === null || time(item) >= from) && (to === null || time(item) <= to))
    .sort((a, b) => (time(a) - time(b) || id(a).localeCompare(id(b))) * (asc ? 1 : -1));
  return { total: matching.length, items: matching.slice(page.page * page.size, (page.page + 1) * page.size) };
}

export function searchOrders(shop: FakeShop, params: Record<string, unknown>, repeat: boolean): FakeAnswer {
  const paging = pageOf(params);
  if ("refused" in paging) return paging.refused;
  const byUpdate = params.order_by !== "create_time" && (params.update_time_start !== undefined || params.update_time_end !== undefined || params.order_by === "update_time");
  const field: keyof ShopOrder = byUpdate ? "update_time" : "create_time";
  const from = num(byUpdate ? params.update_time_start : params.create_time_start);
  const to = num(byUpdate ? params.update_time_end : params.create_time_end);
  const asc = params.order_asc === true || params.order_asc === "true";
  // A page that repeats: the platform answers page n with page n-1's orders (seen in the wild when data shifts under offset paging).
  const page = repeat && paging.page > 0 ? { ...paging, page: paging.page - 1 } : paging;
  const result = slice(shop.orders, (o) => Number(o[field] ?? 0), (o) => o.order_id, from, to, asc, page);
  return { data: { page: paging.page, size: paging.size, total: result.total, shop_order_list: result.items } };
}

export function listAfterSales(shop: FakeShop, params: Record<string, unknown>, repeat: boolean): FakeAnswer {
  const paging = pageOf(params);
  if ("refused" in paging) return paging.refused;
  const byUpdate = params.update_start_time !== undefined || params.update_end_time !== undefined;
  const time = (item: AfterSaleItem) => (byUpdate ? item.aftersale_info.update_time : item.aftersale_info.apply_time);
  const from = num(byUpdate ? params.update_start_time : params.start_time);
  const to = num(byUpdate ? params.update_end_time : params.end_time);
  const page = repeat && paging.page > 0 ? { ...paging, page: paging.page - 1 } : paging;
  const result = slice(shop.afterSales, time, (a) => String(a.aftersale_info.aftersale_id), from, to, true, page);
  const hasMore = (paging.page + 1) * paging.size < result.total;
  return { data: { items: result.items, has_more: hasMore, total: result.total, page: paging.page, size: paging.size } };
}
