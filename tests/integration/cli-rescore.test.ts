import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, type DbHandle } from "@/db/client";
import { scoreSnapshots, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { s002ExportsEndingOn } from "../helpers/recent-exports";
import { runCli } from "../helpers/run-cli";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

type ScoreLine = { entity: { externalId: string }; date: string; state: string; validOrders: number; overall: number | null };

let env: Record<string, string | undefined>;
let t: TestDatabase | null = null;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-cli-rescore-"));
  if (process.env.TEST_DATABASE_URL) {
    t = await openTestDatabase();
    env = { DATABASE_URL: t.handle.url, DATABASE_OWNER_URL: t.ownerUrl, KOUBEI_DATA_DIR: dataDir };
  } else {
    env = { DATABASE_URL: undefined, KOUBEI_DATA_DIR: dataDir };
  }
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Reads the database the CLI wrote, between CLI runs (the embedded one only while no CLI holds it). */
async function inDatabase<T>(fn: (handle: DbHandle) => Promise<T>): Promise<T> {
  if (t) return fn(t.handle);
  const handle = await openPglite(dataDir);
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

/** The stored score of shop s002 for a day: what the app shows in its history, written by whoever scored it. */
async function storedScore(orgId: string, day: string) {
  const [row] = await inDatabase((handle) =>
    withTenant(handle, { orgId }, (tx) =>
      tx
        .select({ state: scoreSnapshots.state, validOrders: scoreSnapshots.validOrders, overall: scoreSnapshots.overall })
        .from(scoreSnapshots)
        .innerJoin(shops, and(eq(shops.orgId, scoreSnapshots.orgId), eq(shops.id, scoreSnapshots.entityId)))
        .where(and(eq(scoreSnapshots.orgId, orgId), eq(shops.externalId, "s002"), eq(scoreSnapshots.day, day))),
    ),
  );
  return row ?? null;
}

describe("koubei import rescores", () => {
  it("after a late file, the stored score of its past day and `koubei score` for that day reflect it, with no other command", async () => {
    // The files' newest day is six days ago; the score of five days ago is the first to see all of it.
    const day = addDays(todayInShanghai(), -5);
    const exports = s002ExportsEndingOn(addDays(day, -1));
    const folder = fs.mkdtempSync(path.join(dataDir, "exports-"));
    const file = (name: string, text: string) => {
      const target = path.join(folder, name);
      fs.writeFileSync(target, text);
      return target;
    };
    const ok = (args: string[]) => {
      const result = runCli(args, env);
      expect(result.status, result.stderr).toBe(0);
      return result;
    };
    const orgId = (ok(["org", "create", "--name", "迟到的文件", "--kind", "brand"]).json as { id: string }).id;
    ok(["shop", "create", "--org", "迟到的文件", "--name", "云裳", "--category", "服饰内衣", "--external-id", "s002"]);

    // Reviews first: stored scores, but no valid orders yet.
    ok(["import", "--org", "迟到的文件", "--shop", "s002", "--kind", "reviews", file("reviews.csv", exports.reviews)]);
    expect(await storedScore(orgId, day)).toMatchObject({ validOrders: 0 });

    // The orders arrive late: every row is in the past, and the past day's stored score changes.
    ok(["import", "--org", "迟到的文件", "--shop", "s002", "--kind", "orders", file("orders.csv", exports.orders)]);
    const stored = await storedScore(orgId, day);
    expect(stored?.validOrders).toBeGreaterThan(0);

    const printed = ok(["score", "--org", "迟到的文件", "--shop", "s002", "--date", day]).json as ScoreLine;
    expect(printed).toMatchObject({ date: day, state: stored?.state, validOrders: stored?.validOrders });
    if (printed.overall === null) expect(stored?.overall).toBeNull();
    else expect(stored?.overall).toBeCloseTo(printed.overall, 12);
  }, 600_000);
});
