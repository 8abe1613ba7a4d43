/**
 * `npm run bench:import`: how fast the full import pipeline is compared with a raw COPY.
 *
 * Generates a 1,000,000-row orders export (UTF-8 and GBK, as the shop back-end names its columns)
 * in a temp dir, then on each database (PostgreSQL at BENCH_DATABASE_URL, in a database of its
 * own, and in-memory PGlite):
 *   - raw COPY of the same rows into a bare typed table (no keys, no indexes): the floor;
 *   - the full import (decode, parse, map, validate, classify, change log, upsert, touched days);
 *   - the same file again (every row unchanged);
 *   - the GBK file into another shop;
 * and records rows/s, the import/COPY speed ratio and peak RSS in bench/results/import.json.
 * BENCH_ROWS overrides the row count; BENCH_SKIP_PGLITE=1 / BENCH_SKIP_POSTGRES=1 skip a database.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { writeOrdersExport } from "./lib/orders-export";

process.env.LOG_LEVEL ??= "warn";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const RESULTS = path.join(import.meta.dirname, "results", "import.json");

const COPY_TABLE = `(order_id text, order_type text, status text, paid_at timestamptz, picked_up_at timestamptz,
  delivered_at timestamptz, amount numeric(14,2), author_id text, product_name text, quantity integer)`;

/** Writes the export in chunks (bounded memory); returns the UTF-8 and GBK paths. */
async function generate(dir: string): Promise<{ utf8: string; gbk: string; bytes: number }> {
  const files = await writeOrdersExport(dir, ROWS, { gbk: true });
  if (!files.gbk) throw new Error("no GBK file");
  return { utf8: files.utf8, gbk: files.gbk, bytes: files.bytes };
}

type Sample = { peakRssMb: number };
function trackRss(): { stop(): Sample } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { peakRssMb: Math.round(peak / 1024 / 1024) };
    },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T } & Sample> {
  global.gc?.();
  const rss = trackRss();
  const t0 = performance.now();
  const value = await fn();
  const seconds = (performance.now() - t0) / 1000;
  return { seconds: Math.round(seconds * 100) / 100, value, ...rss.stop() };
}

async function benchDatabase(kind: "postgres" | "pglite", files: { utf8: string; gbk: string }) {
  const { openTestDatabase } = await import("../tests/helpers/test-db");
  const { runImport } = await import("../server/imports/service");
  const { withTenant } = await import("../server/db/tenant");
  const schema = await import("../db/schema");
  if (kind === "postgres") process.env.TEST_DATABASE_URL = PG_URL;
  else delete process.env.TEST_DATABASE_URL;
  const t = await openTestDatabase();
  try {
    const handle = t.handle;
    // Raw COPY into a bare typed table: the speed floor the import is measured against.
    let copy;
    if (kind === "postgres") {
      if (!t.ownerUrl) throw new Error("no owner url");
      const owner = postgres(t.ownerUrl, { max: 1, onnotice: () => undefined });
      await owner.unsafe(`create table bench_copy ${COPY_TABLE}`);
      copy = await timed(async () => {
        const writable = await owner.unsafe("copy bench_copy from stdin with (format csv, header true)").writable();
        await pipeline(fs.createReadStream(files.utf8), writable);
      });
      await owner.end();
    } else {
      const pglite = handle.pglite;
      if (!pglite) throw new Error("no pglite");
      await pglite.exec(`create table bench_copy ${COPY_TABLE}`);
      copy = await timed(async () => {
        const blob = new Blob([fs.readFileSync(files.utf8)]);
        await pglite.query("copy bench_copy from '/dev/blob' with (format csv, header true)", [], { blob });
      });
      await pglite.exec("drop table bench_copy");
    }

    const orgId = randomUUID();
    await withTenant(handle, { orgId }, (tx) => tx.insert(schema.organisations).values({ orgId, name: "bench" }));
    const shop = async (externalId: string) => {
      const [row] = await withTenant(handle, { orgId }, (tx) =>
        tx.insert(schema.shops).values({ orgId, externalId, name: externalId, categoryCode: "apparel" }).returning({ id: schema.shops.id }),
      );
      if (!row) throw new Error("no shop");
      return row.id;
    };
    const shopA = await shop("bench-a");
    const shopB = await shop("bench-b");
    const ctx = { orgId, userId: null };
    const run = (shopId: string, file: string) => runImport(handle, ctx, { shopId, kind: "orders", source: { path: file }, fileName: path.basename(file) });

    const first = await timed(() => run(shopA, files.utf8));
    const again = await timed(() => run(shopA, files.utf8));
    const gbk = await timed(() => run(shopB, files.gbk));
    const summary = (r: Awaited<ReturnType<typeof run>>) => ({ status: r.status, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected });
    const rate = (s: number) => Math.round(ROWS / s);
    return {
      database: kind,
      rows: ROWS,
      copy: { seconds: copy.seconds, rowsPerSecond: rate(copy.seconds) },
      import: { seconds: first.seconds, rowsPerSecond: rate(first.seconds), peakRssMb: first.peakRssMb, ...summary(first.value) },
      reimport: { seconds: again.seconds, rowsPerSecond: rate(again.seconds), peakRssMb: again.peakRssMb, ...summary(again.value) },
      gbkImport: { seconds: gbk.seconds, rowsPerSecond: rate(gbk.seconds), peakRssMb: gbk.peakRssMb, ...summary(gbk.value) },
      /** Import speed as a share of raw COPY speed (1 = as fast as COPY). */
      importVsCopy: Math.round((copy.seconds / first.seconds) * 1000) / 1000,
      reimportVsCopy: Math.round((copy.seconds / again.seconds) * 1000) / 1000,
      /** Re-import time / first import time. */
      reimportRatio: Math.round((again.seconds / first.seconds) * 1000) / 1000,
    };
  } finally {
    await t.close();
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-bench-import-"));
  try {
    console.log(`generating ${ROWS} rows in ${dir} …`);
    const files = await generate(dir);
    console.log(`  ${(files.bytes / 1024 / 1024).toFixed(1)} MB UTF-8`);
    const results = [];
    for (const kind of ["postgres", "pglite"] as const) {
      if (kind === "postgres" && process.env.BENCH_SKIP_POSTGRES) continue;
      if (kind === "pglite" && process.env.BENCH_SKIP_PGLITE) continue;
      console.log(`${kind} …`);
      const result = await benchDatabase(kind, files);
      console.log(JSON.stringify(result, null, 2));
      results.push(result);
    }
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    const report = { benchmark: "import", generatedAt: new Date().toISOString(), node: process.version, cpus: os.cpus().length, fileMb: Math.round(files.bytes / 1024 / 1024), results };
    fs.writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`wrote ${RESULTS}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
