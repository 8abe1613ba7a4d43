import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { openPglite, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { pgliteTemplate } from "./pglite-template";
import { openTestDatabase, type TestDatabase } from "./test-db";

const BIN = path.resolve(import.meta.dirname, "../../bin/koubei.mjs");

export type CliResult = { status: number | null; stdout: string; stderr: string; json: unknown };

/**
 * The environment of every command: quiet, in English unless the test names another KOUBEI_LOCALE
 * (the CLI's own default is Chinese), and the embedded database's WASM on the baseline compiler,
 * as for a small organisation (the tests' data is small; optimising it cost more CPU than running).
 */
const cliEnv = (env: Record<string, string | undefined>) => ({ ...process.env, LOG_LEVEL: "silent", KOUBEI_LOCALE: "en", KOUBEI_CLI_WASM: "baseline", ...env });

/** Runs `koubei …` as a user would, with the given environment (database selection). */
export function runCli(args: string[], env: Record<string, string | undefined>): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: cliEnv(env),
    encoding: "utf8",
    timeout: 120_000,
  });
  const lines = result.stdout.trim().split("\n").filter(Boolean);
  let json: unknown = null;
  try {
    json =
      lines.length === 1 && lines[0]
        ? JSON.parse(lines[0])
        : lines.map((l) => JSON.parse(l) as unknown);
  } catch {
    json = null;
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json };
}

/**
 * As runCli, without blocking this process while the command runs: for tests whose own local
 * servers (a webhook receiver) must answer the command meanwhile.
 */
export function runCliAsync(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cliEnv(env) });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), 120_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      const lines = stdout.trim().split("\n").filter(Boolean);
      let json: unknown = null;
      try {
        json = lines.length === 1 && lines[0] ? JSON.parse(lines[0]) : lines.map((l) => JSON.parse(l) as unknown);
      } catch {
        json = null;
      }
      resolve({ status, stdout, stderr, json });
    });
  });
}

/**
 * The database CLI processes of a test file share: the test's own PostgreSQL database when
 * TEST_DATABASE_URL is set, else an embedded one in a fresh folder. Sets itself up and cleans up
 * around the file's tests; read `env` and `dataDir` inside them. `seed` writes the file's data
 * first (on the embedded database, through a handle closed again before any command opens the
 * folder); `peerMinOrgs` sets KOUBEI_PEER_MIN_ORGS for the database and the commands alike.
 */
export function cliDatabase(
  prefix: string,
  options: { peerMinOrgs?: number; seed?: (handle: DbHandle) => Promise<void> } = {},
): {
  env: Record<string, string | undefined>;
  dataDir: string;
} {
  const state = { env: {} as Record<string, string | undefined>, dataDir: "" };
  let db: TestDatabase | null = null;
  const peers = options.peerMinOrgs === undefined ? {} : { KOUBEI_PEER_MIN_ORGS: String(options.peerMinOrgs) };
  beforeAll(async () => {
    state.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    if (process.env.TEST_DATABASE_URL) {
      db = await openTestDatabase(options.peerMinOrgs === undefined ? {} : { peerMinOrgs: options.peerMinOrgs });
      state.env = { DATABASE_URL: db.handle.url, DATABASE_OWNER_URL: db.ownerUrl, KOUBEI_DATA_DIR: state.dataDir, ...peers };
      await options.seed?.(db.handle);
    } else {
      state.env = { DATABASE_URL: undefined, KOUBEI_DATA_DIR: state.dataDir, ...peers };
      // The folder starts as a copy of the run's migrated template, so the first command finds its
      // database made (initdb and every migration cost the first command of each file ~5 s).
      const template = pgliteTemplate();
      const handle = await openPglite(state.dataDir, template ? { loadDataDir: template } : {});
      await migrateDatabase(handle, options.peerMinOrgs === undefined ? {} : { peerMinOrgs: options.peerMinOrgs });
      await options.seed?.(handle);
      await handle.close();
    }
  }, 600_000);
  afterAll(async () => {
    await db?.close();
    fs.rmSync(state.dataDir, { recursive: true, force: true });
  });
  return state;
}
