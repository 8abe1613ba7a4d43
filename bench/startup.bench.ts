/**
 * `npm run bench:startup`: how long a user waits for the first answer (issue 15).
 *
 * - CLI: `koubei shop list --org ORG` on a small organisation, as a fresh process each time, on
 *   PostgreSQL and on the embedded database (median of 3, peak RSS of the slowest process).
 * - First page: `npm start` with the build present on a fresh embedded database → the sign-in
 *   page served (median of 3), and when the demo organisation is ready behind it.
 * - Five files: a small shop's five exports uploaded at once through the app's path (job queue)
 *   → its new score readable (median of 3, both databases).
 * - Floors in the same run: `node -e ''` and a bare PGlite open of the same data folder.
 *
 * Writes bench/results/startup.json. BENCH_DATABASE_URL (a superuser URL) picks the PostgreSQL
 * server (default the local one); BENCH_SKIP_POSTGRES=1 leaves it out. The machine's load
 * average is recorded beside the numbers: wall times on a shared machine are only as good as it.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { openPglite } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { startBoss } from "@/server/jobs/boss";
import { registerImportWorker } from "@/server/jobs/import-run";
import { registerScoringWorkers } from "@/server/jobs/scoring-refresh";
import { buildNeeded, ROOT } from "../scripts/lib/next";
import { openTestDatabase } from "../tests/helpers/test-db";
import { fiveFilesToScore, scratchDataDir } from "../tests/helpers/five-files";

const RESULTS = path.join(import.meta.dirname, "results", "startup.json");
const BIN = path.join(ROOT, "bin", "koubei.mjs");
const RUNS = 3;
const log = (...parts: unknown[]) => console.log("[startup]", ...parts);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-bench-startup-"));
/** Preloaded into every measured process: its peak RSS, written where the bench reads it. */
const RSS_HOOK = path.join(scratch, "rss-hook.mjs");
fs.writeFileSync(
  RSS_HOOK,
  'import fs from "node:fs";\nprocess.on("exit", () => { if (process.env.KOUBEI_BENCH_RSS_FILE) fs.writeFileSync(process.env.KOUBEI_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); });\n',
);

type Timed = { seconds: number; rssMb: number; stdout: string };

/** One process, timed from spawn to exit, with its peak RSS. */
function timedProcess(args: string[], env: NodeJS.ProcessEnv): Timed {
  const rssFile = path.join(scratch, `rss-${process.hrtime.bigint()}`);
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --import=${RSS_HOOK}`.trim(), KOUBEI_BENCH_RSS_FILE: rssFile },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  const rssKb = Number(fs.readFileSync(rssFile, "utf8"));
  return { seconds, rssMb: Math.round(rssKb / 1024), stdout: run.stdout };
}

function cli(args: string[], env: Record<string, string | undefined>): Timed {
  return timedProcess([BIN, ...args], { ...process.env, LOG_LEVEL: "silent", KOUBEI_LOCALE: "en", ...env });
}

/** A small organisation with three shops, then `shop list` timed RUNS times. */
function measureCli(env: Record<string, string | undefined>, label: string) {
  const org = `startup ${label}`;
  const setup = cli(["org", "create", "--name", org, "--kind", "agency"], env);
  for (const name of ["小店一", "小店二", "小店三"]) cli(["shop", "create", "--org", org, "--name", name, "--category", "服饰内衣"], env);
  const runs = Array.from({ length: RUNS }, () => cli(["shop", "list", "--org", org], env));
  const shops = (JSON.parse(runs[0]?.stdout ?? "{}") as { shops?: unknown[] }).shops?.length;
  if (shops !== 3) throw new Error(`shop list printed ${shops} shops, expected 3`);
  log(label, "shop list", runs.map((r) => `${r.seconds.toFixed(2)} s / ${r.rssMb} MB`).join(", "));
  return {
    cliShopListSeconds: round(median(runs.map((r) => r.seconds))),
    cliShopListRuns: runs.map((r) => round(r.seconds)),
    cliPeakRssMb: Math.max(...runs.map((r) => r.rssMb)),
    cliFirstCommandSeconds: round(setup.seconds),
  };
}

/** The floors the CLI cannot go under: Node's own start, and Node + a PGlite open of the same folder (as the CLI opens it). */
function measureFloors(dataDir: string) {
  const node = Array.from({ length: RUNS }, () => timedProcess(["-e", ""], process.env));
  const script = path.join(scratch, "pglite-open.mjs");
  fs.writeFileSync(
    script,
    `import v8 from "node:v8";\nv8.setFlagsFromString("--liftoff-only");\nconst { PGlite } = await import(${JSON.stringify(path.join(ROOT, "node_modules/@electric-sql/pglite/dist/index.js"))});\nconst db = await PGlite.create(process.argv[2]);\nawait db.query("select 1");\nawait db.close();\n`,
  );
  const open = Array.from({ length: RUNS }, () => timedProcess([script, path.join(dataDir, "pgdata")], process.env));
  return {
    nodeStartSeconds: round(median(node.map((r) => r.seconds))),
    pgliteOpenSeconds: round(median(open.map((r) => r.seconds))),
    pgliteOpenRssMb: Math.max(...open.map((r) => r.rssMb)),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** `npm start` on a fresh data folder: seconds to the sign-in page, and to the demo being ready. */
async function firstPageOnce(options: { waitForDemo: boolean }): Promise<{ firstPage: number; demoReady: number | null }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-bench-first-page-"));
  const port = await freePort();
  const started = Date.now();
  const server = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    cwd: ROOT,
    detached: true,
    stdio: "ignore",
    env: { ...process.env, PORT: String(port), HOSTNAME: "127.0.0.1", KOUBEI_DATA_DIR: dataDir, DATABASE_URL: "", DATABASE_OWNER_URL: "", LOG_LEVEL: "silent" },
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  let firstPage: number | null = null;
  let demoReady: number | null = null;
  try {
    const deadline = started + 180_000;
    while (Date.now() < deadline && demoReady === null && (options.waitForDemo || firstPage === null)) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/sign-in`, { signal: AbortSignal.timeout(30_000) });
        const page = await response.text();
        if (response.ok && firstPage === null) firstPage = (Date.now() - started) / 1000;
        if (/data-demo-state="ready"/.test(page)) demoReady = (Date.now() - started) / 1000;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (server.exitCode === null && server.pid) process.kill(-server.pid, "SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (firstPage === null) throw new Error("npm start: the sign-in page was not served within 180 s");
  return { firstPage, demoReady };
}

async function measureFirstPage() {
  const stale = buildNeeded({ checkSources: true });
  if (stale) {
    log(`first page skipped: ${stale} (run \`npm run build\` first)`);
    return { firstPageSkipped: stale };
  }
  const runs: { firstPage: number; demoReady: number | null }[] = [];
  for (let i = 0; i < RUNS; i++) {
    // The demo's background fill is timed once: it is not part of the target, and takes a while.
    runs.push(await firstPageOnce({ waitForDemo: i === 0 }));
    log("first page", runs.at(-1));
  }
  const ready = runs.flatMap((r) => (r.demoReady === null ? [] : [r.demoReady]));
  return {
    firstPageSeconds: round(median(runs.map((r) => r.firstPage))),
    firstPageRuns: runs.map((r) => round(r.firstPage)),
    demoReadySeconds: ready.length ? round(median(ready)) : null,
  };
}

/** The app's job queue on this database, five files RUNS times (a new shop each time). */
async function measureFiveFiles(handle: Parameters<typeof fiveFilesToScore>[0], label: string) {
  const boss = await startBoss(handle);
  try {
    await registerImportWorker(boss, handle);
    await registerScoringWorkers(boss, handle, { nightly: false });
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push((await fiveFilesToScore(handle, boss, `${label}-${i}`)).seconds);
    log(label, "five files → score", runs.map((s) => `${s.toFixed(2)} s`).join(", "));
    return { fiveFilesToScoreSeconds: round(median(runs)), fiveFilesRuns: runs.map((s) => round(s)) };
  } finally {
    await boss.stop({ graceful: false });
  }
}

const results: Record<string, unknown> = {
  generatedAt: new Date().toISOString(),
  node: process.version,
  cores: os.cpus().length,
  loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
  targets: { postgresCliSeconds: 1, pgliteCliSeconds: 2, firstPageSeconds: 5, fiveFilesToScoreSeconds: 3 },
};
process.env.KOUBEI_DATA_DIR = scratchDataDir();
try {
  const pgliteDir = path.join(scratch, "pglite");
  const pglite: Record<string, unknown> = measureCli({ KOUBEI_DATA_DIR: pgliteDir, DATABASE_URL: "" }, "pglite");
  results.floors = measureFloors(pgliteDir);
  log("floors", results.floors);
  const memory = await openPglite("memory");
  try {
    await migrateDatabase(memory);
    Object.assign(pglite, await measureFiveFiles(memory, "pglite"));
  } finally {
    await memory.close();
  }
  results.pglite = pglite;

  if (process.env.BENCH_SKIP_POSTGRES !== "1") {
    process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const db = await openTestDatabase();
    try {
      const postgres: Record<string, unknown> = measureCli({ DATABASE_URL: db.handle.url, DATABASE_OWNER_URL: db.ownerUrl }, "postgres");
      Object.assign(postgres, await measureFiveFiles(db.handle, "postgres"));
      results.postgres = postgres;
      results.fiveFilesToScoreSeconds = postgres.fiveFilesToScoreSeconds;
    } finally {
      await db.close();
    }
  }

  Object.assign(results, await measureFirstPage());
  results.loadAverageAtEnd = os.loadavg().map((l) => round(l, 2));
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
  if (process.env.KOUBEI_DATA_DIR) fs.rmSync(process.env.KOUBEI_DATA_DIR, { recursive: true, force: true });
}
fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results));
process.exit(0);
