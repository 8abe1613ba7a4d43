import fs from "node:fs";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { isImportFileError } from "@/server/imports/errors";
import { IMPORT_KINDS } from "@/lib/contracts/imports";
import { parseWholeFile } from "@/server/imports/parse-file";
import { douyinExport } from "../../helpers/sample-paths";

const SAMPLE = new Uint8Array(fs.readFileSync(douyinExport("s002", "orders")));
const REVIEWS = new Uint8Array(fs.readFileSync(douyinExport("s011", "reviews")));
let XLSX: Uint8Array;

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("s");
  ws.addRow(["子订单编号", "支付时间", "订单应付金额"]);
  for (let i = 0; i < 30; i++) ws.addRow([`o${i}`, "2026-05-01 10:00", i]);
  XLSX = new Uint8Array(await wb.xlsx.writeBuffer());
});

/** The importer's promise: a clean parse, or a refusal whose reason is an import error. Never a throw. */
async function expectCleanOutcome(bytes: Uint8Array, kindIndex: number, fileName: string) {
  const kind = IMPORT_KINDS[kindIndex % IMPORT_KINDS.length] ?? "orders";
  const result = await parseWholeFile({ bytes }, { kind, fileName });
  if (result.ok) {
    for (const r of result.rejected) expect(r.errors.length).toBeGreaterThan(0);
  } else {
    expect(isImportFileError(result.error), `unexpected error: ${result.error.stack}`).toBe(true);
    expect(result.message.length).toBeGreaterThan(5);
  }
}

type Mutation = { at: number; kind: "flip" | "insert" | "delete" | "truncate"; byte: number; len: number };

function mutate(base: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Array.from(base);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.kind === "flip") bytes[at] = m.byte;
    else if (m.kind === "insert") bytes.splice(at, 0, ...Array.from({ length: m.len }, (_, i) => (m.byte + i * 37) % 256));
    else if (m.kind === "delete") bytes.splice(at, m.len);
    else bytes = bytes.slice(0, at);
  }
  return new Uint8Array(bytes);
}

const mutationArb = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("flip", "insert", "delete", "truncate") as fc.Arbitrary<Mutation["kind"]>,
  byte: fc.integer({ min: 0, max: 255 }),
  len: fc.integer({ min: 1, max: 40 }),
});

describe("the importer never throws on hostile input", () => {
  it("random bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.nat(), fc.constantFrom("x.csv", "x.xlsx", "x.xls"), (bytes, k, name) =>
        expectCleanOutcome(bytes, k, name),
      ),
      { numRuns: 200 },
    );
  });
  it("mutated real GBK exports", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), fc.nat(), fc.boolean(), (mutations, k, reviews) =>
        expectCleanOutcome(mutate(reviews ? REVIEWS : SAMPLE, mutations), k, "orders.csv"),
      ),
      { numRuns: 200 },
    );
  });
  it("mutated XLSX workbooks", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (mutations) => expectCleanOutcome(mutate(XLSX, mutations), 0, "orders.xlsx")),
      { numRuns: 150 },
    );
  });
  it("random text shaped like CSV", async () => {
    const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("-", "--", "\t123", "6.91793E+18", "2026/5/31 23:30", "是", '"', '""', "\r\n"));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 30 }), fc.nat(), (rows, k) => {
        const text = ["订单编号,支付时间,评价时间,商品评分,售后单号,申请时间,工单编号,创建时间,类型", ...rows.map((r) => r.join(","))].join("\n");
        return expectCleanOutcome(new TextEncoder().encode(text), k, "x.csv");
      }),
      { numRuns: 200 },
    );
  });
});
