import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The embedded database's code is about 40 MB of resident memory. A process on PostgreSQL (the
 * server, the job workers, the CLI, the benchmarks) must not load it: only opening an embedded
 * database does. Checked in a process of its own whose module hook refuses the embedded engine.
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-embedded-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const HOOK = `export async function resolve(specifier, context, next) {
  if (/^@electric-sql\\/pglite(\\/|$)/.test(specifier)) throw new Error("embedded engine loaded: " + specifier);
  return next(specifier, context);
}
`;
const REGISTER = `import { register } from "node:module";
register(${JSON.stringify(path.join(scratch, "hook.mjs"))}, import.meta.url);
`;
fs.writeFileSync(path.join(scratch, "hook.mjs"), HOOK);
fs.writeFileSync(path.join(scratch, "register.mjs"), REGISTER);

/** Runs `body` (module code) with tsx and the refusing hook; its exit status and what it printed. */
function runRefusingEmbedded(body: string): { status: number | null; output: string } {
  const entry = path.join(ROOT, `.embedded-check-${process.pid}-${Date.now()}.ts`);
  fs.writeFileSync(entry, body);
  try {
    const run = spawnSync(process.execPath, ["--import", "tsx", "--import", path.join(scratch, "register.mjs"), entry], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DATABASE_URL: "" }, timeout: 60_000 });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(entry, { force: true });
  }
}

describe("the embedded database's code", () => {
  it("is not loaded by the server, its API, its job workers or the database client", () => {
    const run = runRefusingEmbedded(`
      await import("@/db/client");
      await import("@/server/server-start");
      await import("@/server/api/root");
      await import("@/server/jobs/start");
      await import("@/server/scoring/backfill");
      console.log("loaded without it");
    `);
    expect(run.output).toContain("loaded without it");
    expect(run.status).toBe(0);
  });

  it("is loaded when an embedded database is opened (so the check above can fail)", () => {
    const run = runRefusingEmbedded(`
      const { openPglite } = await import("@/db/client");
      await openPglite("memory");
    `);
    expect(run.output).toContain("embedded engine loaded: @electric-sql/pglite");
    expect(run.status).not.toBe(0);
  });
});
