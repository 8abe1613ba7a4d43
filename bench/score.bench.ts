/**
 * `npm run bench:score`: how fast Koubei scores compared with the database alone.
 *
 * Generates BENCH_SHOPS shops (default 10,000) over the 17 seeded categories with about
 * BENCH_ORDERS orders (default 1,000,000) plus reviews, after-sales, complaints and chats over 120
 * days (the demo generator at large size), builds roll-ups, then measures on one database:
 *   (a) the floor: one SQL statement computing the raw indicators with percent_rank() per category;
 *   (b) Koubei scoring every shop for one day from roll-ups (values, cohorts, explanations, snapshots);
 *   (c) a history backfill of BENCH_HISTORY_DAYS days (default 90), the scored day included;
 *   (d) one shop imports one more day of facts: time until its new score is readable.
 * PostgreSQL at BENCH_DATABASE_URL (its own database and a non-superuser role, as the app runs);
 * BENCH_PGLITE=1 runs the same on in-memory PGlite at BENCH_PGLITE_SHOPS (default 500) shops.
 * Writes bench/results/score.json.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { openPglite } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { backfillScores } from "@/server/scoring/backfill";
import { scoreOrganisationDay } from "@/server/scoring/service";
import { openTestDatabase } from "@/tests/helpers/test-db";
import { populateBenchShops } from "./lib/bench-shops";
import { analyzeAsOwner } from "./lib/settings";
import { FLOOR_SQL } from "./score-floor.sql";

process.env.LOG_LEVEL ??= "warn";

const DAYS = 120;
const SCORE_DAY = "2026-06-01";
const RESULTS = path.join(import.meta.dirname, "results", "score.json");

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const log = (...parts: unknown[]) =>
  console.error(new Date().toISOString().slice(11, 19), ...parts);

/** Fresh tables have no statistics; a production database has them (autovacuum), so give them. */
type Analyze = () => Promise<void>;

async function measure(handle: DbHandle, label: string, shopCount: number, orders: number, analyze: Analyze) {
  log(`${label}: generating ${shopCount} shops, ~${orders} orders`);
  const data = await populateBenchShops(handle, { shopCount, orders, days: DAYS, scoreDay: SCORE_DAY, log: (...parts) => log(label, ...parts) }, analyze);
  log(`${label}: data ready`, data.counts);

  const floorStart = process.hrtime.bigint();
  const floorRows = await withTenant(handle, { orgId: data.orgId }, (tx) =>
    tx.execute(sql.raw(FLOOR_SQL.replace("$1::date", `'${SCORE_DAY}'::date`))),
  );
  const floorSeconds = seconds(floorStart);
  const floorCount = Array.isArray(floorRows)
    ? floorRows.length
    : (floorRows as { rows: unknown[] }).rows.length;
  log(`${label}: (a) floor ${floorSeconds.toFixed(2)} s for ${floorCount} eligible shops`);

  const oneDayStart = process.hrtime.bigint();
  const scored = await scoreOrganisationDay(handle, {
    orgId: data.orgId,
    kind: "shop",
    day: SCORE_DAY,
  });
  const oneDaySeconds = seconds(oneDayStart);
  log(`${label}: (b) scored ${scored.length} shops in ${oneDaySeconds.toFixed(2)} s`);

  // (c) the history backfill of the whole organisation, newest day (full explanations) included.
  const historyDays = Number(process.env.BENCH_HISTORY_DAYS ?? 90);
  const historyStart = process.hrtime.bigint();
  await backfillScores(handle, { orgIds: [data.orgId], from: addDays(SCORE_DAY, -(historyDays - 1)), to: SCORE_DAY });
  const historySeconds = seconds(historyStart);
  log(`${label}: (c) ${historyDays} history days in ${historySeconds.toFixed(1)} s`);

  // A late export for one shop: one more day of facts inside the window, then the new score.
  const shopId =
    (
      await withTenant(handle, { orgId: data.orgId }, (tx) =>
        tx.select({ id: shops.id }).from(shops).limit(1),
      )
    )[0]?.id ?? "";
  const extra = generateShopFacts({
    seed: 999_999,
    keyPrefix: "late",
    firstDay: addDays(SCORE_DAY, -1),
    days: 1,
    ordersPerDay: 5,
    notAfter: shanghaiMidnight(SCORE_DAY),
  });
  const incrementalStart = process.hrtime.bigint();
  await withTenant(handle, { orgId: data.orgId }, (tx) =>
    insertShopFacts(tx, data.orgId, shopId, extra),
  );
  let incrementalSeconds = Number.NaN;
  const refreshed = await rescoreOrganisation(handle, data.orgId, SCORE_DAY, () => {
    incrementalSeconds = seconds(incrementalStart);
  });
  const incrementalAllDaysSeconds = seconds(incrementalStart);
  log(
    `${label}: (d) new score readable after ${incrementalSeconds.toFixed(2)} s; its ${refreshed.days} affected days rescored after ${incrementalAllDaysSeconds.toFixed(2)} s`,
  );

  return {
    shops: shopCount,
    data: data.counts,
    setup: { insertSeconds: data.insertSeconds, rollupSeconds: data.rollupSeconds },
    a_floorSeconds: floorSeconds,
    b_scoreOneDaySeconds: oneDaySeconds,
    b_ratioToFloor: oneDaySeconds / floorSeconds,
    c_historyDays: historyDays,
    c_historySeconds: historySeconds,
    d_incrementalSeconds: incrementalSeconds,
    d_affectedDays: refreshed.days,
    d_allAffectedDaysSeconds: incrementalAllDaysSeconds,
    targets: { b_ratioMax: 2, c_secondsMax: 30, d_secondsMax: 1 },
  };
}

const results: Record<string, unknown> = {
  generatedAt: new Date().toISOString(),
  scoreDay: SCORE_DAY,
  node: process.version,
};
if (process.env.BENCH_SKIP_POSTGRES !== "1") {
  process.env.TEST_DATABASE_URL =
    process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const db = await openTestDatabase();
  const analyze = () => analyzeAsOwner(db.ownerUrl);
  try {
    results.postgres = await measure(
      db.handle,
      "postgres",
      Number(process.env.BENCH_SHOPS ?? 10_000),
      Number(process.env.BENCH_ORDERS ?? 1_000_000),
      analyze,
    );
  } finally {
    await db.close();
  }
}
if (process.env.BENCH_PGLITE === "1") {
  const handle = await openPglite("memory");
  await migrateDatabase(handle);
  const n = Number(process.env.BENCH_PGLITE_SHOPS ?? 500);
  try {
    results.pglite = await measure(handle, "pglite", n, n * 100, async () => {
      await handle.pglite?.exec("analyze");
    });
  } finally {
    await handle.close();
  }
}
clearInterval(sampler);
results.peakRssMb = Math.round(peakRss / 1e6);
fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results));
