/**
 * `npm run bench:score`: how fast Koubei builds roll-ups and scores, against the database alone.
 *
 * Generates BENCH_SHOPS shops (default 10,000) over the 17 seeded categories with about
 * BENCH_ORDERS orders (default 1,000,000) plus reviews, after-sales, complaints and chats over 120
 * days (the demo generator at large size), builds roll-ups (setup.rollupSeconds), then measures:
 *   floors.rollupsSeconds — the same roll-ups built by one set-based SQL statement into a copy of
 *     daily_rollups with the same key (bench/rollup-floor.sql.ts), checked row by row;
 *   floors.oneDaySeconds — the ten indicators and per-category percentiles of one day from the same
 *     roll-ups in one float8 statement (bench/score-floor.sql.ts), checked against the engine;
 *   (b) Koubei scoring every shop for one day from roll-ups (values, cohorts, explanations, snapshots);
 *   (c) a history backfill of BENCH_HISTORY_DAYS days (default 90), the scored day included;
 *   floors.historySeconds — the same days' ten indicators and per-category percentiles of every shop
 *     stored by float8 SQL that slides the windows (bench/history-floor.sql.ts; on PostgreSQL two
 *     statements side by side, each for half of the days), checked against (c)'s summaries; it runs
 *     before (d), whose late file would leave (c)'s summaries of the other shops behind the floor;
 *   (d) one shop imports one more day of facts: time until its new score is readable.
 * The shops also carry the current rules' facts (issue 16; BENCH_CURRENT=0 leaves them out), and the
 * same is measured for the 30-day rule set douyin-shop-2026-07 (bench/lib/current-rules.ts):
 *   floors.currentOneDaySeconds — the nine indicators' values and per-category percentiles in one
 *     float8 statement over the facts (bench/score-current-floor.sql.ts), checked against the engine;
 *   (b′) bp_currentOneDaySeconds — scoreShopsUnderCurrentRules for every shop on the day;
 *   (c′) cp_currentHistorySeconds — the 30 days before it from one read of the facts (cp_currentHistoryDays);
 *   (d′) dp_currentLateFileSeconds — one shop's late file → its new 100-point score.
 * ratios.rollupsToFloor, ratios.oneDayToFloor and ratios.currentOneDayToFloor are computed within each run. BENCH_RUNS (default
 * 3) repeats the whole measurement on fresh data, each run in a process of its own (this file
 * bundled as the CLI is, without a TypeScript loader) so that every step's peak RSS
 * (peakRssMbByStep) is its own; the file holds every run and the median of each
 * number. PostgreSQL at BENCH_DATABASE_URL (its own database and a non-superuser role, as the app
 * runs); BENCH_PGLITE=1 runs the same on in-memory PGlite at BENCH_PGLITE_SHOPS (default 500) shops.
 * BENCH_PROFILE_DIR writes CPU profiles of steps (b) and (c) there.
 * Writes bench/results/score.json (BENCH_RESULTS_DIR elsewhere); the keys named in issues 15 and 16
 * are read by acceptance checks (tests/integration/bench-result-keys.test.ts).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { rowsOf } from "@/db/security";
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
import { getRuleSet } from "@/server/scoring/rule-sets";
import { storeOrganisationDay } from "@/server/scoring/service";
import { openTestDatabase } from "@/tests/helpers/test-db";
import { populateBenchShops } from "./lib/bench-shops";
import { CURRENT_RULE_SET, measureCurrentRules } from "./lib/current-rules";
import { profiled } from "./lib/cpu-profile";
import { historyFloorSeconds } from "./lib/history-floor";
import { peakRssMeter } from "./lib/peak-rss";
import { medianOfRuns } from "./lib/median";
import { analyzeAsOwner } from "./lib/settings";
import { ROLLUP_FLOOR_SQL, ROLLUP_MISMATCHES_SQL } from "./rollup-floor.sql";
import { ENGINE_INDICATORS_SQL, oneDayFloorSql } from "./score-floor.sql";

process.env.LOG_LEVEL ??= "warn";

const DAYS = 120;
const SCORE_DAY = "2026-06-01";
const RESULTS = path.join(process.env.BENCH_RESULTS_DIR ?? path.join(import.meta.dirname, "results"), "score.json");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CURRENT = process.env.BENCH_CURRENT !== "0";
/** Set by the parent process for a run it started (`runInProcessesOfTheirOwn`). */
const RUN_LABEL = process.env.BENCH_RUN_LABEL;
/** What each run's process executed (the results say whether it was the bundle or TypeScript through a loader). */
const RUN_FROM = path.basename(process.argv[1] ?? "");

const rss = peakRssMeter();
/** The peak since the last call, in MB; each step's own peak goes in the results. */
const stepPeakMb = (): number => {
  const mb = Math.round(rss.bytes() / 1e6);
  rss.reset();
  return mb;
};

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const log = (...parts: unknown[]) =>
  console.error(new Date().toISOString().slice(11, 19), ...parts);

/** Fresh tables have no statistics; a production database has them (autovacuum), so give them. */
type Analyze = () => Promise<void>;

async function measure(handle: DbHandle, label: string, shopCount: number, orders: number, analyze: Analyze, ownerUrl?: string) {
  log(`${label}: generating ${shopCount} shops, ~${orders} orders`);
  stepPeakMb();
  // The facts' generation and load are the benchmark's own; the roll-up build after them is Koubei's.
  let factsRssMb = 0;
  const onFactsInserted = () => void (factsRssMb = stepPeakMb());
  const data = await populateBenchShops(handle, { shopCount, orders, days: DAYS, scoreDay: SCORE_DAY, current: CURRENT, log: (...parts) => log(label, ...parts), onFactsInserted }, analyze);
  log(`${label}: data ready`, data.counts);
  const rollupsRssMb = stepPeakMb();

  // Floor 1: the same roll-ups built by the database alone, then checked row by row against the engine's.
  const rollupsFloor = await rollupsFloorSeconds(handle, data.orgId, ownerUrl);
  log(`${label}: floor roll-ups ${rollupsFloor.toFixed(2)} s (engine ${data.rollupSeconds.toFixed(2)} s)`);

  // Floor 2 and (b), in a function of their own: the day's ten thousand explanations and both
  // sets of rows are garbage once compared, not something (c) carries.
  const { floorSeconds, floorsRssMb, oneDaySeconds } = await oneDayAgainstItsFloor(handle, data.orgId, label);
  const oneDayRssMb = stepPeakMb();

  // (c) the history backfill of the whole organisation, newest day (full explanations) included.
  const historyDays = Number(process.env.BENCH_HISTORY_DAYS ?? 90);
  const historyFrom = addDays(SCORE_DAY, -(historyDays - 1));
  const historyStart = process.hrtime.bigint();
  await profiled("c-history", () => backfillScores(handle, { orgIds: [data.orgId], from: historyFrom, to: SCORE_DAY }));
  const historySeconds = seconds(historyStart);
  log(`${label}: (c) ${historyDays} history days in ${historySeconds.toFixed(1)} s`);
  const historyRssMb = stepPeakMb();
  // Floor 3: the same history's values and percentiles by the database alone, checked against (c)'s summaries.
  const historyFloor = await historyFloorSeconds(handle, { orgId: data.orgId, ownerUrl, from: historyFrom, to: SCORE_DAY });
  log(`${label}: floor history ${historyFloor.seconds.toFixed(1)} s, ${historyFloor.checkedRows} summaries checked`);
  const historyFloorRssMb = stepPeakMb();

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

  const lateFileRssMb = stepPeakMb();
  // The 30-day rule set on the same shops (another shop's late file than (d)'s).
  const current = CURRENT
    ? await measureCurrentRules(handle, { orgId: data.orgId, day: SCORE_DAY, shopId: data.shopIds[1] ?? data.shopIds[0] ?? "", log: (...parts) => log(label, ...parts) })
    : null;
  const peakRssMbByStep = { setupFacts: factsRssMb, setupRollups: rollupsRssMb, floors: floorsRssMb, b_oneDay: oneDayRssMb, c_history: historyRssMb, historyFloor: historyFloorRssMb, d_lateFile: lateFileRssMb, ...(current ? { currentRules: stepPeakMb() } : {}) };
  log(`${label}: peak RSS by step (MB)`, peakRssMbByStep);

  return {
    shops: shopCount,
    runFrom: RUN_FROM,
    data: data.counts,
    setup: { insertSeconds: data.insertSeconds, rollupSeconds: data.rollupSeconds },
    floors: { rollupsSeconds: rollupsFloor, oneDaySeconds: floorSeconds, historySeconds: historyFloor.seconds, ...(current ? { currentOneDaySeconds: current.floorSeconds } : {}) },
    b_scoreOneDaySeconds: oneDaySeconds,
    c_historyDays: historyDays,
    c_historySeconds: historySeconds,
    d_incrementalSeconds: incrementalSeconds,
    d_affectedDays: refreshed.days,
    d_allAffectedDaysSeconds: incrementalAllDaysSeconds,
    ...(current
      ? {
          current: { ruleSet: CURRENT_RULE_SET, shops: current.shops, formalShops: current.formalShops, indicatorValues: current.indicatorValues, floorMismatches: current.mismatches },
          bp_currentOneDaySeconds: current.oneDaySeconds,
          cp_currentHistoryDays: current.historyDays,
          cp_currentHistorySeconds: current.historySeconds,
          dp_currentLateFileSeconds: current.lateSeconds,
        }
      : {}),
    ratios: {
      rollupsToFloor: data.rollupSeconds / rollupsFloor,
      oneDayToFloor: oneDaySeconds / floorSeconds,
      historyToOneDay: historySeconds / oneDaySeconds,
      historyToFloor: historySeconds / historyFloor.seconds,
      ...(current
        ? {
            currentOneDayToFloor: current.oneDaySeconds / current.floorSeconds,
            currentHistoryToOneDay: current.historySeconds / current.oneDaySeconds,
            // (b′) is the process's first scoring under these rules; a history day is the same work warm.
            currentHistoryDayToFloor: current.historySeconds / current.historyDays / current.floorSeconds,
          }
        : {}),
    },
    peakRssMb: Math.max(...Object.values(peakRssMbByStep)),
    peakRssMbByStep,
    targets: {
      rollupsToFloorMax: 2,
      oneDayToFloorMax: 1.5,
      c_historySecondsMax: 15,
      historyToOneDayMax: 5,
      d_secondsMax: 1,
      peakRssMbMax: 512,
      ...(current ? { currentOneDayToFloorMax: 1.5, dp_currentLateFileSecondsMax: 1 } : {}),
    },
  };
}

type FloorRow = { id: string; code: string; value: number | null; percentile: number | null };

/** The floor must compute what the engine computes: every scored shop's ten values and percentiles. */
function assertSameIndicators(floor: FloorRow[], engine: FloorRow[]): void {
  const key = (r: FloorRow) => `${r.id}|${r.code}`;
  const engineByKey = new Map(engine.filter((r) => r.value !== null).map((r) => [key(r), r]));
  const mismatches: string[] = [];
  for (const row of floor) {
    const other = engineByKey.get(key(row));
    engineByKey.delete(key(row));
    const close = (a: number | null, b: number | null | undefined) => a !== null && b !== null && b !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    if (!other || !close(row.value, other.value) || !close(row.percentile, other.percentile)) mismatches.push(`${key(row)} floor ${row.value}/${row.percentile} engine ${other?.value}/${other?.percentile}`);
  }
  for (const missing of engineByKey.keys()) mismatches.push(`${missing} only in the engine`);
  if (mismatches.length > 0) throw new Error(`the one-day floor computes something else (${mismatches.length}): ${mismatches.slice(0, 5).join("; ")}`);
}

/** Floor 2 (one day's indicators and percentiles in one float8 statement) and step (b), checked against each other. */
async function oneDayAgainstItsFloor(handle: DbHandle, orgId: string, label: string): Promise<{ floorSeconds: number; floorsRssMb: number; oneDaySeconds: number }> {
  const floorStart = process.hrtime.bigint();
  const floorRows = await withTenant(handle, { orgId }, (tx) => tx.execute(sql.raw(oneDayFloorSql(SCORE_DAY, getRuleSet("douyin-shop-v1")))));
  const floorSeconds = seconds(floorStart);
  log(`${label}: floor one day ${floorSeconds.toFixed(2)} s for ${rowsOf<FloorRow>(floorRows).length} indicator values`);
  const floorsRssMb = stepPeakMb();
  const oneDayStart = process.hrtime.bigint();
  const scored = await profiled("b-score-one-day", () => storeOrganisationDay(handle, { orgId, kind: "shop", day: SCORE_DAY }));
  const oneDaySeconds = seconds(oneDayStart);
  log(`${label}: (b) scored ${scored} shops in ${oneDaySeconds.toFixed(2)} s`);
  const engineRows = await withTenant(handle, { orgId }, (tx) => tx.execute(sql.raw(ENGINE_INDICATORS_SQL.replace("$1::date", `'${SCORE_DAY}'::date`))));
  assertSameIndicators(rowsOf<FloorRow>(floorRows), rowsOf<FloorRow>(engineRows));
  return { floorSeconds, floorsRssMb, oneDaySeconds };
}

/** Builds the roll-ups again with one SQL statement into a copy of daily_rollups (same key), timed; then checks them. */
async function rollupsFloorSeconds(handle: DbHandle, orgId: string, ownerUrl: string | undefined): Promise<number> {
  const create = "create table bench_rollups (like daily_rollups including all)";
  const check = async (run: (text: string) => Promise<unknown[]>) => {
    const mismatches = await run(ROLLUP_MISMATCHES_SQL("bench_rollups"));
    if (mismatches.length > 0) throw new Error(`the roll-ups floor computes something else: ${JSON.stringify(mismatches.slice(0, 5))}`);
  };
  if (handle.pglite) {
    const pglite = handle.pglite;
    await pglite.exec(create);
    const start = process.hrtime.bigint();
    await pglite.exec(ROLLUP_FLOOR_SQL("bench_rollups"));
    const took = seconds(start);
    await check(async (text) => (await pglite.query(text)).rows);
    await pglite.exec("drop table bench_rollups");
    return took;
  }
  if (!ownerUrl) throw new Error("no owner url");
  // The owner writes the copy; row-level security is forced on the owner too, so it names the tenant.
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => undefined });
  try {
    await owner.unsafe(`select set_config('app.org_id', '${orgId}', false)`);
    await owner.unsafe(create);
    const start = process.hrtime.bigint();
    await owner.unsafe(ROLLUP_FLOOR_SQL("bench_rollups"));
    const took = seconds(start);
    await check((text) => owner.unsafe(text));
    await owner.unsafe("drop table bench_rollups");
    return took;
  } finally {
    await owner.end();
  }
}

const results: Record<string, unknown> = {
  generatedAt: new Date().toISOString(),
  scoreDay: SCORE_DAY,
  node: process.version,
};
if (RUN_LABEL) await runHere();
else await runInProcessesOfTheirOwn();

/** Every run in this process (BENCH_RUNS of them; one when a parent started it). */
async function runHere(): Promise<void> {
  if (process.env.BENCH_SKIP_POSTGRES !== "1") {
    process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      const db = await openTestDatabase();
      try {
        runs.push(await measure(db.handle, `postgres run ${RUN_LABEL ?? `${run}/${RUNS}`}`, Number(process.env.BENCH_SHOPS ?? 10_000), Number(process.env.BENCH_ORDERS ?? 1_000_000), () => analyzeAsOwner(db.ownerUrl), db.ownerUrl));
      } finally {
        await db.close();
      }
    }
    results.postgres = { ...medianOfRuns(runs), runs };
  }
  if (process.env.BENCH_PGLITE === "1") {
    const n = Number(process.env.BENCH_PGLITE_SHOPS ?? 500);
    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      const handle = await openPglite("memory");
      await migrateDatabase(handle);
      try {
        runs.push(await measure(handle, `pglite run ${RUN_LABEL ?? `${run}/${RUNS}`}`, n, n * 100, async () => void (await handle.pglite?.exec("analyze"))));
      } finally {
        await handle.close();
      }
    }
    results.pglite = { ...medianOfRuns(runs), runs };
  }
}

/**
 * Each run in a process of its own, gathered here: a run started from the memory the runs before it
 * left behind in the same process (a second run's roll-up build peaked 240 MB above the first's),
 * so its steps' peaks were not their own. The runs execute this file bundled, as the `koubei` CLI
 * runs: under tsx the process carried 40–50 MB of TypeScript loader at rest that no Koubei process has (ADR 0038).
 */
async function runInProcessesOfTheirOwn(): Promise<void> {
  // Loaded here, not imported: inside the bundle the build script's own "run as a script" check would fire.
  const { bundleForNode, ROOT } = (await import(pathToFileURL(path.join(import.meta.dirname, "..", "scripts", "cli-bundle.mjs")).href)) as typeof import("../scripts/cli-bundle.mjs");
  // Under the app root, where its external packages resolve from node_modules.
  const bundle = path.join(ROOT, "dist", "bench", "score.bench.mjs");
  await bundleForNode({ entry: "bench/score.bench.ts", outfile: bundle });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-bench-score-"));
  const gathered: Record<string, unknown[]> = {};
  try {
    for (let run = 1; run <= RUNS; run++) {
      const out = path.join(dir, String(run));
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, [bundle], {
          cwd: ROOT,
          stdio: ["ignore", "ignore", "inherit"],
          env: { ...process.env, BENCH_RUNS: "1", BENCH_RUN_LABEL: `${run}/${RUNS}`, BENCH_RESULTS_DIR: out },
        });
        child.once("error", reject);
        child.once("exit", resolve);
      });
      if (code !== 0) throw new Error(`bench:score run ${run} exited with ${code}`);
      const result = JSON.parse(fs.readFileSync(path.join(out, "score.json"), "utf8")) as Record<string, { runs?: unknown[] } | undefined>;
      for (const database of ["postgres", "pglite"]) {
        const runs = result[database]?.runs;
        if (runs) (gathered[database] ??= []).push(...runs);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const [database, runs] of Object.entries(gathered)) results[database] = { ...medianOfRuns(runs as object[]), runs };
}

rss.stop();
fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results));
