/**
 * The text half of the hostile-file corpus (issue 14), generated here rather than downloaded:
 * files an attacker or a broken export tool could upload as CSV, each with the outcome Koubei must
 * reach — a clean import or one clear, translated refusal. The XLSX/ZIP half is
 * scripts/hostile-corpus.ts. Tests build the files in memory (tests/integration/imports/
 * hostile-text.test.ts); `tsx scripts/hostile-corpus-text.ts DIR` writes them out to try by hand.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import iconv from "iconv-lite";

export type HostileTextOutcome =
  | { status: "succeeded"; rows: number; rejected?: number; noteKeys?: string[] }
  | { status: "failed"; errorKey: string; detailKey?: string };

export type HostileTextFile = {
  name: string;
  /** Why the file is hostile. */
  about: string;
  bytes: Uint8Array;
  /** The encoding the user picked in the preview; auto-detection otherwise. */
  encoding?: "utf-8" | "gbk";
  outcome: HostileTextOutcome;
};

const HEADER = ["子订单编号", "订单提交时间", "订单应付金额", "选购商品", "商品数量"];

const orderRow = (i: number, product = "连衣裙", paidAt = "2026-05-01 10:00:00") => [`h-${String(i).padStart(5, "0")}`, paidAt, "88.00", product, "1"];

const csv = (rows: string[][], delimiter = ",") =>
  rows.map((r) => r.map((c) => (/[",\r\n\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter)).join("\r\n") + "\r\n";

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));
const utf16le = (text: string, bom: boolean) => new Uint8Array(Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, "utf16le")]));
const utf16be = (text: string) => {
  const le = Buffer.from(text, "utf16le");
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] ?? 0, le[i] ?? 0];
  return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), le]));
};

/** Every form a cell can start a formula with: ASCII, full-width, and behind TAB or CR. */
export const FORMULA_PAYLOADS = [
  '=HYPERLINK("http://evil.test","点我")',
  "+1+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(1,1)",
  "\t=1+1",
  "\r=1+1",
  "＝1＋1",
  "＋cmd",
  "－1",
  "＠SUM(A1)",
];

/** GBK text with bytes no GBK encoder writes: a lone lead byte and 0xFF. */
function gbkWithInvalidBytes(): Uint8Array {
  const parts: Buffer[] = [iconv.encode(csv([HEADER]), "gb18030")];
  for (let i = 1; i <= 6; i++) {
    const row = orderRow(i);
    if (i === 2 || i === 5) {
      const [id, paid, amount, , qty] = row;
      parts.push(iconv.encode(`${id},${paid},${amount},连衣`, "gb18030"), Buffer.from([0xff]), iconv.encode(`裙,${qty}\r\n`, "gb18030"));
    } else {
      parts.push(iconv.encode(csv([row]), "gb18030"));
    }
  }
  return new Uint8Array(Buffer.concat(parts));
}

export function textCorpus(): HostileTextFile[] {
  const clean = (n: number) => [HEADER, ...Array.from({ length: n }, (_, i) => orderRow(i + 1))];
  const oneLine = `${HEADER.join(",")},${"h-1,2026-05-01 10:00:00,88.00,连衣裙,1,".repeat(300_000)}`;
  return [
    {
      name: "one-line.csv",
      about: "about 12 MB without a single line break",
      bytes: utf8(oneLine),
      outcome: { status: "failed", errorKey: "errors.import.badCsv", detailKey: "importer.details.lineTooLong" },
    },
    {
      name: "unicode-text-bom.txt",
      about: "Excel's 'Unicode text': UTF-16LE with a BOM, tab-separated",
      bytes: utf16le(csv(clean(30), "\t"), true),
      outcome: { status: "succeeded", rows: 30 },
    },
    { name: "utf16le-no-bom.csv", about: "UTF-16LE without a BOM", bytes: utf16le(csv(clean(30)), false), outcome: { status: "succeeded", rows: 30 } },
    { name: "utf16be-bom.csv", about: "UTF-16BE with a BOM", bytes: utf16be(csv(clean(30))), outcome: { status: "succeeded", rows: 30 } },
    {
      name: "gbk-invalid-bytes.csv",
      about: "GBK with bytes no GBK encoder writes, in rows 3 and 6",
      bytes: gbkWithInvalidBytes(),
      outcome: { status: "succeeded", rows: 6, noteKeys: ["importer.notes.replacedCharacters"] },
    },
    {
      name: "utf8-invalid-bytes.csv",
      about: "UTF-8 with a byte that cannot start a character, the user having chosen UTF-8",
      bytes: new Uint8Array(Buffer.concat([Buffer.from(csv(clean(3))), Buffer.from([0xc3, 0x28]), Buffer.from(",2026-05-01 10:00:00,1,裙,1\r\n")])),
      encoding: "utf-8",
      outcome: { status: "failed", errorKey: "errors.import.notUtf8" },
    },
    {
      name: "utf8-broken-byte.csv",
      about: "UTF-8 with one byte that cannot start a character, encoding left to detection",
      bytes: new Uint8Array(Buffer.concat([Buffer.from(csv(clean(8))), Buffer.from("h-00009,2026-05-01 10:00:00,1,连衣"), Buffer.from([0xc3, 0x28]), Buffer.from("裙,1\r\n")])),
      outcome: { status: "succeeded", rows: 9, noteKeys: ["importer.notes.replacedCharacters"] },
    },
    {
      name: "formulas.csv",
      about: "product names in every formula form; one row rejected so the error CSV carries them too",
      bytes: utf8(csv([HEADER, ...FORMULA_PAYLOADS.map((p, i) => orderRow(i + 1, p)), orderRow(99, FORMULA_PAYLOADS[0], "=NOW()")])),
      outcome: { status: "succeeded", rows: FORMULA_PAYLOADS.length, rejected: 1 },
    },
    {
      name: "long-cells.csv",
      about: "10,000-character cells, in Chinese, one per row",
      bytes: utf8(csv([HEADER, ...Array.from({ length: 50 }, (_, i) => orderRow(i + 1, "长".repeat(10_000)))])),
      outcome: { status: "succeeded", rows: 50 },
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = path.resolve(process.argv[2] ?? "hostile-corpus-text");
  fs.mkdirSync(dir, { recursive: true });
  for (const file of textCorpus()) fs.writeFileSync(path.join(dir, file.name), file.bytes);
  process.stdout.write(`${dir}\n`);
}
