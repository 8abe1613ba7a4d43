import { describe, expect, it } from "vitest";
import {
  cleanText,
  EXCEL_MANGLED_ID,
  normaliseOrderStatus,
  orderStatusRank,
  parseCount,
  parseEnum,
  parseId,
  parseMoney,
  parseShanghaiTime,
  parseStars,
  parseYesNo,
  ORDER_TYPES,
  AFTERSALE_TYPES,
  COMPLETED_BY,
  COMPLAINT_KINDS,
} from "@/server/imports/values";
import { en } from "../../helpers/messages";

const iso = (raw: string) => {
  const r = parseShanghaiTime(raw);
  return r.value ? r.value.toISOString() : r.error === undefined ? null : `error: ${en(r.error)}`;
};

describe("times are Asia/Shanghai wall clock", () => {
  it("reads the export formats", () => {
    expect(iso("2026-05-31 23:30:00")).toBe("2026-05-31T15:30:00.000Z");
    expect(iso("2026/5/31 23:30")).toBe("2026-05-31T15:30:00.000Z");
    expect(iso("2026/9/22 0:54")).toBe("2026-09-21T16:54:00.000Z");
    expect(iso("2026年5月31日 23:30")).toBe("2026-05-31T15:30:00.000Z");
    expect(iso("2026-05-31")).toBe("2026-05-30T16:00:00.000Z");
    expect(iso("20260531")).toBe("2026-05-30T16:00:00.000Z");
    expect(iso("\t2026-05-31 23:30:00")).toBe("2026-05-31T15:30:00.000Z");
    expect(iso("２０２６-０５-３１ ２３:３０")).toBe("2026-05-31T15:30:00.000Z");
    expect(iso("2026-05-31T23:30:00+08:00")).toBe("2026-05-31T15:30:00.000Z");
    expect(iso("1780241400")).toBe("2026-05-31T15:30:00.000Z");
  });
  it("knows leap years and the ends of months and days", () => {
    expect(iso("2028-02-29 10:00:00")).toBe("2028-02-29T02:00:00.000Z");
    expect(iso("2000-02-29")).toBe("2000-02-28T16:00:00.000Z");
    expect(iso("2026-12-31 23:59:59")).toBe("2026-12-31T15:59:59.000Z");
    expect(iso("2026-05-31 24:00:00")).toBe("2026-05-31T16:00:00.000Z");
    expect(iso("2026-05-31 12:30:60")).toBe("2026-05-31T04:31:00.000Z");
  });
  it("reads Excel serial dates as wall clock", () => {
    // 46173 = 2026-05-31 in Excel's 1900 system; .979166… = 23:30.
    expect(iso("46173.97916666667")).toBe("2026-05-31T15:30:00.000Z");
    expect(iso("46173")).toBe("2026-05-30T16:00:00.000Z");
  });
  it("empty markers are unknown, garbage is an error", () => {
    expect(iso("-")).toBeNull();
    expect(iso("--")).toBeNull();
    expect(iso("")).toBeNull();
    expect(iso("next tuesday")).toMatch(/^error: not a date/);
    expect(iso("2026-02-30 10:00")).toMatch(/^error/);
    expect(iso("2026-02-29 10:00:00")).toMatch(/^error/);
    expect(iso("2026-04-31 10:00:00")).toMatch(/^error/);
    expect(iso("2026-05-31 10:60:00")).toMatch(/^error/);
    expect(iso("2026-05-31 24:00:01")).toMatch(/^error/);
    expect(iso("2026-05-31 23:59:60")).toMatch(/^error/);
    expect(iso("2026-13-01")).toMatch(/^error/);
    expect(iso("1890-01-01")).toMatch(/^error/);
  });
});

describe("values", () => {
  it("money in yuan as exact 2-decimal strings", () => {
    expect(parseMoney("¥1,299.00").value).toBe("1299.00");
    expect(parseMoney("￥ 12.5").value).toBe("12.50");
    expect(parseMoney("１２３元").value).toBe("123.00");
    expect(parseMoney("0.005").value).toBe("0.01");
    expect(parseMoney("-3.2").value).toBe("-3.20");
    expect(parseMoney("-").value).toBeNull();
    expect(en(parseMoney("abc").error)).toMatch(/not an amount/);
  });
  it("counts, stars, yes/no", () => {
    expect(parseCount("1,200").value).toBe(1200);
    expect(parseCount("３").value).toBe(3);
    expect(parseCount("5.0").value).toBe(5);
    expect(parseCount("-1").error).toBeDefined();
    expect(parseStars("5星").value).toBe(5);
    expect(en(parseStars("0").error)).toMatch(/1 to 5/);
    expect(en(parseStars("6").error)).toMatch(/1 to 5/);
    expect(parseStars("4.5").error).toBeDefined();
    expect(parseYesNo("是").value).toBe(true);
    expect(parseYesNo("否").value).toBe(false);
    expect(parseYesNo("true").value).toBe(true);
    expect(parseYesNo("-").value).toBeNull();
    expect(en(parseYesNo("maybe").error)).toMatch(/是 or 否/);
  });
  it("ids lose their export prefixes; Excel-mangled ids are refused", () => {
    expect(parseId("\t6917926768823643751").value).toBe("6917926768823643751");
    expect(parseId("'T0").value).toBe("T0");
    expect(parseId('="6917926768823643751"').value).toBe("6917926768823643751");
    expect(parseId("6.91793E+18").error).toBe(EXCEL_MANGLED_ID);
    expect(en(parseId("6.91793e18").error)).toMatch(/re-saved by Excel/);
    expect(parseId("-").value).toBeNull();
  });
  it("text: full-width spaces trimmed, dashes empty", () => {
    expect(cleanText("\u3000abc\u3000")).toBe("abc");
    expect(cleanText("--")).toBeNull();
  });
  it("Chinese enums", () => {
    expect(parseEnum("福袋", ORDER_TYPES, "orderType").value).toBe("lucky_bag");
    expect(parseEnum("赠品", ORDER_TYPES, "orderType").value).toBe("gift");
    expect(parseEnum("普通订单", ORDER_TYPES, "orderType").value).toBe("normal");
    expect(parseEnum("样品", ORDER_TYPES, "orderType").value).toBe("sample");
    expect(parseEnum("测试", ORDER_TYPES, "orderType").value).toBe("test");
    expect(parseEnum("仅退款", AFTERSALE_TYPES, "afterSaleType").value).toBe("refund_only");
    expect(parseEnum("退货退款", AFTERSALE_TYPES, "afterSaleType").value).toBe("return_refund");
    expect(parseEnum("补寄", AFTERSALE_TYPES, "afterSaleType").value).toBe("resend");
    expect(parseEnum("商家", COMPLETED_BY, "completedBy").value).toBe("merchant");
    expect(parseEnum("系统", COMPLETED_BY, "completedBy").value).toBe("system");
    expect(parseEnum("纠纷", COMPLAINT_KINDS, "caseType").value).toBe("dispute");
    expect(en(parseEnum("other", COMPLAINT_KINDS, "caseType").error)).toMatch(/unknown case type/);
    expect(normaliseOrderStatus("已关闭")).toBe("cancelled");
    expect(normaliseOrderStatus("交易关闭")).toBe("cancelled");
    expect(normaliseOrderStatus("已取消")).toBe("cancelled");
    expect(normaliseOrderStatus("已完成")).toBe("已完成");
    expect(orderStatusRank("已完成")).toBeGreaterThan(orderStatusRank("已发货") ?? 99);
    expect(orderStatusRank("cancelled")).toBeNull();
  });
});
