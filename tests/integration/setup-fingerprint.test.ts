import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, migrateDatabase } from "@/db/migrate";
import { rowsOf } from "@/db/security";
import { readSetupState } from "@/db/setup-fingerprint";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

/** A copy of the committed migrations plus one more, as the next version of Koubei would ship it. */
function migrationsWithOneMore(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-migrations-"));
  fs.cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalFile = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { idx: number; when: number; tag: string }[] };
  const last = journal.entries.at(-1);
  const tag = "9999_fingerprint_probe";
  journal.entries.push({ ...(last ?? { version: "7", breakpoints: true }), idx: (last?.idx ?? 0) + 1, when: (last?.when ?? 0) + 1000, tag });
  fs.writeFileSync(journalFile, JSON.stringify(journal, null, 2));
  fs.writeFileSync(path.join(dir, `${tag}.sql`), "CREATE TABLE \"fingerprint_probe\" (\"id\" integer PRIMARY KEY);\n");
  return dir;
}

const probeExists = async (db: TestDatabase) =>
  rowsOf<{ t: string | null }>(await db.handle.db.execute(sql`select to_regclass('public.fingerprint_probe')::text as t`))[0]?.t === "fingerprint_probe";

describe("the database setup runs only when this version has something to apply", () => {
  let db: TestDatabase;
  let extra: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    extra = migrationsWithOneMore();
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(extra, { recursive: true, force: true });
  });

  it("skips a database set up by this version, after one read", async () => {
    const state = await readSetupState(db.handle.db);
    expect(state.fingerprint).toMatch(/^\d+-[0-9a-f]{32}$/);
    expect(await migrateDatabase(db.handle, { ownerUrl: db.ownerUrl })).toBe(false);
    expect(await migrateDatabase(db.handle, { ownerUrl: db.ownerUrl, force: true })).toBe(true);
  });

  it("applies a new migration, then skips again", async () => {
    expect(await probeExists(db)).toBe(false);
    expect(await migrateDatabase(db.handle, { ownerUrl: db.ownerUrl, migrationsFolder: extra })).toBe(true);
    expect(await probeExists(db)).toBe(true);
    expect(await migrateDatabase(db.handle, { ownerUrl: db.ownerUrl, migrationsFolder: extra })).toBe(false);
  });

  it("sets up again when the security settings differ (peer minimum) or the fingerprint is gone", async () => {
    expect(await migrateDatabase(db.handle, { ownerUrl: db.ownerUrl, peerMinOrgs: 2 })).toBe(true);
    const min = rowsOf<{ n: number }>(await db.handle.db.execute(sql`select koubei_peer_min_orgs() as n`))[0]?.n;
    expect(min).toBe(2);
    expect(await migrateDatabase(db.handle, { ownerUrl: db.ownerUrl, peerMinOrgs: 2 })).toBe(false);
    const admin = db.ownerUrl ? (await import("@/db/client")).openPostgres(db.ownerUrl, { max: 1 }) : db.handle;
    try {
      await admin.db.execute(sql`drop function koubei_setup_fingerprint()`);
    } finally {
      if (admin !== db.handle) await admin.close();
    }
    expect((await readSetupState(db.handle.db)).fingerprint).toBeNull();
    expect(await migrateDatabase(db.handle, { ownerUrl: db.ownerUrl, peerMinOrgs: 2 })).toBe(true);
  });
});
