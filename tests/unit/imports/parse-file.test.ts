import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseWholeFile } from "@/server/imports/parse-file";
import type { ImportKind } from "@/lib/contracts/imports";
import { en } from "../../helpers/messages";
import { CANONICAL_DIR, DOUYIN_EXPORTS_DIR, SAMPLE_EXPORT_KINDS } from "../../helpers/sample-paths";

const SAMPLES = DOUYIN_EXPORTS_DIR;
const CANONICAL = CANONICAL_DIR;
const bytes = (text: string, encoding = "utf-8") => new Uint8Array(iconv.encode(text, encoding));

async function parse<K extends ImportKind>(kind: K, source: { bytes: Uint8Array } | { path: string }, fileName = "x.csv", extra: object = {}) {
  return parseWholeFile(source, { kind, fileName, ...extra });
}

describe("the shop back-end's GBK exports", () => {
  const shops = fs.readdirSync(SAMPLES).sort();
  it("has the four sample shops", () => expect(shops).toHaveLength(4));
  for (const shop of shops) {
    for (const kind of SAMPLE_EXPORT_KINDS) {
      it(`${shop}/${kind}.csv parses with zero rejected rows`, async () => {
        const file = path.join(SAMPLES, shop, `${kind}.csv`);
        const result = await parse(kind, { path: file }, `${kind}.csv`);
        if (!result.ok) throw new Error(result.message);
        expect(result.rejected).toEqual([]);
        const lines = fs.readFileSync(file).toString("latin1").split("\r\n").filter(Boolean).length;
        expect(result.facts).toHaveLength(lines - 1);
        expect(result.file.encoding?.encoding).toBe("gb18030");
        const text = JSON.stringify(result.facts);
        expect(text).not.toMatch(/密文|13800138000|\\t/);
      });
    }
  }
  it("orders: tab-stripped ids, Chinese enums, submit time as paid_at", async () => {
    const result = await parse("orders", { path: path.join(SAMPLES, "s002/orders.csv") }, "orders.csv");
    if (!result.ok) throw new Error(result.message);
    const first = result.facts[0];
    expect(first).toMatchObject({ orderId: "s002-00000", orderType: "normal", status: "已完成", amount: "213.95", authorId: "a8", productName: "连衣裙", quantity: 1, pickedUpAt: null });
    expect(first?.paidAt.toISOString()).toBe("2026-02-17T01:43:00.000Z");
    expect(result.file.mapped.notes.map(en).join()).toMatch(/订单提交时间/);
    const closed = iconv.decode(fs.readFileSync(path.join(SAMPLES, "s002/orders.csv")), "gb18030").split("已关闭").length - 1;
    expect(result.facts.filter((f) => f.status === "cancelled")).toHaveLength(closed);
    const gifts = iconv.decode(fs.readFileSync(path.join(SAMPLES, "s002/orders.csv")), "gb18030").split(",赠品,").length - 1;
    expect(result.facts.filter((f) => f.orderType === "gift")).toHaveLength(gifts);
  });
  it("after-sales: categories and enums", async () => {
    const result = await parse("after_sales", { path: path.join(SAMPLES, "s002/after_sales.csv") }, "after_sales.csv");
    if (!result.ok) throw new Error(result.message);
    expect(result.facts[0]).toMatchObject({ aftersaleId: "as-s002-00000", orderId: "s002-00000", type: "return_refund", reason: "商品与描述不符", reasonCategory: "quality", completedBy: "merchant", exempt: false });
    expect(result.facts[1]).toMatchObject({ type: "exchange", completedAt: null, completedBy: null });
  });
});

describe("canonical English files", () => {
  for (const kind of SAMPLE_EXPORT_KINDS) {
    it(`${kind}.csv parses with zero rejected rows (extra columns ignored)`, async () => {
      const result = await parse(kind, { path: path.join(CANONICAL, `${kind}.csv`) }, `${kind}.csv`);
      if (!result.ok) throw new Error(result.message);
      expect(result.rejected).toEqual([]);
      expect(result.facts.length).toBeGreaterThan(100);
      expect(result.file.encoding?.encoding).toBe("utf-8");
    });
  }
});

describe("encodings and layouts", () => {
  const csv = "订单编号,支付时间,订单应付金额,商家备注\r\n\t123,2026/5/31 23:30,\"￥1,299.00\",改地址 13800138000\r\n";
  it("UTF-8 with and without BOM, GBK, UTF-16 with tabs all read the same", async () => {
    const variants: [string, Uint8Array][] = [
      ["utf8", bytes(csv)],
      ["bom", new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(csv)])],
      ["gbk", bytes(csv, "gbk")],
      ["utf16", new Uint8Array([0xff, 0xfe, ...iconv.encode(csv.replace("\t123", "123").replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, "\t"), "utf-16le")])],
    ];
    for (const [name, data] of variants) {
      const result = await parse("orders", { bytes: data });
      if (!result.ok) throw new Error(`${name}: ${result.message}`);
      expect([name, result.facts[0]?.orderId, result.facts[0]?.amount, result.facts[0]?.paidAt.toISOString()]).toEqual([name, "123", "1299.00", "2026-05-31T15:30:00.000Z"]);
    }
  });
  it("a user override of the encoding wins", async () => {
    const result = await parse("orders", { bytes: bytes(csv, "gbk") }, "x.csv", { encoding: "utf-8" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/not valid UTF-8/);
  });
  it("skips a title line above the header", async () => {
    const result = await parse("orders", { bytes: bytes(`订单导出 2026-05-31\r\n${csv}`) });
    if (!result.ok) throw new Error(result.message);
    expect(result.facts).toHaveLength(1);
  });
  it("rejected rows name row, column and reason, with raw values minus buyer columns", async () => {
    const text = "订单编号,支付时间,收件人手机号,商家备注\n6.91793E+18,2026-05-01 10:00,13900001111,call 13900001111\n42,not a date,13900001111,-\n";
    const result = await parse("orders", { bytes: bytes(text) });
    if (!result.ok) throw new Error(result.message);
    expect(result.facts).toHaveLength(0);
    expect(result.rejected.map((r) => r.errors[0]).map((e) => e && { ...e, reason: en(e.reason) })).toEqual([
      { row: 2, column: "订单编号", reason: expect.stringMatching(/re-saved by Excel/) },
      { row: 3, column: "支付时间", reason: 'not a date/time: "not a date"' },
    ]);
    expect(JSON.stringify(result.rejected)).not.toMatch(/13900001111/);
  });
  it("stars out of range and missing keys are rejected rows", async () => {
    const text = "订单ID,评价时间,商品评分,评价等级\n1,2026-05-01 10:00,6,\n,2026-05-01 10:00,5,\n3,2026-05-01 10:00,-,差评\n";
    const result = await parse("reviews", { bytes: bytes(text) });
    if (!result.ok) throw new Error(result.message);
    expect(result.rejected.map((r) => [r.row, r.errors[0]?.column])).toEqual([
      [2, "商品评分"],
      [3, "订单ID"],
    ]);
    expect(result.facts[0]).toMatchObject({ orderId: "3", productStars: 1 });
  });
});

describe("whole-file refusals", () => {
  const expectError = async (kind: ImportKind, source: { bytes: Uint8Array } | { path: string }, pattern: RegExp, fileName = "x.csv", extra: object = {}) => {
    const result = await parse(kind, source, fileName, extra);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(pattern);
  };
  it("empty, binary, legacy xls, html xls, PDF", async () => {
    await expectError("orders", { bytes: new Uint8Array() }, /empty/);
    await expectError("orders", { bytes: new Uint8Array([1, 2, 0, 4, 5, 200, 0]) }, /binary/);
    await expectError("orders", { bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) }, /legacy Excel/, "x.xls");
    await expectError("orders", { bytes: bytes("<html><table><tr><td>订单编号</td></tr></table></html>") }, /web page/, "x.xls");
    await expectError("orders", { bytes: bytes("%PDF-1.4 ...") }, /PDF/, "x.pdf");
  });
  it("size and row limits", async () => {
    await expectError("orders", { bytes: bytes("订单编号,支付时间\n1,2026-01-01\n") }, /over the 0 MB limit/, "x.csv", { limits: { maxBytes: 10 } });
    await expectError("orders", { bytes: bytes("订单编号,支付时间\n1,2026-01-01\n2,2026-01-01\n") }, /more than 1 rows/, "x.csv", { limits: { maxRows: 1 } });
  });
  it("no header, wrong kind, missing columns", async () => {
    await expectError("orders", { bytes: bytes("a,b,c\n1,2,3\n") }, /No recognisable header/);
    await expectError("orders", { bytes: bytes("售后单号,订单编号,申请时间\n1,2,2026-01-01\n") }, /looks like a after_sales file/);
    await expectError("orders", { bytes: bytes("订单编号,订单状态\n1,已完成\n") }, /Required columns are missing.*paid_at/);
  });
});

describe("XLSX", () => {
  async function workbook(rows: unknown[][]): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("订单");
    for (const row of rows) ws.addRow(row);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }
  it("reads values, serial dates and Date cells as Shanghai wall clock", async () => {
    const data = await workbook([
      ["子订单编号", "支付时间", "订单应付金额", "订单类型", "商品数量"],
      ["\t6917926768823643751", "2026/5/31 23:30", 1299, "福袋", 2],
      ["'T0", 46173.97916666667, "¥12.00", "普通订单", "-"],
    ]);
    const file = path.join(os.tmpdir(), `koubei-${process.pid}.xlsx`);
    fs.writeFileSync(file, data);
    for (const source of [{ bytes: data }, { path: file }]) {
      const result = await parse("orders", source, "orders.xlsx");
      if (!result.ok) throw new Error(result.message);
      expect(result.file.fileType).toBe("xlsx");
      expect(result.rejected).toEqual([]);
      expect(result.facts.map((f) => [f.orderId, f.paidAt.toISOString(), f.amount, f.orderType, f.quantity])).toEqual([
        ["6917926768823643751", "2026-05-31T15:30:00.000Z", "1299.00", "lucky_bag", 2],
        ["T0", "2026-05-31T15:30:00.000Z", "12.00", "normal", null],
      ]);
    }
    fs.rmSync(file);
  });
  it("an Excel-mangled numeric id is a row error", async () => {
    const data = await workbook([
      ["子订单编号", "支付时间"],
      [6917926768823643751, "2026-05-31 10:00"],
    ]);
    const result = await parse("orders", { bytes: data }, "orders.xlsx");
    if (!result.ok) throw new Error(result.message);
    expect(en(result.rejected[0]?.errors[0]?.reason)).toMatch(/re-saved by Excel/);
  });
  it("refuses a zip bomb and a ZIP that is not a workbook", async () => {
    const data = await workbook([["子订单编号", "支付时间"], ...Array.from({ length: 2000 }, () => ["1", "2026-05-31 10:00"])]);
    const bomb = await parse("orders", { bytes: data }, "x.xlsx", { limits: { maxXlsxUncompressedBytes: 1000 } });
    expect(bomb.ok).toBe(false);
    if (!bomb.ok) expect(bomb.message).toMatch(/zip bomb/);
    const truncated = await parse("orders", { bytes: data.subarray(0, 200) }, "x.xlsx");
    expect(truncated.ok).toBe(false);
    if (!truncated.ok) expect(truncated.message).toMatch(/damaged/);
  });
});
