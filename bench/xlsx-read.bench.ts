/**
 * `npx tsx bench/xlsx-read.bench.ts`: the XLSX reading path measured against exceljs on the same
 * workbook (ADR 0010). Generates an orders workbook of BENCH_ROWS rows (default 100,000; every
 * order id and timestamp unique, so the shared strings table is as large as real exports make
 * it), then reads it in a fresh process per reader and records rows/s and peak RSS in
 * bench/results/xlsx-read.json. Nothing is downloaded.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { resolveLimits } from "@/server/imports/limits";
import { readXlsxRecords } from "@/server/imports/xlsx-reader";
import { readWorkbookRecords } from "@/server/imports/xlsx-workbook";
import { buildXlsx } from "@/scripts/lib/xlsx-builder";

process.env.LOG_LEVEL ??= "warn";
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RESULTS = path.join(import.meta.dirname, "results", "xlsx-read.json");
const READERS = ["exceljs", "saxes-in-thread", "saxes-worker", "saxes-worker-warm"] as const;
type Reader = (typeof READERS)[number];
type Measured = { reader: Reader; rows: number; seconds: number; cpuSeconds: number; rowsPerSecond: number; rowsPerCpuSecond: number; peakRssMb: number };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function workbook(rows: number): Uint8Array {
  const header = ["子订单编号", "订单类型", "订单状态", "支付时间", "订单应付金额", "达人ID", "选购商品", "商品数量"];
  const body = Array.from({ length: rows }, (_, i) => [
    `69179267688${String(i).padStart(8, "0")}`,
    i % 17 === 0 ? "福袋" : "普通订单",
    i % 11 === 0 ? "已关闭" : "已完成",
    `2026-05-${String(1 + (i % 28)).padStart(2, "0")} ${String(i % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:${String((i * 7) % 60).padStart(2, "0")}`,
    Math.round(i * 13.7) / 100,
    `a${i % 50}`,
    ["连衣裙", "衬衫", "牛仔裤", "外套"][i % 4] ?? "",
    1 + (i % 3),
  ]);
  return buildXlsx([header, ...body]);
}

/** The reading loop the importer used before this ADR: exceljs's streaming reader, shared strings cached. */
async function* exceljsRows(file: string): AsyncGenerator<unknown[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file), { sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", worksheets: "emit", entries: "emit" });
  for await (const sheet of reader) for await (const row of sheet) yield row.values as unknown[];
}

async function measureOne(reader: Reader, file: string): Promise<void> {
  const limits = resolveLimits();
  // A server keeps read workers warm between imports: "warm" reads the file once before measuring.
  if (reader === "saxes-worker-warm") for await (const _ of readXlsxRecords({ path: file }, limits));
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let rows = 0;
  const source = reader === "exceljs" ? exceljsRows(file) : reader.startsWith("saxes-worker") ? readXlsxRecords({ path: file }, limits) : readWorkbookRecords({ path: file }, limits);
  for await (const _ of source) rows += 1;
  const seconds = (performance.now() - started) / 1000;
  // CPU time of every thread of the process: on a shared machine wall time mostly measures the neighbours.
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const result = {
    reader,
    rows,
    seconds: Math.round(seconds * 100) / 100,
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    rowsPerSecond: Math.round(rows / seconds),
    rowsPerCpuSecond: Math.round(rows / cpuSeconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

async function main(): Promise<void> {
  const [mode, reader, file] = process.argv.slice(2);
  if (mode === "--one" && reader && file) return measureOne(reader as Reader, file);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-xlsx-bench-"));
  const target = path.join(dir, "orders.xlsx");
  fs.writeFileSync(target, workbook(ROWS));
  // The machine is shared: each reader runs ROUNDS times, interleaved, and the median counts.
  const runs = new Map<Reader, Measured[]>(READERS.map((r) => [r, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of READERS) {
      const run = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, "--one", name, target], { encoding: "utf8", env: process.env });
      if (run.status !== 0) throw new Error(`${name}: ${run.stderr}`);
      const line = run.stdout.trim().split("\n").pop() ?? "{}";
      runs.get(name)?.push(JSON.parse(line) as Measured);
      process.stdout.write(`${line}\n`);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const results = READERS.map((reader) => {
    const all = runs.get(reader) ?? [];
    return { reader, rowsPerSecond: median(all.map((r) => r.rowsPerSecond)), rowsPerCpuSecond: median(all.map((r) => r.rowsPerCpuSecond)), peakRssMb: median(all.map((r) => r.peakRssMb)), runs: all };
  });
  process.stdout.write(`${JSON.stringify(results.map(({ runs: _runs, ...r }) => r))}\n`);
  const record = { date: new Date().toISOString(), node: process.version, rows: ROWS, fileBytes: fs.statSync(target).size, cpus: os.cpus().length, results };
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, `${JSON.stringify(record, null, 2)}\n`);
  if (process.env.BENCH_KEEP) process.stdout.write(`kept ${target}\n`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

await main();
