import { spawnSync } from "node:child_process";
import path from "node:path";

const BIN = path.resolve(import.meta.dirname, "../../bin/koubei.mjs");

export type CliResult = { status: number | null; stdout: string; stderr: string; json: unknown };

/** Runs `koubei …` as a user would, with the given environment (database selection). */
export function runCli(args: string[], env: Record<string, string | undefined>): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  const lines = result.stdout.trim().split("\n").filter(Boolean);
  let json: unknown = null;
  try {
    json = lines.length === 1 && lines[0] ? JSON.parse(lines[0]) : lines.map((l) => JSON.parse(l) as unknown);
  } catch {
    json = null;
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json };
}
