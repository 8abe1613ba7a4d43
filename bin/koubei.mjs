#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (Node 20 cannot run .ts itself), honouring tsconfig paths.
import { register } from "tsx/esm/api";
import { fileURLToPath } from "node:url";
import path from "node:path";

register({ tsconfig: path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "tsconfig.json") });
await import("../cli/main.ts");
