import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { digestPreferences } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { createOrganisation } from "@/server/orgs/service";
import { createUser } from "@/server/users/service";
import { runCli } from "../helpers/run-cli";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

/** `koubei digest send`: one JSON line per recipient, and nothing the second time for the same day. */
const ORG = "digest cli org";
let env: Record<string, string | undefined>;
let t: TestDatabase | null = null;
let dataDir: string;
let userId: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-cli-digest-"));
  let handle: DbHandle;
  if (process.env.TEST_DATABASE_URL) {
    t = await openTestDatabase();
    handle = t.handle;
    env = { DATABASE_URL: t.handle.url, DATABASE_OWNER_URL: t.ownerUrl, KOUBEI_DATA_DIR: dataDir };
  } else {
    handle = await openPglite(dataDir);
    await migrateDatabase(handle, {});
    env = { DATABASE_URL: undefined, KOUBEI_DATA_DIR: dataDir };
  }
  const user = await createUser(handle, { email: `cli-digest-${Date.now()}@example.test`, password: "correct horse battery", name: "简报读者", locale: "en" });
  userId = user.id;
  const { orgId } = await createOrganisation(handle, { name: ORG, kind: "brand", ownerUserId: user.id });
  await withTenant(handle, { orgId }, (tx) => tx.insert(digestPreferences).values({ orgId, userId: user.id, daily: true, weekly: false, inApp: true, email: false }));
  if (!t) await handle.close();
}, 120_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("koubei digest send", () => {
  it("prints one line per recipient, then nothing for the same day", () => {
    const first = runCli(["digest", "send", "--org", ORG, "--kind", "daily", "--date", "2026-06-01"], env);
    expect(first.status).toBe(0);
    const lines = first.stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([{ userId, email: expect.stringContaining("cli-digest-"), locale: "en", channels: ["in_app"], title: `${ORG} daily brief · 2026-06-01` }]);
    const again = runCli(["digest", "send", "--org", ORG, "--kind", "daily", "--date", "2026-06-01"], env);
    expect(again.status).toBe(0);
    expect(again.stdout.trim()).toBe("");
    // Each run is a process of its own that opens the database: slow on a busy machine.
  }, 400_000);

  it("refuses an unknown kind", () => {
    const wrong = runCli(["digest", "send", "--org", ORG, "--kind", "hourly"], env);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain("--kind");
  }, 200_000);
});
