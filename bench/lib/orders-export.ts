/**
 * The orders export the import benchmarks feed the importer: as the shop back-end names its
 * columns, written in chunks (bounded memory) as UTF-8 and, on request, GBK.
 */
import fs from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";

export const ORDERS_HEADER = "子订单编号,订单类型,订单状态,支付时间,揽收时间,签收时间,订单应付金额,达人ID,选购商品,商品数量";

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
function wallClock(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const TYPES = ["普通订单", "普通订单", "普通订单", "普通订单", "普通订单", "普通订单", "普通订单", "普通订单", "赠品", "福袋"];

function orderLine(i: number, base: number): string {
  const paid = base + i * 13_000;
  return [
    `69${String(i).padStart(17, "0")}`,
    TYPES[i % TYPES.length],
    i % 17 === 0 ? "已关闭" : "已完成",
    wallClock(paid),
    wallClock(paid + 20 * 3600_000),
    wallClock(paid + 70 * 3600_000),
    ((i % 50_000) / 100 + 9.9).toFixed(2),
    `a${i % 20}`,
    "连衣裙",
    String(1 + (i % 3)),
  ].join(",");
}

/** Writes `rows` orders into `dir`; returns the UTF-8 path, the GBK one when asked, and the UTF-8 size. */
export async function writeOrdersExport(dir: string, rows: number, options: { gbk?: boolean } = {}): Promise<{ utf8: string; gbk: string | null; bytes: number }> {
  const utf8 = path.join(dir, "1791430000_orders.csv");
  const gbk = options.gbk ? path.join(dir, "1791430000_orders_gbk.csv") : null;
  const outputs = [{ stream: fs.createWriteStream(utf8), encode: (text: string): string | Buffer => text }];
  if (gbk) outputs.push({ stream: fs.createWriteStream(gbk), encode: (text: string) => iconv.encode(text, "gbk") });
  const write = async (text: string) => {
    for (const out of outputs) {
      if (!out.stream.write(out.encode(text))) await new Promise<void>((r) => out.stream.once("drain", () => r()));
    }
  };
  await write(`${ORDERS_HEADER}\r\n`);
  const base = Date.UTC(2026, 0, 1);
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    chunk.push(orderLine(i, base));
    if (chunk.length === 10_000) {
      await write(`${chunk.join("\r\n")}\r\n`);
      chunk = [];
    }
  }
  if (chunk.length) await write(`${chunk.join("\r\n")}\r\n`);
  await Promise.all(outputs.map((out) => new Promise<void>((r) => out.stream.end(() => r()))));
  return { utf8, gbk, bytes: fs.statSync(utf8).size };
}
