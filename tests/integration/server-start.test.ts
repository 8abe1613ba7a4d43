import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startServerRuntime } from "@/server/server-start";

/** The server's start as Next runs it, with exit and stderr watched instead of taken. */
async function start() {
  const seen = { code: null as number | null, text: "" };
  await startServerRuntime({ exit: (code) => void (seen.code = code), report: (text) => void (seen.text += text) });
  return seen;
}

const saved = { DATABASE_URL: process.env.DATABASE_URL, KOUBEI_DATA_DIR: process.env.KOUBEI_DATA_DIR, KOUBEI_SKIP_DEMO: process.env.KOUBEI_SKIP_DEMO };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("a server that cannot use its database exits with the reason instead of answering 500", () => {
  it.runIf(process.env.TEST_DATABASE_URL)("started as a PostgreSQL superuser, it exits naming the role problem", async () => {
    process.env.KOUBEI_SKIP_DEMO = "1";
    process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    const seen = await start();
    expect(seen.code).toBe(1);
    expect(seen.text).toMatch(/superuser or has BYPASSRLS/);
    expect(seen.text).toMatch(/无法启动/);
  });

  it("with the embedded database held by another live process, it exits naming that process", async () => {
    process.env.KOUBEI_SKIP_DEMO = "1";
    delete process.env.DATABASE_URL;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-start-"));
    process.env.KOUBEI_DATA_DIR = dataDir;
    // The test runner's parent is alive and is not us: the lock is live.
    fs.writeFileSync(path.join(dataDir, "koubei.lock"), String(process.ppid));
    try {
      const seen = await start();
      expect(seen.code).toBe(1);
      expect(seen.text).toContain(`in use by another Koubei process (pid ${process.ppid})`);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
