import type { Command } from "commander";
import { withTenant } from "@/server/db/tenant";
import { systemScope } from "@/server/lib/scope";
import { resolveOrgRef } from "@/server/orgs/service";
import { findEntityByRef } from "@/server/entities/queries";
import { runShopSync } from "@/server/sync/run";
import { connectShopInput } from "@/lib/contracts/sync";
import { secretKey } from "@/server/sync/secrets";
import { connectShop } from "@/server/sync/service";
import { startFakePlatform } from "@/server/sync/fake-platform/server";
import { CliUsageError, emit, withDatabase } from "../context";

type SyncOptions = { org?: string; shop?: string; baseUrl?: string; appKey?: string; appSecret?: string; platformShopId?: string; interval?: string };

const required = (value: string | undefined, flag: string): string => {
  if (!value) throw new CliUsageError(`${flag} is required`);
  return value;
};

async function connect(opts: SyncOptions) {
  await withDatabase(async (handle) => {
    const { orgId } = await resolveOrgRef(handle, required(opts.org, "--org"));
    const scope = systemScope(orgId);
    const status = await withTenant(handle, scope, async (tx) => {
      const shop = await findEntityByRef(tx, scope, "shop", required(opts.shop, "--shop"));
      const input = connectShopInput.parse({
        shopId: shop.id,
        baseUrl: required(opts.baseUrl, "--base-url"),
        appKey: required(opts.appKey, "--app-key"),
        appSecret: required(opts.appSecret, "--app-secret"),
        platformShopId: required(opts.platformShopId, "--platform-shop-id"),
        intervalMinutes: opts.interval ? Number(opts.interval) : undefined,
      });
      return connectShop(tx, secretKey(handle), scope, input);
    });
    const { runs: _runs, ...rest } = status.connected ? status : { ...status, runs: [] };
    emit(rest);
  });
}

async function run(opts: SyncOptions) {
  await withDatabase(async (handle) => {
    const { orgId } = await resolveOrgRef(handle, required(opts.org, "--org"));
    const scope = systemScope(orgId);
    const shop = await withTenant(handle, scope, (tx) => findEntityByRef(tx, scope, "shop", required(opts.shop, "--shop")));
    const batch = Number(process.env.KOUBEI_SYNC_BATCH_RECORDS ?? "");
    const result = await runShopSync(handle, scope, shop.id, { trigger: "cli", batchRecords: Number.isInteger(batch) && batch > 0 ? batch : undefined });
    emit({ resources: result.resources, platformScore: result.platformScore, status: result.status, runId: result.runId, ...(result.errorKey ? { errorKey: result.errorKey } : {}) });
    if (result.status !== "succeeded") process.exitCode = 2;
  });
}

export function registerSyncCommands(program: Command) {
  const sync = program.command("sync").description("sync shops with the Douyin shop open platform (抖店开放平台)");
  sync
    .command("connect")
    .description("store the organisation's app credentials and authorise a shop (authorization_self)")
    .option("--org <org>", "organisation id or exact name")
    .option("--shop <shop>", "the shop's id or external id")
    .option("--base-url <url>", "the platform's API address (the fake's baseUrl in development)")
    .option("--app-key <key>", "the app key")
    .option("--app-secret <secret>", "the app secret (stored encrypted)")
    .option("--platform-shop-id <id>", "the shop's id on the platform")
    .option("--interval <minutes>", "minutes between scheduled runs (default 30)")
    .action(connect);
  sync
    .command("run")
    .description("pull everything new for a shop now; one JSON object with counts per resource and the platform's score")
    .option("--org <org>", "organisation id or exact name")
    .option("--shop <shop>", "the shop's id or external id")
    .action(run);
}

type FakeOptions = { port?: string; seed?: string; shops?: string };

async function fakePlatform(opts: FakeOptions) {
  const port = Number(opts.port ?? "0");
  const seed = Number(opts.seed ?? "1");
  const shops = Number(opts.shops ?? "2");
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError("--port must be a port number");
  if (!Number.isInteger(seed)) throw new CliUsageError("--seed must be a whole number");
  if (!Number.isInteger(shops) || shops < 1 || shops > 50) throw new CliUsageError("--shops must be from 1 to 50");
  const fake = await startFakePlatform({ seed, shops, port });
  emit({ baseUrl: fake.baseUrl, appKey: fake.appKey, appSecret: fake.appSecret, shops: fake.shops.map((s) => ({ shopId: s.shopId, name: s.name, orders: s.orders.length })) });
  await new Promise<void>((resolve) => {
    const stop = () => void fake.close().then(resolve);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

export function registerDevCommands(program: Command) {
  const dev = program.command("dev").description("development helpers");
  dev
    .command("fake-platform")
    .description("run a local fake of the Douyin shop open platform in the foreground; prints one JSON line once it listens")
    .option("--port <port>", "port to listen on (0: any free port)")
    .option("--seed <seed>", "seed of the generated shops, orders and scores")
    .option("--shops <count>", "number of shops (default 2)")
    .action(fakePlatform);
}
