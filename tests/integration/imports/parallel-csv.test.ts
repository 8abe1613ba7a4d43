import { and, asc, eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { runImport, type ImportSummary } from "@/server/imports/service";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { createOrgWithShop } from "./helpers";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

type Org = { orgId: string; shopId: string; userId: null };

/** Stretches of about 1.5 KB: a few hundred rows make dozens of them, read by two worker threads. */
const IN_STRETCHES = { minBytes: 0, stretchBytes: 1500 };

/**
 * An orders export as the platform writes it, with what a cut must not split: a title row above
 * the header, quoted cells holding newlines, commas and doubled quotes, blank lines, rows the
 * importer rejects, and keys that repeat far apart (the last row of a key wins).
 */
function ordersExport(rows: number, newline = "\n"): string {
  const lines = ["订单导出 2026-05-31", "订单编号,支付时间,订单状态,订单应付金额,商品规格"];
  for (let i = 1; i <= rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const id = i % 97 === 0 ? `o${i - 90}` : `o${i}`;
    const amount = i % 53 === 0 ? "不是金额" : String((i % 400) + 0.5);
    const sku = i % 7 === 0 ? `"规格 ${i}${newline}第二行, 带逗号 ""引号"""` : i % 11 === 0 ? `"${i}"` : `规格${i}`;
    lines.push(`${id},2026-05-${day} 10:${String(i % 60).padStart(2, "0")},${i % 5 === 0 ? "已完成" : "已发货"},${amount},${sku}`);
    if (i % 37 === 0) lines.push("");
  }
  return `${lines.join(newline)}${newline}`;
}

async function importBoth(file: { bytes: Uint8Array }, fileName = "orders.csv") {
  const serialOrg = await createOrgWithShop(t.handle, "serial");
  const parallelOrg = await createOrgWithShop(t.handle, "parallel");
  const serial = await runImport(t.handle, serialOrg, { shopId: serialOrg.shopId, kind: "orders", source: file, fileName, parallelCsv: false });
  const parallel = await runImport(t.handle, parallelOrg, { shopId: parallelOrg.shopId, kind: "orders", source: file, fileName, parallelCsv: IN_STRETCHES });
  return { serial, parallel, serialOrg, parallelOrg };
}

const ordersOf = (org: Org) =>
  withTenant(t.handle, org, (tx) =>
    tx
      .select({ orderId: schema.orders.orderId, paidAt: schema.orders.paidAt, status: schema.orders.status, amount: schema.orders.amount, sku: schema.orders.sku })
      .from(schema.orders)
      .where(and(eq(schema.orders.orgId, org.orgId), eq(schema.orders.shopId, org.shopId)))
      .orderBy(asc(schema.orders.orderId)),
  );

const rowErrorsOf = (org: Org, importId: string) =>
  withTenant(t.handle, org, (tx) =>
    tx
      .select({ seq: schema.importRowErrors.seq, row: schema.importRowErrors.row, column: schema.importRowErrors.column, reason: schema.importRowErrors.reason, raw: schema.importRowErrors.raw })
      .from(schema.importRowErrors)
      .where(eq(schema.importRowErrors.importId, importId))
      .orderBy(asc(schema.importRowErrors.seq)),
  );

const comparable = (summary: ImportSummary) => {
  const { importId: _id, stretches: _stretches, ...rest } = summary;
  return rest;
};

async function expectSameImport(both: Awaited<ReturnType<typeof importBoth>>) {
  expect(comparable(both.parallel)).toEqual(comparable(both.serial));
  expect(await ordersOf(both.parallelOrg)).toEqual(await ordersOf(both.serialOrg));
  expect(await rowErrorsOf(both.parallelOrg, both.parallel.importId)).toEqual(await rowErrorsOf(both.serialOrg, both.serial.importId));
}

describe("a large CSV file read in stretches by worker threads", () => {
  it("imports what the file read in one piece imports: rows, rejected rows with their row numbers, duplicates, days", async () => {
    const both = await importBoth({ bytes: new TextEncoder().encode(ordersExport(600)) });
    expect(both.parallel.status).toBe("succeeded");
    expect(both.serial.stretches).toBe(0);
    expect(both.parallel.stretches).toBeGreaterThan(20);
    await expectSameImport(both);
    expect(both.parallel.rejected).toBe(11);
    expect(both.parallel.duplicates).toBeGreaterThan(0);
    // Rows are numbered as a spreadsheet shows them: title, header and blank lines take theirs.
    expect(both.parallel.errors[0]?.row).toBe(2 + 53 + 1);
  });

  it("reads a GBK file with CRLF line ends, and reports a malformed byte at the same place", async () => {
    const text = ordersExport(400, "\r\n").replace("规格200", "规格#200");
    const bytes = new Uint8Array(iconv.encode(text, "gb18030"));
    // 0xFF starts no GB18030 character: decoded as U+FFFD. "#" is ASCII and appears once.
    bytes[bytes.indexOf(0x23)] = 0xff;
    const both = await importBoth({ bytes });
    expect(both.parallel.status).toBe("succeeded");
    expect(both.parallel.stretches).toBeGreaterThan(10);
    await expectSameImport(both);
    expect(both.parallel.notes.map((n) => n.key)).toContain("importer.notes.replacedCharacters");
  });

  it("a malformed quote makes the cuts untrustworthy: the file is read again in one piece, with the same result", async () => {
    const text = ordersExport(300).replace("规格150", '"规格"150');
    const both = await importBoth({ bytes: new TextEncoder().encode(text) });
    expect(both.parallel.stretches).toBe(0);
    await expectSameImport(both);
  });

  it("refuses a file over the row limit or with too many cells as the one-piece reading does", async () => {
    const org = await createOrgWithShop(t.handle, "limits");
    const file = { bytes: new TextEncoder().encode(ordersExport(300)) };
    const tooMany = await runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source: file, fileName: "orders.csv", limits: { maxRows: 250 }, parallelCsv: IN_STRETCHES });
    expect(tooMany).toMatchObject({ status: "failed", errorKey: "errors.import.tooManyRows" });
    const wide = ordersExport(300).replace("规格120", `规格120${",x".repeat(12)}`);
    const serial = await runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source: { bytes: new TextEncoder().encode(wide) }, fileName: "orders.csv", limits: { maxColumns: 10 }, parallelCsv: false });
    const parallel = await runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source: { bytes: new TextEncoder().encode(wide) }, fileName: "orders.csv", limits: { maxColumns: 10 }, parallelCsv: IN_STRETCHES });
    expect(serial).toMatchObject({ status: "failed", errorKey: "errors.import.badCsv" });
    expect(parallel.errorMessage).toEqual(serial.errorMessage);
    expect(await ordersOf(org)).toEqual([]);
  });
});
