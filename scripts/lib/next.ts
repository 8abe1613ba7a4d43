import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The repository root (this file lives in scripts/lib/). */
export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Next's own CLI, started directly so that signals reach the server and not a wrapper. */
export const NEXT_BIN = path.join(ROOT, "node_modules", ".bin", "next");

export const BUILD_ID = path.join(ROOT, ".next", "BUILD_ID");

/** Everything a production build is made from. Missing folders are skipped. */
const SOURCE_DIRS = ["app", "server", "components", "db", "messages", "i18n", "lib", "public"];
const SOURCE_FILES = [
  "next.config.ts",
  "instrumentation.ts",
  "middleware.ts",
  "proxy.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
const SKIP_DIRS = new Set(["node_modules", ".next", ".git"]);

function newestMtimeIn(dir: string): number {
  let newest = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) newest = Math.max(newest, newestMtimeIn(full));
    } else if (entry.isFile()) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** Newest modification time of any build input (a cheap walk: a few hundred stat calls). */
export function newestSourceMtime(): number {
  let newest = 0;
  for (const dir of SOURCE_DIRS) newest = Math.max(newest, newestMtimeIn(path.join(ROOT, dir)));
  for (const file of SOURCE_FILES) {
    try {
      newest = Math.max(newest, fs.statSync(path.join(ROOT, file)).mtimeMs);
    } catch {
      // not every project file exists
    }
  }
  return newest;
}

/** Why a build is needed, or null when .next is up to date. */
export function buildNeeded(options: { checkSources: boolean }): string | null {
  let builtAt: number;
  try {
    builtAt = fs.statSync(BUILD_ID).mtimeMs;
  } catch {
    return "no production build yet (.next/BUILD_ID is missing)";
  }
  if (options.checkSources && newestSourceMtime() > builtAt) return "sources changed since the last build";
  return null;
}

/**
 * Runs `next <args>` with inherited stdio. SIGINT/SIGTERM sent to this process are passed on;
 * resolves with the child's exit code (128 + signal number when a signal ended it).
 */
export function runNext(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; exited: Promise<number> } {
  if (!fs.existsSync(NEXT_BIN)) {
    throw new Error(`${NEXT_BIN} not found: run \`npm install\` first.`);
  }
  const child = spawn(NEXT_BIN, args, { cwd: ROOT, env, stdio: "inherit" });
  const forward = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  const exited = new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0));
    });
  });
  return { child, exited };
}

/** A random secret suitable for AUTH_SECRET. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * AUTH_SECRET kept beside the embedded database, so sessions survive a restart:
 * read `<dataDir>/auth-secret`, or create it (mode 600) on first start.
 */
export function persistentAuthSecret(dataDir: string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "auth-secret");
  try {
    fs.writeFileSync(file, newSecret() + "\n", { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const secret = fs.readFileSync(file, "utf8").trim();
  if (!secret) throw new Error(`${file} is empty: delete it and start again to create a new secret.`);
  return secret;
}
