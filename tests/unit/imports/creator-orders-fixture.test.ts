import fs from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { detectKind, mapHeaders } from "@/server/imports/headers";
import { SHOP_IMPORT_KINDS } from "@/lib/contracts/imports";
import { kindFromFileName } from "@/server/imports/kinds";
import { CREATOR_ORDERS_FIXTURE, creatorOrdersExport } from "../../../scripts/fixtures/generate-creator-orders";

describe("the creator orders fixture (巨量百应 达人订单 export)", () => {
  it("is what the generator writes, byte for byte", () => {
    expect(creatorOrdersExport().equals(fs.readFileSync(CREATOR_ORDERS_FIXTURE))).toBe(true);
  });

  it("has the real export's quirks: GBK without BOM, a title line, tab-prefixed ids, ￥ amounts, slashed times, buyer and blank columns", () => {
    const bytes = fs.readFileSync(CREATOR_ORDERS_FIXTURE);
    expect([bytes[0], bytes[1], bytes[2]]).not.toEqual([0xef, 0xbb, 0xbf]);
    const lines = iconv.decode(bytes, "gbk").split("\r\n");
    expect(lines[0]).toMatch(/^达人订单明细,导出时间：\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
    const headers = (lines[1] ?? "").split(",");
    expect(headers.slice(-2)).toEqual(["", ""]);
    expect(headers).toContain("买家昵称");
    expect(lines[2]).toMatch(/^\t\d{19},\t\d{19},/);
    expect(lines[2]).toMatch(/,￥\d+\.\d{2},/);
    expect(lines[2]).toMatch(/,\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2},/);
  });

  it("maps to creator_orders, never to a shop kind, and drops the buyer columns", () => {
    const headers = (iconv.decode(fs.readFileSync(CREATOR_ORDERS_FIXTURE), "gbk").split("\r\n")[1] ?? "").split(",");
    expect(detectKind(headers)[0]).toMatchObject({ kind: "creator_orders", complete: true });
    const mapped = mapHeaders(headers, "creator_orders");
    expect(mapped.missingRequired).toEqual([]);
    expect(mapped.piiColumns).toEqual(["买家昵称", "收货人手机号"]);
    expect(mapped.ignored).toEqual(["佣金率", "预估佣金", "流量来源"]);
    // A shop's order export is still an orders file, never a creator's.
    expect(detectKind(["子订单编号", "支付时间", "订单状态", "达人ID"], SHOP_IMPORT_KINDS)[0]?.kind).toBe("orders");
    expect(detectKind(["子订单编号", "支付时间", "订单状态", "达人ID"])[0]?.kind).toBe("orders");
    expect(kindFromFileName("creator_orders.csv")).toBe("creator_orders");
    expect(kindFromFileName("1791430000_达人订单.xlsx")).toBe("creator_orders");
    expect(kindFromFileName("orders.csv")).toBe("orders");
  });
});
