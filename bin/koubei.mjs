#!/usr/bin/env node
// Runs the CLI bundled ahead of time (dist/cli.mjs, ADR 0016-cli-start-up), bundling it first when
// it is missing or older than its sources, so a fresh clone needs no build step. Should bundling
// fail, the TypeScript runs through tsx as before.
import path from "node:path";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import { ensureCliBundle, ROOT } from "../scripts/cli-bundle.mjs";

/** Commands that may run for minutes, where the embedded database's optimised WASM pays for its compilation. */
const LONG_RUNNING = new Set(["import", "score", "sync", "dev"]);
// A short command on the embedded database spends more CPU having V8 optimise PGlite's 9 MB of
// WASM in the background than running it: the baseline compiler alone halves its start. So does a
// long command on a small organisation (`koubei score` of a few shops: 2.6 s of CPU, 1.2 s on the
// baseline compiler), which KOUBEI_CLI_WASM=baseline asks for: scripts over many small shops, tests.
const shortCommand = !LONG_RUNNING.has(process.argv[2] ?? "");
if (process.env.KOUBEI_CLI_WASM === "baseline" || shortCommand) v8.setFlagsFromString("--liftoff-only");
// Setting up the embedded database's default 128 MB buffer pool is half of a short command's start
// (db/client.ts); a short command reads a few megabytes at most (ADR 0034).
if (shortCommand) process.env.KOUBEI_PGLITE_SHARED_BUFFERS ??= "16MB";

const bundle = process.env.KOUBEI_CLI_FROM_SOURCE === "1" ? null : await ensureCliBundle();
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: path.join(ROOT, "tsconfig.json") });
  await import("../cli/main.ts");
}
