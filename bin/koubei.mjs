#!/usr/bin/env -S node --max-semi-space-size=32
// (a larger young generation for history backfills: ADR 0007, scripts/lib/next.ts)
// Runs the TypeScript CLI through tsx (Node 20 cannot run .ts itself), honouring tsconfig paths.
import { register } from "tsx/esm/api";
import { fileURLToPath } from "node:url";
import path from "node:path";

register({ tsconfig: path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "tsconfig.json") });
await import("../cli/main.ts");
