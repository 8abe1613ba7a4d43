import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The result-file keys issues 15 and 16 name are read by acceptance checks: run both benchmarks at a tiny
 * scale on PostgreSQL (their floors are PostgreSQL's) and read the keys back. Each benchmark checks
 * its floors against the engine's numbers and fails when they differ, so this also proves the
 * floors compute the same values.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const TSX = path.resolve(import.meta.dirname, "../../node_modules/.bin/tsx");
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-bench-keys-"));
afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

function runBench(file: string, env: Record<string, string>): Record<string, unknown> {
  const run = spawnSync(TSX, [path.resolve(import.meta.dirname, "../../bench", file)], {
    env: { ...process.env, BENCH_RUNS: "1", ...env, BENCH_DATABASE_URL: adminUrl, BENCH_RESULTS_DIR: resultsDir, LOG_LEVEL: "silent" },
    encoding: "utf8",
    timeout: 400_000,
  });
  expect(run.status, run.stderr.slice(-2000)).toBe(0);
  return JSON.parse(fs.readFileSync(path.join(resultsDir, file.replace(".bench.ts", ".json")), "utf8")) as Record<string, unknown>;
}

const at = (tree: unknown, dotted: string): unknown => dotted.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);
const positive = (tree: unknown, keys: string[]) => {
  for (const key of keys) {
    const value = at(tree, key);
    expect(typeof value, key).toBe("number");
    expect(value as number, key).toBeGreaterThan(0);
  }
};

describe.skipIf(!adminUrl)("benchmark result files: the keys acceptance checks read", () => {
  it("bench:import measures the import against COPY into a table with the orders key and indexes", () => {
    const result = runBench("import.bench.ts", { BENCH_ROWS: "3000", BENCH_SKIP_PGLITE: "1" });
    positive(result, ["postgres.keyedCopy.seconds", "postgres.import.seconds", "postgres.importVsKeyedCopy", "postgres.reimportVsKeyedCopy", "postgres.gbkVsKeyedCopy"]);
    expect(at(result, "postgres.import.inserted")).toBe(3000);
    expect(at(result, "postgres.reimport.unchanged")).toBe(3000);
    const importVsFloor = (at(result, "postgres.keyedCopy.seconds") as number) / (at(result, "postgres.import.seconds") as number);
    expect(at(result, "postgres.importVsKeyedCopy") as number).toBeCloseTo(importVsFloor, 2);
  }, 420_000);

  it("bench:score measures roll-ups and one day against their SQL floors, and the history, each run in a process of its own", () => {
    // Two runs, each in a child process; this one gathers their medians.
    const result = runBench("score.bench.ts", { BENCH_SHOPS: "30", BENCH_ORDERS: "6000", BENCH_HISTORY_DAYS: "2", BENCH_RUNS: "2" });
    const runs = at(result, "postgres.runs") as unknown[];
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      // Measured in the bundle, as the CLI runs, not under the TypeScript loader that started the benchmark.
      expect(at(run, "runFrom")).toBe("score.bench.mjs");
      positive(run, ["peakRssMbByStep.setupFacts", "peakRssMbByStep.setupRollups", "peakRssMbByStep.b_oneDay", "peakRssMbByStep.c_history", "peakRssMbByStep.d_lateFile"]);
      // Every ratio is computed within its run (the median's ratio is the median of these).
      expect(at(run, "ratios.oneDayToFloor") as number).toBeCloseTo((at(run, "b_scoreOneDaySeconds") as number) / (at(run, "floors.oneDaySeconds") as number), 6);
      expect(at(run, "ratios.currentOneDayToFloor") as number).toBeCloseTo((at(run, "bp_currentOneDaySeconds") as number) / (at(run, "floors.currentOneDaySeconds") as number), 6);
      expect(at(run, "ratios.historyToFloor") as number).toBeCloseTo((at(run, "c_historySeconds") as number) / (at(run, "floors.historySeconds") as number), 6);
    }
    positive(result, [
      "postgres.floors.rollupsSeconds",
      "postgres.floors.oneDaySeconds",
      "postgres.floors.historySeconds",
      "postgres.setup.rollupSeconds",
      "postgres.b_scoreOneDaySeconds",
      "postgres.c_historySeconds",
      "postgres.ratios.rollupsToFloor",
      "postgres.ratios.oneDayToFloor",
    ]);
    // Issue 16: the same for the 30-day rule set, on the same shops (which carry the current rules' facts).
    positive(result, [
      "postgres.floors.currentOneDaySeconds",
      "postgres.bp_currentOneDaySeconds",
      "postgres.cp_currentHistorySeconds",
      "postgres.dp_currentLateFileSeconds",
      "postgres.ratios.currentOneDayToFloor",
      "postgres.data.chat_turns",
      "postgres.data.waybills",
      "postgres.data.help_requests",
    ]);
    expect(at(result, "postgres.cp_currentHistoryDays")).toBe(30);
    expect(at(result, "postgres.current.ruleSet")).toBe("douyin-shop-2026-07");
    expect(at(result, "postgres.current.floorMismatches")).toBe(0);
    expect(at(result, "postgres.current.formalShops") as number).toBeGreaterThan(0);
  }, 420_000);
});
