import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite, openPostgres, type DbHandle } from "@/db/client";
import { rowsOf } from "@/db/security";
import { startFakePlatform } from "@/server/sync/fake-platform/server";
import { cliDatabase, runCli } from "../helpers/run-cli";

const BIN = path.resolve(import.meta.dirname, "../../bin/koubei.mjs");
const cli = cliDatabase("koubei-cli-sync-");
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
});

type FakeLine = { baseUrl: string; appKey: string; appSecret: string; shops: { shopId: string; name: string; orders: number }[] };
type RunLine = { resources: Record<string, { pulled: number; inserted: number; updated: number; unchanged: number }>; platformScore: number | null };

const env = () => ({ ...cli.env, KOUBEI_SECRET_KEY: "cli-sync-test-key" });

/** Starts `koubei dev fake-platform` and resolves with the one JSON line it prints once listening. */
function startCliFake(args: string[]): Promise<FakeLine> {
  const child = spawn(process.execPath, [BIN, "dev", "fake-platform", ...args], { env: { ...process.env, LOG_LEVEL: "silent" }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`fake platform exited (${code})`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (line) => resolve(JSON.parse(line) as FakeLine));
  });
}

let orgCreated = false;

function setUpShop(name: string, externalId: string) {
  if (!orgCreated) {
    const org = runCli(["org", "create", "--name", "同步测试", "--kind", "brand"], env());
    expect(org.status, org.stderr).toBe(0);
    orgCreated = true;
  }
  const shop = runCli(["shop", "create", "--org", "同步测试", "--name", name, "--category", "服饰内衣", "--external-id", externalId], env());
  expect(shop.status, shop.stderr).toBe(0);
}

const connect = (externalId: string, fake: { baseUrl: string; appKey: string; appSecret: string }, platformShopId: string) =>
  runCli(["sync", "connect", "--org", "同步测试", "--shop", externalId, "--base-url", fake.baseUrl, "--app-key", fake.appKey, "--app-secret", fake.appSecret, "--platform-shop-id", platformShopId], env());

/** `koubei …` without blocking this process (an in-process fake platform must keep answering meanwhile). */
function runCliAsync(args: string[], extraEnv: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env(), LOG_LEVEL: "silent", ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once("exit", (status) => resolve({ status, stdout, stderr })));
}

async function openCliDatabase(): Promise<DbHandle> {
  const url = cli.env.DATABASE_URL;
  return url ? openPostgres(url, { max: 1 }) : openPglite(cli.dataDir);
}

describe("koubei sync", () => {
  it("fake-platform → connect → run → a second run pulls nothing new", async () => {
    const fake = await startCliFake(["--port", "0", "--seed", "21", "--shops", "1"]);
    expect(fake.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.shops).toHaveLength(1);
    const platformShop = fake.shops[0];
    if (!platformShop) throw new Error("no shop");
    expect(platformShop.orders).toBeGreaterThan(100);

    setUpShop("同步店", "sync-1");
    const connected = connect("sync-1", fake, platformShop.shopId);
    expect(connected.status, connected.stderr).toBe(0);
    expect(connected.json).toMatchObject({ connected: true, authStatus: "authorised", platformShopId: platformShop.shopId, platformShopName: platformShop.name });
    expect(connected.stdout).not.toContain(fake.appSecret);

    const first = runCli(["sync", "run", "--org", "同步测试", "--shop", "sync-1"], env());
    expect(first.status, first.stderr).toBe(0);
    const run1 = first.json as RunLine;
    expect(run1.resources.orders).toMatchObject({ pulled: platformShop.orders, inserted: platformShop.orders, updated: 0, unchanged: 0 });
    expect(run1.resources.after_sales?.pulled).toBeGreaterThan(0);
    expect(typeof run1.platformScore).toBe("number");

    const second = runCli(["sync", "run", "--org", "同步测试", "--shop", "sync-1"], env());
    expect(second.status, second.stderr).toBe(0);
    const run2 = second.json as RunLine;
    for (const counts of Object.values(run2.resources)) expect(counts).toMatchObject({ pulled: 0, inserted: 0, updated: 0 });
    expect(run2.platformScore).toBe(run1.platformScore);
  }, 240_000);

  it("a sync process killed midway resumes from its cursor: every order once, nothing missing", async () => {
    const fake = await startFakePlatform({ seed: 22, shops: 1 });
    try {
      const platformShop = fake.shops[0];
      if (!platformShop) throw new Error("no shop");
      setUpShop("断点店", "sync-2");
      const connected = await runCliAsync(["sync", "connect", "--org", "同步测试", "--shop", "sync-2", "--base-url", fake.baseUrl, "--app-key", fake.appKey, "--app-secret", fake.appSecret, "--platform-shop-id", platformShop.shopId]);
      expect(connected.status, connected.stderr).toBe(0);
      // Slow listings, so the process is surely killed between two committed batches.
      fake.faults.add({ kind: "delay", delayMs: 60, method: "order.searchList", times: 10_000 });
      const child = spawn(process.execPath, [BIN, "sync", "run", "--org", "同步测试", "--shop", "sync-2"], {
        env: { ...process.env, ...env(), LOG_LEVEL: "silent", KOUBEI_SYNC_BATCH_RECORDS: "30" },
        stdio: "ignore",
      });
      children.push(child);
      const exited = new Promise((resolve) => child.once("exit", resolve));
      // Day-long windows from 90 days back: the first 60 are empty, then about eight orders a day (a batch every four windows).
      while (fake.calls.filter((c) => c.method === "order.searchList").length < 80) await new Promise((r) => setTimeout(r, 50));
      child.kill("SIGKILL");
      await exited;
      fake.faults.clear();

      const again = await runCliAsync(["sync", "run", "--org", "同步测试", "--shop", "sync-2"]);
      expect(again.status, again.stderr).toBe(0);
      const resumed = JSON.parse(again.stdout) as RunLine;
      const total = platformShop.orders.length;
      const resumedOrders = resumed.resources.orders;
      // Resumed, not restarted: it pulled less than everything, and what it inserted completes the shop.
      expect(resumedOrders?.pulled).toBeLessThan(total);
      expect(resumedOrders?.pulled).toBeGreaterThan(0);

      const handle = await openCliDatabase();
      try {
        const [row] = rowsOf<{ orders: number; distinct_orders: number; inserted: number; interrupted: number }>(
          await handle.db.transaction(async (tx) => {
            const [org] = rowsOf<{ id: string }>(await tx.execute(sql`select org_id as id from koubei_find_orgs('同步测试')`));
            await tx.execute(sql`select set_config('app.org_id', ${org?.id ?? ""}, true)`);
            if (handle.switchRole) await tx.execute(sql`set local role ${sql.identifier(handle.switchRole)}`);
            return tx.execute(sql`select
              (select count(*)::int from orders o join shops s on s.org_id = o.org_id and s.id = o.shop_id where s.external_id = 'sync-2') as orders,
              (select count(distinct o.order_id)::int from orders o join shops s on s.org_id = o.org_id and s.id = o.shop_id where s.external_id = 'sync-2') as distinct_orders,
              (select coalesce(sum(i.inserted), 0)::int from imports i join shops s on s.org_id = i.org_id and s.id = i.shop_id where s.external_id = 'sync-2' and i.kind = 'orders' and i.source = 'sync') as inserted,
              (select count(*)::int from sync_runs r join shops s on s.org_id = r.org_id and s.id = r.shop_id where s.external_id = 'sync-2' and r.error_key = 'errors.sync.interrupted') as interrupted`);
          }),
        );
        expect(row).toEqual({ orders: total, distinct_orders: total, inserted: total, interrupted: 1 });
      } finally {
        await handle.close();
      }
    } finally {
      await fake.close();
    }
  }, 240_000);
});
