import { afterAll } from "vitest";

process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
// The key that seals stored platform credentials (server/sync/secrets.ts).
process.env.KOUBEI_SECRET_KEY ??= "test-sync-secret-key";

// Test files share a worker process and its module cache (vitest.config.ts, isolate: false):
// whatever a file sets in the environment (a data folder, an upload cap) ends with the file.
const environment = { ...process.env };
afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in environment)) delete process.env[key];
  Object.assign(process.env, environment);
});
