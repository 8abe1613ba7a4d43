import { describe, expect, it } from "vitest";
import { assertHeadersFit, detectKind, mapHeaders, normaliseHeader } from "@/server/imports/headers";
import { isPiiHeader, maskFreeText } from "@/server/imports/pii";
import { exportTimeFromFileName } from "@/server/imports/export-time";
import { kindFromFileName } from "@/server/imports/kinds";
import { describeImportError } from "@/server/imports/errors";
import { en } from "../../helpers/messages";

const REAL_ORDER_HEADER =
  "主订单编号,子订单编号,选购商品,商品规格,商品数量,商家编码,订单应付金额,运费,收件人,收件人手机号,详细地址,订单提交时间,商家备注,订单完成时间,订单状态,售后状态,取消原因,发货时间,平台实际承担优惠金额,商家实际承担优惠金额,达人实际承担优惠金额".split(
    ",",
  );

describe("headers", () => {
  it("maps the real order export header; sub-order id wins; submit time stands in for paid_at", () => {
    const m = mapHeaders(REAL_ORDER_HEADER, "orders");
    expect(m.mapping.order_id).toBe("子订单编号");
    expect(m.mapping.paid_at).toBe("订单提交时间");
    expect(m.mapping.amount).toBe("订单应付金额");
    expect(m.mapping.completed_at).toBe("订单完成时间");
    expect(m.mapping.shipped_at).toBe("发货时间");
    expect(m.missingRequired).toEqual([]);
    expect(m.notes.map(en).join(" ")).toMatch(/订单提交时间/);
    expect(m.piiColumns).toEqual(["收件人", "收件人手机号", "详细地址"]);
    expect(m.ignored).toContain("运费");
    expect(m.ignored).not.toContain("收件人手机号");
  });
  it("prefers 支付时间 when present and accepts canonical English case/space-insensitively", () => {
    expect(mapHeaders(["订单提交时间", "支付时间", "订单编号"], "orders").mapping.paid_at).toBe("支付时间");
    const m = mapHeaders(["Order ID", "PAID_AT", "shop_key", "Author Id"], "orders");
    expect(m.columns).toMatchObject({ order_id: 0, paid_at: 1, author_id: 3 });
    expect(normaliseHeader(" ＰＡＩＤ＿ＡＴ ")).toBe("paidat");
  });
  it("overrides change the mapping; buyer columns cannot be mapped", () => {
    const m = mapHeaders(["单号", "时间", "订单编号"], "orders", { order_id: "单号", paid_at: "时间" });
    expect(m.columns).toMatchObject({ order_id: 0, paid_at: 1 });
    expect(() => mapHeaders(["收件人手机号", "订单编号", "支付时间"], "orders", { author_id: "收件人手机号" })).toThrow(/piiMapping/);
    expect(() => mapHeaders(["a"], "orders", { order_id: "nope" })).toThrow(/badMapping/);
  });
  it("detects the kind and says what a wrong file looks like", () => {
    const reviews = ["订单ID", "评价时间", "商品评分", "物流评分", "服务评分"];
    expect(detectKind(reviews)[0]?.kind).toBe("reviews");
    const mapped = mapHeaders(reviews, "orders");
    try {
      assertHeadersFit(mapped, reviews);
      expect.unreachable();
    } catch (error) {
      expect(describeImportError(error)).toBe("The headers do not fit a orders file; this looks like a reviews file.");
    }
    expect(() => assertHeadersFit(mapHeaders(["foo", "bar"], "chats"), ["foo", "bar"])).toThrow(/noHeader/);
  });
});

describe("buyer details", () => {
  it("recognises buyer columns but keeps the province", () => {
    for (const h of ["收件人", "收件人手机号", "收货人", "详细地址", "收货地址", "买家昵称", "联系电话", "buyer_phone", "receiver_name", "address", "身份证号"]) {
      expect([h, isPiiHeader(h)]).toEqual([h, true]);
    }
    for (const h of ["省份", "收货省份", "订单编号", "商家备注", "province"]) expect([h, isPiiHeader(h)]).toEqual([h, false]);
  });
  it("masks mobiles, ID numbers and street addresses in free text", () => {
    expect(maskFreeText("改地址 13800138000")).toBe("改地址 138****8000");
    expect(maskFreeText("电话+86 138-0013-8000 谢谢")).not.toMatch(/0013/);
    expect(maskFreeText("身份证 110101199003074514")).toBe("身份证 [身份证号]");
    expect(maskFreeText("寄到浙江省杭州市西湖区文三路 478号华星大厦3楼")).not.toMatch(/文三路|478/);
    expect(maskFreeText("送到幸福小区3号楼")).not.toMatch(/幸福小区/);
    expect(maskFreeText("质量很好，物流快")).toBe("质量很好，物流快");
    expect(maskFreeText("订单 6917926768823643751")).toBe("订单 6917926768823643751");
  });
});

describe("file names", () => {
  it("reads the export time prefix", () => {
    expect(exportTimeFromFileName("1791430000_orders.csv")?.toISOString()).toBe(new Date(1791430000 * 1000).toISOString());
    expect(exportTimeFromFileName("dir/1791430000123-x.xlsx")?.getTime()).toBe(1791430000123);
    expect(exportTimeFromFileName("orders.csv")).toBeNull();
    expect(exportTimeFromFileName("0000000001_x.csv")).toBeNull();
  });
  it("guesses the kind", () => {
    expect(kindFromFileName("s002/after_sales.csv")).toBe("after_sales");
    expect(kindFromFileName("1791430000_售后.xlsx")).toBe("after_sales");
    expect(kindFromFileName("Orders.CSV")).toBe("orders");
    expect(kindFromFileName("客服会话.csv")).toBe("chats");
    expect(kindFromFileName("x.csv")).toBeNull();
  });
});
