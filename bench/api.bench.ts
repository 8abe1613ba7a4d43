/**
 * `npm run bench:api`: the production server (`next start`) on PostgreSQL answering the insight
 * pages' data to 50 signed-in clients. Loopback only, bounded in time: it stops by itself.
 *
 *   1. a fresh PostgreSQL database (BENCH_DATABASE_URL, a superuser URL) that the server reaches as
 *      a non-superuser role, holding bench:score's agency (BENCH_SHOPS shops, default 10,000, about
 *      BENCH_ORDERS orders) scored for BENCH_API_HISTORY_DAYS days;
 *   2. one analyst limited to BENCH_API_VISIBLE (default 1,000) of those shops, as an agency's
 *      client-brand login is: the portfolio shows one page of 50 of them;
 *   3. per request kind, one client alone (the floor: service time), then BENCH_API_CLIENTS clients
 *      (default 50) for BENCH_API_SECONDS seconds, one kind at a time.
 * Writes p50/p95/p99 and errors per kind to bench/results/api.json.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { memberships, membershipShopGrants } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { storeOrganisationForecasts } from "@/server/insight/forecast-store";
import { backfillScores } from "@/server/scoring/backfill";
import { addDays } from "@/server/lib/time";
import { createUser } from "@/server/users/service";
import { apiRequestKinds, API_TARGETS_MS, FLOOR_KIND, prepareApiKinds } from "./api/request-kinds";
import { populateBenchShops } from "./lib/bench-shops";
import { analyzeAsOwner, benchSetting } from "./lib/settings";
import { createLoadDatabase } from "./load/database";
import { signIn, type Session } from "./load/http";
import { ensureBuild, startServer } from "./load/server";
import { floorLatency, percentile, startTraffic, TIMEOUT_SECONDS } from "./load/traffic";

process.env.LOG_LEVEL ??= "warn";

const SHOPS = benchSetting("BENCH_SHOPS", 10_000);
const ORDERS = benchSetting("BENCH_ORDERS", 1_000_000);
const VISIBLE = Math.min(SHOPS, benchSetting("BENCH_API_VISIBLE", 1_000));
const CLIENTS = benchSetting("BENCH_API_CLIENTS", 50);
const SECONDS = benchSetting("BENCH_API_SECONDS", 20);
const HISTORY_DAYS = benchSetting("BENCH_API_HISTORY_DAYS", 31);
const SESSIONS = 5;
const FLOOR_REQUESTS = 20;
/** bench:score's data ends here; every read asks for this day. */
const SCORE_DAY = "2026-06-01";
const DAYS = 120;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const RESULTS = path.join(import.meta.dirname, "results", "api.json");

const log = (...parts: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...parts);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main() {
  ensureBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-bench-api-"));
  const db = await createLoadDatabase(ADMIN_URL);
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    const password = "bench-api-password-2026";
    const owner = await createUser(db.handle, { email: "owner@api.bench", password, name: "API bench owner" });
    const analyst = await createUser(db.handle, { email: "client@api.bench", password, name: "Client brand" });
    log(`generating ${SHOPS} shops, ~${ORDERS} orders …`);
    const analyze = () => analyzeAsOwner(db.ownerUrl);
    const data = await populateBenchShops(db.handle, { shopCount: SHOPS, orders: ORDERS, days: DAYS, scoreDay: SCORE_DAY, ownerUserId: owner.id, log }, analyze);
    log(`scoring ${HISTORY_DAYS} days …`);
    const scoreStart = performance.now();
    await backfillScores(db.handle, { orgIds: [data.orgId], from: addDays(SCORE_DAY, -(HISTORY_DAYS - 1)), to: SCORE_DAY });
    const scoreSeconds = (performance.now() - scoreStart) / 1000;
    log("storing forecasts …");
    const forecastStart = performance.now();
    await storeOrganisationForecasts(db.handle, data.orgId, SCORE_DAY);
    const forecastSeconds = (performance.now() - forecastStart) / 1000;
    const visible = data.shopIds.slice(0, VISIBLE);
    await withTenant(db.handle, { orgId: data.orgId }, async (tx) => {
      await tx.insert(memberships).values({ orgId: data.orgId, userId: analyst.id, role: "analyst", limitedToGrants: true });
      for (let i = 0; i < visible.length; i += 500) {
        await tx.insert(membershipShopGrants).values(visible.slice(i, i + 500).map((shopId) => ({ orgId: data.orgId, userId: analyst.id, shopId })));
      }
    });
    log(`listing ${SHOPS} cards in the directory …`);
    const prepared = await prepareApiKinds(db.handle, { orgId: data.orgId, shopIds: data.shopIds, names: (i) => `bench ${i}`, day: SCORE_DAY });
    await analyze();

    server = await startServer(db, path.join(dir, "server.log"));
    const { base } = server;
    const sessions: Session[] = [];
    for (let i = 0; i < SESSIONS; i++) sessions.push(await signIn(base, { email: "client@api.bench", password }, data.orgId));
    const [first] = sessions;
    if (!first) throw new Error("no session");

    const kinds = [FLOOR_KIND, ...apiRequestKinds({ shopIds: visible, day: SCORE_DAY })];
    const results: Record<string, unknown> = {};
    for (const kind of kinds) {
      await floorLatency(base, first, [kind], 3);
      const floor = (await floorLatency(base, first, [kind], FLOOR_REQUESTS))[kind.name];
      log(`${kind.name}: ${CLIENTS} clients for ${SECONDS} s …`);
      const traffic = startTraffic(base, sessions, [kind], { clients: CLIENTS, maxSeconds: SECONDS });
      const [result] = await traffic.done;
      if (!result) throw new Error(`no result for ${kind.name}`);
      const sorted = [...result.latenciesMs].sort((a, b) => a - b);
      const p95 = percentile(sorted, 95);
      const errors = result.non2xx + result.errors + result.timeouts;
      const target: number | null = API_TARGETS_MS[kind.name as keyof typeof API_TARGETS_MS] ?? null;
      results[kind.name] = {
        requests: result.requests,
        requestsPerSecond: round(result.requests / SECONDS),
        errors,
        p50: percentile(sorted, 50),
        p95,
        p99: percentile(sorted, 99),
        /** One client, one request at a time: the service time. */
        alone: floor,
        targetP95Ms: target,
        met: target === null ? null : errors === 0 && p95 < target,
      };
      log(`  p50 ${percentile(sorted, 50)} ms, p95 ${p95} ms, ${errors} errors`);
    }
    const report = {
      benchmark: "api",
      generatedAt: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      shops: SHOPS,
      visibleShops: VISIBLE,
      clients: CLIENTS,
      secondsPerKind: SECONDS,
      timeoutSeconds: TIMEOUT_SECONDS,
      listedCards: prepared.listedCards,
      setup: { insertSeconds: round(data.insertSeconds), rollupSeconds: round(data.rollupSeconds), scoreSeconds: round(scoreSeconds), forecastSeconds: round(forecastSeconds), historyDays: HISTORY_DAYS, counts: data.counts },
      latencyMs: results,
      serverPeakRssMb: server.peakRssMb(),
    };
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
}

await main();
