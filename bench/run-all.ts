/**
 * `npm run bench`: runs every bench/*.bench.ts one after another (each in its own tsx process,
 * so one benchmark's database and heap cannot skew the next), then lists the result files.
 * `npm run bench -- score` runs only the benchmarks whose file name contains "score".
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const BENCH_DIR = import.meta.dirname;
const RESULTS_DIR = path.join(BENCH_DIR, "results");
const ROOT = path.resolve(BENCH_DIR, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

const filters = process.argv.slice(2);
const benches = fs
  .readdirSync(BENCH_DIR)
  .filter((name) => name.endsWith(".bench.ts"))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

if (benches.length === 0) {
  console.log(filters.length ? `No bench/*.bench.ts matches ${filters.join(", ")}.` : "No bench/*.bench.ts files yet.");
  process.exit(0);
}

fs.mkdirSync(RESULTS_DIR, { recursive: true });
const startedAt = Date.now();
const outcomes: { name: string; code: number; seconds: number }[] = [];

for (const name of benches) {
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const run = spawnSync(TSX, [path.join(BENCH_DIR, name)], { cwd: ROOT, stdio: "inherit", env: process.env });
  const code = run.status ?? 1;
  if (run.error) console.error(`could not run ${name}: ${run.error.message}`);
  outcomes.push({ name, code, seconds: (Date.now() - t0) / 1000 });
}

console.log("\n=== summary ===");
for (const { name, code, seconds } of outcomes) {
  console.log(`${code === 0 ? "ok  " : "FAIL"}  ${name.padEnd(28)} ${seconds.toFixed(1).padStart(7)} s${code === 0 ? "" : `  (exit ${code})`}`);
}

const written = fs
  .readdirSync(RESULTS_DIR)
  .filter((name) => name.endsWith(".json"))
  .map((name) => path.join(RESULTS_DIR, name))
  .filter((file) => fs.statSync(file).mtimeMs >= startedAt - 1000)
  .sort();
if (written.length) {
  console.log("\nResults written:");
  for (const file of written) console.log(`  ${path.relative(ROOT, file)}`);
} else {
  console.log(`\nNo result files were written to ${path.relative(ROOT, RESULTS_DIR)}/.`);
}

process.exit(outcomes.some((o) => o.code !== 0) ? 1 : 0);
