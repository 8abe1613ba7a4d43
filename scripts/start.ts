/**
 * `npm start`: build when needed, then serve the production app.
 *
 * The Next.js server process owns the database (instrumentation.ts migrates it, seeds the demo
 * organisation and prints the demo sign-in). This launcher never opens it: embedded PGlite
 * allows one process per data folder.
 */
import os from "node:os";
import path from "node:path";
import { ROOT, buildNeeded, persistentAuthSecret, runNext } from "./lib/next";

function listenHost(): string {
  const host = process.env.HOSTNAME;
  // Shells and containers often export HOSTNAME as the machine's own name; binding to that
  // would hide the app from localhost. Only an explicitly chosen address is honoured.
  if (!host || host === os.hostname()) return "0.0.0.0";
  return host;
}

async function main(): Promise<number> {
  process.chdir(ROOT);
  const port = process.env.PORT ?? "3000";
  const host = listenHost();
  const dataDir = path.resolve(ROOT, process.env.KOUBEI_DATA_DIR ?? ".data");

  const env: NodeJS.ProcessEnv = { ...process.env, PORT: port, NEXT_TELEMETRY_DISABLED: "1" };
  if (!env.AUTH_SECRET) env.AUTH_SECRET = persistentAuthSecret(dataDir);
  env.AUTH_TRUST_HOST ??= "true";

  const reason = buildNeeded({ checkSources: true });
  if (reason) {
    console.log(`koubei: ${reason}: running \`next build\` (about a minute)…`);
    const buildCode = await runNext(["build"], env).exited;
    if (buildCode !== 0) {
      console.error(`koubei: \`next build\` failed (exit ${buildCode}).`);
      return buildCode;
    }
  }

  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  console.log(`koubei: starting on http://${shownHost}:${port} (${process.env.DATABASE_URL ? "PostgreSQL" : `embedded database in ${dataDir}`})`);
  return runNext(["start", "--port", port, "--hostname", host], env).exited;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`koubei: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
