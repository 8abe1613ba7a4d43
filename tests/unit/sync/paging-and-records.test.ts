import { describe, expect, it } from "vitest";
import { pageWindow, type Page } from "@/server/sync/douyin/paging";
import { afterSaleRow, orderRows, yuan } from "@/server/sync/douyin/records";
import { PlatformError } from "@/server/sync/errors";
import type { ShopOrder } from "@/server/sync/douyin/types";

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `o${from + i}`);

async function collect(pages: AsyncGenerator<string[]>): Promise<string[]> {
  const all: string[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

/** Pages of `size` over a list the test may change between calls. */
const pager = (items: () => string[], size: number, calls: number[] = []) => async (page: number): Promise<Page<string>> => {
  calls.push(page);
  const list = items();
  const slice = list.slice(page * size, (page + 1) * size);
  return { items: slice, total: list.length, hasMore: (page + 1) * size < list.length };
};

describe("paging one update-time window", () => {
  it("reads every page once and stops at the last", async () => {
    const calls: number[] = [];
    const all = await collect(pageWindow(pager(() => ids(250), 100, calls), (x) => x, 100));
    expect(all).toEqual(ids(250));
    // Three pages, then page 0 again to check that nothing moved meanwhile.
    expect(calls).toEqual([0, 1, 2, 0]);
  });

  it("a single page needs no second look", async () => {
    const calls: number[] = [];
    expect(await collect(pageWindow(pager(() => ids(7), 100, calls), (x) => x, 100))).toHaveLength(7);
    expect(calls).toEqual([0]);
  });

  it("asks again for a page that repeats the previous one", async () => {
    let repeatOnce = true;
    const base = pager(() => ids(250), 100);
    const fetch = async (page: number) => {
      if (page === 1 && repeatOnce) {
        repeatOnce = false;
        return base(0);
      }
      return base(page);
    };
    const all = await collect(pageWindow(fetch, (x) => x, 100));
    expect(all).toEqual(ids(250));
  });

  it("fails the run (retryable) when a page keeps repeating", async () => {
    const base = pager(() => ids(250), 100);
    const fetch = (page: number) => base(page === 2 ? 1 : page);
    const error = await collect(pageWindow(fetch, (x) => x, 100)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).reason).toBe("repeatedPage");
    expect((error as PlatformError).kind).toBe("retry");
  });

  it("pages again when an item left the window meanwhile, so the item shifted past a page boundary is not lost", async () => {
    let list = ids(250);
    let calls = 0;
    const fetch = async (page: number): Promise<Page<string>> => {
      calls++;
      // After page 0 is read, o5 is updated again and leaves the window: o100 moves to page 0.
      if (calls === 2) list = list.filter((x) => x !== "o5");
      const slice = list.slice(page * 100, (page + 1) * 100);
      return { items: slice, total: list.length, hasMore: (page + 1) * 100 < list.length };
    };
    const all = await collect(pageWindow(fetch, (x) => x, 100));
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain("o100");
    expect(all.length).toBe(250);
  });
});

const order = (patch: Partial<ShopOrder> = {}): ShopOrder => ({
  order_id: "P1",
  order_status: 5,
  create_time: 1700000000,
  update_time: 1700500000,
  pay_time: 1700000100,
  ship_time: 1700100000,
  finish_time: 1700400000,
  logistics_info: [{ company_name: "中通快递" }],
  post_addr: { province: { name: "浙江省" } },
  sku_order_list: [
    { order_id: "S1", parent_order_id: "P1", pay_amount: 12345, item_num: 2, product_id: 99, author_id: 0, logistics_receipt_time: 1700300000 },
    { order_id: "S2", parent_order_id: "P1", pay_amount: 5, item_num: 1, product_id_str: "X9", author_id: 42 },
  ],
  ...patch,
});

describe("platform records as importer fields", () => {
  it("one row per item, keyed by the item's order id, money in yuan and times in Unix seconds", () => {
    const rows = orderRows(order());
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ order_id: "S1", paid_at: "1700000100", status: "已完成", amount: "123.45", quantity: "2", product_id: "99", author_id: "", delivered_at: "1700300000", carrier: "中通快递", province: "浙江省" });
    expect(rows[1]).toMatchObject({ order_id: "S2", amount: "0.05", product_id: "X9", author_id: "42" });
  });

  it("an unpaid order is not a fact yet", () => {
    expect(orderRows(order({ order_status: 1, pay_time: 0 }))).toEqual([]);
  });

  it("yuan is exact", () => {
    expect(yuan(1)).toBe("0.01");
    expect(yuan(100)).toBe("1.00");
    expect(yuan(-250)).toBe("-2.50");
    expect(yuan(undefined)).toBe("");
  });

  it("after-sales carry their type in the exports' words and a completion time only once final", () => {
    const item = {
      aftersale_info: { aftersale_id: 77, aftersale_type: 1, aftersale_status: 12, apply_time: 1700000000, update_time: 1700090000, reason: "质量问题" },
      order_info: { shop_order_id: "P1", related_order_info: [{ sku_order_id: "S1" }] },
    };
    expect(afterSaleRow(item)).toEqual({ aftersale_id: "77", order_id: "S1", type: "仅退款", reason: "质量问题", applied_at: "1700000000", completed_at: "1700090000" });
    expect(afterSaleRow({ ...item, aftersale_info: { ...item.aftersale_info, aftersale_status: 6 } }).completed_at).toBe("");
  });
});
