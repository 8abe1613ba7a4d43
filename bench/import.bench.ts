/**
 * `npm run bench:import`: how fast the full import pipeline is compared with the database alone.
 *
 * Generates a 1,000,000-row orders export (UTF-8 and GBK, as the shop back-end names its columns)
 * in a temp dir, then on each database (PostgreSQL at BENCH_DATABASE_URL, in a database of its
 * own, and in-memory PGlite), BENCH_RUNS times (default 3):
 *   - the floor: COPY of the same file into a table created `like orders including all` — the
 *     same primary key (the natural key that makes imports idempotent) and the same indexes
 *     scoring reads orders by — in the wall-clock zone of the export (Asia/Shanghai);
 *   - the full import (decode, parse, map, validate, classify, change log, upsert, touched days);
 *   - the same file again (every row unchanged);
 *   - the GBK file into another shop;
 * Each ratio is computed within one run; the file records every run and the median of each
 * number (bench/results/import.json; keys `postgres.keyedCopy.seconds`, `postgres.import.seconds`,
 * `postgres.importVsKeyedCopy`, `postgres.reimportVsKeyedCopy` are read by acceptance checks).
 * Files this large are read by two worker threads, a stretch of records each (ADR 0039; each
 * import's `stretches` says how many); BENCH_IMPORT_ONE_PIECE=1 reads them in the import's own
 * thread instead, as before. BENCH_ROWS overrides the row count; BENCH_SKIP_PGLITE=1 / BENCH_SKIP_POSTGRES=1 skip a database;
 * BENCH_RESULTS_DIR writes the file elsewhere.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { medianOfRuns } from "./lib/median";
import { writeOrdersExport } from "./lib/orders-export";
import { peakRssMeter } from "./lib/peak-rss";

process.env.LOG_LEVEL ??= "warn";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ONE_PIECE = process.env.BENCH_IMPORT_ONE_PIECE === "1";
const RESULTS = path.join(process.env.BENCH_RESULTS_DIR ?? path.join(import.meta.dirname, "results"), "import.json");

/** The export's columns in file order, as the orders table names them. */
const FILE_COLUMNS = "order_id, order_type, status, paid_at, picked_up_at, delivered_at, amount, author_id, product_name, quantity";
/** The floor's table: the orders table's key and indexes; the tenant and shop as the import sets them. */
const keyedTable = (orgId: string, shopId: string) => `create table bench_keyed (like orders including all);
  alter table bench_keyed alter column org_id set default '${orgId}', alter column shop_id set default '${shopId}'`;
const KEYED_COPY = `copy bench_keyed (${FILE_COLUMNS}) from stdin with (format csv, header true)`;

/** Writes the export in chunks (bounded memory); returns the UTF-8 and GBK paths. */
async function generate(dir: string): Promise<{ utf8: string; gbk: string; bytes: number }> {
  const files = await writeOrdersExport(dir, ROWS, { gbk: true });
  if (!files.gbk) throw new Error("no GBK file");
  return { utf8: files.utf8, gbk: files.gbk, bytes: files.bytes };
}

type Sample = { peakRssMb: number };

async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T } & Sample> {
  global.gc?.();
  const rss = peakRssMeter();
  const t0 = performance.now();
  const value = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const peak = rss.bytes();
  rss.stop();
  return { seconds: Math.round(seconds * 100) / 100, value, peakRssMb: Math.round(peak / 1024 / 1024) };
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
    // The floor: COPY into a table with the orders table's key and indexes (a dropped copy, so the
    // import's own table starts empty).
    let copy;
    const floorOrg = randomUUID();
    const floorShop = randomUUID();
    if (kind === "postgres") {
      if (!t.ownerUrl) throw new Error("no owner url");
      const owner = postgres(t.ownerUrl, { max: 1, onnotice: () => undefined });
      await owner.unsafe("set timezone = 'Asia/Shanghai'");
      await owner.unsafe(keyedTable(floorOrg, floorShop));
      copy = await timed(async () => {
        const writable = await owner.unsafe(KEYED_COPY).writable();
        await pipeline(fs.createReadStream(files.utf8), writable);
      });
      const [count] = await owner.unsafe<{ n: string }[]>("select count(*) as n from bench_keyed");
      if (Number(count?.n) !== ROWS) throw new Error(`the floor copied ${count?.n} rows, not ${ROWS}`);
      await owner.unsafe("drop table bench_keyed");
      await owner.end();
    } else {
      const pglite = handle.pglite;
      if (!pglite) throw new Error("no pglite");
      await pglite.exec("set timezone = 'Asia/Shanghai'");
      await pglite.exec(keyedTable(floorOrg, floorShop));
      copy = await timed(async () => {
        const blob = new Blob([fs.readFileSync(files.utf8)]);
        await pglite.query(KEYED_COPY.replace("from stdin", "from '/dev/blob'"), [], { blob });
      });
      const count = await pglite.query<{ n: number }>("select count(*)::int as n from bench_keyed");
      if (count.rows[0]?.n !== ROWS) throw new Error(`the floor copied ${count.rows[0]?.n} rows, not ${ROWS}`);
      await pglite.exec("drop table bench_keyed; reset timezone");
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
    const run = (shopId: string, file: string) => runImport(handle, ctx, { shopId, kind: "orders", source: { path: file }, fileName: path.basename(file), ...(ONE_PIECE ? { parallelCsv: false as const } : {}) });

    const first = await timed(() => run(shopA, files.utf8));
    const again = await timed(() => run(shopA, files.utf8));
    const gbk = await timed(() => run(shopB, files.gbk));
    const summary = (r: Awaited<ReturnType<typeof run>>) => ({ status: r.status, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, stretches: r.stretches });
    const rate = (s: number) => Math.round(ROWS / s);
    const ratio = (floor: number, measured: number) => Math.round((floor / measured) * 1000) / 1000;
    return {
      rows: ROWS,
      keyedCopy: { seconds: copy.seconds, rowsPerSecond: rate(copy.seconds), peakRssMb: copy.peakRssMb },
      import: { seconds: first.seconds, rowsPerSecond: rate(first.seconds), peakRssMb: first.peakRssMb, ...summary(first.value) },
      reimport: { seconds: again.seconds, rowsPerSecond: rate(again.seconds), peakRssMb: again.peakRssMb, ...summary(again.value) },
      gbkImport: { seconds: gbk.seconds, rowsPerSecond: rate(gbk.seconds), peakRssMb: gbk.peakRssMb, ...summary(gbk.value) },
      /** Import speed as a share of the keyed COPY's speed (1 = as fast as the floor); target ≥ 0.5. */
      importVsKeyedCopy: ratio(copy.seconds, first.seconds),
      /** Target ≥ 0.5. */
      reimportVsKeyedCopy: ratio(copy.seconds, again.seconds),
      /** Target ≥ 0.45. */
      gbkVsKeyedCopy: ratio(copy.seconds, gbk.seconds),
      peakRssMb: Math.max(first.peakRssMb, again.peakRssMb, gbk.peakRssMb),
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
    const report: Record<string, unknown> = { benchmark: "import", generatedAt: new Date().toISOString(), node: process.version, cpus: os.cpus().length, fileMb: Math.round(files.bytes / 1024 / 1024), runs: RUNS };
    for (const kind of ["postgres", "pglite"] as const) {
      if (kind === "postgres" && process.env.BENCH_SKIP_POSTGRES) continue;
      if (kind === "pglite" && process.env.BENCH_SKIP_PGLITE) continue;
      const runs = [];
      for (let run = 1; run <= RUNS; run++) {
        console.log(`${kind}, run ${run} of ${RUNS} …`);
        const result = await benchDatabase(kind, files);
        console.log(JSON.stringify(result));
        runs.push(result);
      }
      report[kind] = { ...medianOfRuns(runs), runs };
    }
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`wrote ${RESULTS}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
