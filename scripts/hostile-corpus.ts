/**
 * The hostile-file corpus for the XLSX reader: every file is built here (nothing downloaded),
 * each with the outcome the importer must reach — a clean import or a named refusal.
 *
 *   npx tsx scripts/hostile-corpus.ts [folder]   writes the files (default: a new temp folder)
 *
 * tests/integration/imports/hostile-xlsx.test.ts imports every case and checks its outcome, time
 * and memory.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ImportLimits } from "@/server/imports/limits";
import { buildXlsx, rowsXml, sharedStringsXml, sheetXml, xmlEscape, type PartName } from "./lib/xlsx-builder";
import { repeatedDeflate } from "./lib/zip-writer";

export type Expected = { ok: true; facts: number } | { ok: false; error: string; detail?: string };
export type HostileCase = { name: string; build: () => Uint8Array; expect: Expected; limits?: Partial<ImportLimits> };

const ORDERS: (string | number)[][] = [
  ["子订单编号", "支付时间", "商品名称"],
  ["o1", "2026-05-31 10:00", "连衣裙"],
  ["o2", "2026-05-31 11:00", "衬衫"],
];
const MB = 1024 * 1024;
const clean: Expected = { ok: true, facts: 2 };
const refused = (error: string, detail?: string): Expected => ({ ok: false, error: `errors.import.${error}`, detail: detail && `importer.details.${detail}` });

/** One megabyte of the same text: deflate squeezes it about 400-fold. */
const squeezable = () => Buffer.from("<si><t>bomb</t></si>".repeat(MB / 20));

/** Letters that deflate barely shrinks (a small LCG, so the corpus is the same every run). */
function noise(length: number, seed: number): string {
  let state = seed;
  const letters: string[] = [];
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    // The low bits of this generator repeat quickly; the high ones do not.
    letters.push(String.fromCharCode(97 + ((state >>> 16) % 26)));
  }
  return letters.join("");
}

/** Every part the reader might open or skip: a bomb that tells its size and one that lies about it. */
const BOMB_PARTS: { part: PartName; label: string; readByImporter: boolean }[] = [
  { part: "xl/sharedStrings.xml", label: "sharedStrings", readByImporter: true },
  { part: "xl/worksheets/sheet1.xml", label: "sheet", readByImporter: true },
  { part: "xl/workbook.xml", label: "workbook", readByImporter: true },
  { part: "xl/_rels/workbook.xml.rels", label: "workbook-rels", readByImporter: true },
  { part: "xl/styles.xml", label: "styles", readByImporter: false },
  { part: "[Content_Types].xml", label: "content-types", readByImporter: false },
];

const LAUGHS =
  '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("") +
  ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>';

/** Shared strings of ~20 bytes each that compress only a few times over: the cap on their number must stop them. */
function sharedStringsFlood(blocks: number) {
  const block = Buffer.from(Array.from({ length: MB / 24 }, (_, i) => `<si><t>v${String(i).padStart(9, "0")}</t></si>`).join(""));
  const head = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  return { data: repeatedDeflate(block, blocks, { head, tail: "</sst>" }) };
}

/** The ORDERS sheet with its shared strings in a part of their own, for cases that re-encode that part. */
function orderStrings(): string[] {
  const shared: string[] = [];
  rowsXml(ORDERS, shared);
  return shared;
}
const orderParts = () => ({ "xl/worksheets/sheet1.xml": sheetXml(rowsXml(ORDERS, [])) });
const utf16 = (text: string) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
/** Bytes that are not UTF-8 (a lone continuation byte and a truncated sequence) inside the text of a string. */
const withInvalidBytes = (text: string) => {
  const [before, after] = text.split("衬衫");
  return new Uint8Array(Buffer.concat([Buffer.from(`${before}衬`, "utf8"), Buffer.from([0x80, 0xe8, 0xa1]), Buffer.from(`衫${after ?? ""}`, "utf8")]));
};

export function hostileXlsxCases(): HostileCase[] {
  const cases: HostileCase[] = [
    { name: "baseline", build: () => buildXlsx(ORDERS), expect: clean },
    { name: "total-declared-past-limit", build: () => buildXlsx(ORDERS, { "xl/styles.xml": { data: repeatedDeflate(squeezable(), 1100) } }), expect: refused("zipBomb") },
  ];
  for (const { part, label, readByImporter } of BOMB_PARTS) {
    cases.push({ name: `bomb-${label}-high-ratio`, build: () => buildXlsx(ORDERS, { [part]: { data: repeatedDeflate(squeezable(), 300) } }), expect: refused("zipBomb") });
    cases.push({
      name: `bomb-${label}-lying-size`,
      build: () => buildXlsx(ORDERS, { [part]: { data: repeatedDeflate(squeezable(), 300), declaredSize: 4096 } }),
      // A part the importer never opens cannot hurt it: the workbook imports.
      expect: readByImporter ? refused("damagedXlsx", "entrySizeLies") : clean,
    });
  }
  cases.push(
    { name: "shared-strings-flood", build: () => buildXlsx(ORDERS, { "xl/sharedStrings.xml": sharedStringsFlood(140) }), expect: refused("xlsxTooMuchText") },
    {
      name: "worker-heap-exhausted",
      build: () => buildXlsx(ORDERS, { "xl/sharedStrings.xml": sharedStringsFlood(140) }),
      limits: { maxSharedStrings: 1e9, maxSharedStringChars: 1e12, maxXlsxWorkerHeapMb: 64 },
      expect: refused("xlsxOutOfMemory"),
    },
    { name: "billion-laughs-shared-strings", build: () => buildXlsx(ORDERS, { "xl/sharedStrings.xml": LAUGHS }), expect: refused("damagedXlsx", "xmlDoctype") },
    {
      name: "billion-laughs-sheet",
      build: () => buildXlsx(ORDERS, { "xl/worksheets/sheet1.xml": LAUGHS.replace("<sst", "<worksheet").replace("</sst>", "</worksheet>") }),
      expect: refused("damagedXlsx", "xmlDoctype"),
    },
    {
      name: "dimension-A1-XFD1048576",
      build: () => {
        const shared: string[] = [];
        const rows = rowsXml(ORDERS, shared);
        return buildXlsx([], { "xl/worksheets/sheet1.xml": sheetXml(rows, "A1:XFD1048576"), "xl/sharedStrings.xml": sharedStringsXml(shared) });
      },
      expect: clean,
    },
    {
      name: "cell-in-column-XFD",
      build: () => {
        const shared: string[] = [];
        const rows = rowsXml(ORDERS, shared) + '<row r="4"><c r="XFD4"><v>1</v></c></row>';
        return buildXlsx([], { "xl/worksheets/sheet1.xml": sheetXml(rows, "A1:XFD1048576"), "xl/sharedStrings.xml": sharedStringsXml(shared) });
      },
      expect: refused("damagedXlsx", "columnsInXlsxRow"),
    },
    {
      name: "million-empty-rows",
      build: () => {
        const shared: string[] = [];
        const empty = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 4}"/>`).join("");
        return buildXlsx([], { "xl/worksheets/sheet1.xml": sheetXml(rowsXml(ORDERS, shared) + empty, "A1:C1000003"), "xl/sharedStrings.xml": sharedStringsXml(shared) });
      },
      expect: clean,
    },
    {
      name: "ten-thousand-character-cells",
      build: () => buildXlsx([ORDERS[0] ?? [], ...Array.from({ length: 300 }, (_, i) => [`o${i}`, "2026-05-31 10:00", noise(10_000, i)])]),
      expect: { ok: true, facts: 300 },
    },
    {
      name: "utf16-shared-strings",
      build: () => buildXlsx([], { ...orderParts(), "xl/sharedStrings.xml": { data: utf16(sharedStringsXml(orderStrings())) } }),
      expect: clean,
    },
    {
      name: "invalid-utf8-in-shared-strings",
      build: () => buildXlsx([], { ...orderParts(), "xl/sharedStrings.xml": { data: withInvalidBytes(sharedStringsXml(orderStrings())) } }),
      expect: clean,
    },
    {
      // Formulas are never evaluated: the cached value is read as text (the formula guard of the
      // export then treats "=…" like any cell).
      name: "formula-cells",
      build: () => {
        const shared: string[] = [];
        const formula = `<c r="C2" t="str"><f>HYPERLINK("http://x","y")</f><v>${xmlEscape("=cmd|' /C calc'!A0")}</v></c>`;
        const rows = rowsXml(ORDERS, shared).replace(/<c r="C2".*?<\/c>/, formula);
        return buildXlsx([], { "xl/worksheets/sheet1.xml": sheetXml(rows), "xl/sharedStrings.xml": sharedStringsXml(shared) });
      },
      expect: clean,
    },
    { name: "five-million-character-cell", build: () => buildXlsx([...ORDERS, ["o3", "2026-05-31 12:00", noise(5_000_000, 7)]]), expect: refused("damagedXlsx", "xmlRunTooLong") },
  );
  return cases;
}

async function main(): Promise<void> {
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : fs.mkdtempSync(path.join(os.tmpdir(), "koubei-hostile-"));
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const item of hostileXlsxCases()) {
    const file = path.join(dir, `${item.name}.xlsx`);
    fs.writeFileSync(file, item.build(), { mode: 0o600 });
    const outcome = item.expect.ok ? `imports ${item.expect.facts} rows` : `refused: ${item.expect.error}${item.expect.detail ? ` (${item.expect.detail})` : ""}`;
    process.stdout.write(`${path.basename(file).padEnd(44)} ${String(fs.statSync(file).size).padStart(10)} B  ${outcome}\n`);
  }
  process.stdout.write(`${dir}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
