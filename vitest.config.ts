import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/per-file.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Files run one after another in each worker, reusing its loaded modules (the app, PGlite's
    // WebAssembly): loading them afresh for every file cost a third of the suite. Each file still
    // gets its own database, and tests/setup/per-file.ts restores the environment after it.
    isolate: false,
    // next-auth imports "next/server" without an extension, which only a bundler resolves; inlined,
    // Vite resolves it, so tests can import route handlers as Next serves them.
    server: { deps: { inline: ["next-auth"] } },
    // Two cores: more workers only thrash. Each file gets its own database.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
