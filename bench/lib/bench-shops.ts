/**
 * The benchmarks' agency: `shopCount` shops over the seeded categories with about `orders` orders
 * (plus reviews, after-sales, complaints and chats from the demo generator) over `days` days up to
 * `lastDay`: the shops first (with statistics), then their facts 100 shops per transaction, then
 * roll-ups built. Shared by bench:score and bench:api so both measure the same data. With
 * `current`, the shops also carry the current rules' facts (the same 5-point facts, plus the new
 * columns and kinds) and a mix of store types.
 */
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { CATEGORY_SEED } from "@/db/reference-categories";
import type { StoreType } from "@/lib/contracts/facts";
import { shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { refreshAllStaleRollups } from "@/server/scoring/refresh";

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
/** One shop in ten a flagship, one a franchise (专卖店), one a specialty store (专营店); the rest ordinary. */
const STORE_TYPE_MIX: readonly StoreType[] = ["flagship", "franchise", "specialty", "ordinary", "ordinary", "ordinary", "ordinary", "ordinary", "ordinary", "ordinary"];

export type BenchShops = {
  orgId: string;
  shopIds: string[];
  insertSeconds: number;
  rollupSeconds: number;
  counts: unknown;
};

export async function populateBenchShops(
  handle: DbHandle,
  options: {
    shopCount: number;
    orders: number;
    days: number;
    scoreDay: string;
    ownerUserId?: string | null;
    current?: boolean;
    log?: (...parts: unknown[]) => void;
    /** Called between the facts' load (the benchmark's own generator) and the engine's roll-up build. */
    onFactsInserted?: () => void;
  },
  analyze: () => Promise<void>,
): Promise<BenchShops> {
  const { shopCount, orders, days, scoreDay } = options;
  const start = process.hrtime.bigint();
  const org = await createOrganisation(handle, { name: "bench", kind: "agency", ownerUserId: options.ownerUserId ?? null });
  const firstDay = addDays(scoreDay, -days);
  const ordersPerDay = orders / shopCount / days;
  const notAfter = shanghaiMidnight(scoreDay);
  const shopIds: string[] = [];
  await withTenant(handle, { orgId: org.orgId }, async (tx) => {
    for (let i = 0; i < shopCount; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, shopCount - i) }, (_, k) => {
        const j = i + k;
        const category = CATEGORY_SEED[j % CATEGORY_SEED.length]?.code ?? "apparel";
        return { orgId: org.orgId, externalId: `b${j}`, name: `bench ${j}`, categoryCode: category, ...(options.current ? { storeType: STORE_TYPE_MIX[j % STORE_TYPE_MIX.length] } : {}) };
      });
      const inserted = new Map((await tx.insert(shops).values(rows).returning({ id: shops.id, externalId: shops.externalId })).map((s) => [s.externalId, s.id]));
      shopIds.push(...rows.map((row) => inserted.get(row.externalId) ?? ""));
    }
  });
  // Statistics on the shops before their facts go in, as autovacuum gives a live database. Without
  // them (this machine's server runs with autovacuum off) each fact row's foreign-key check kept a
  // plan made for an empty shops table, which read every shop of the organisation: the load took
  // 18 minutes at 10,000 shops, each thousand slower than the last.
  await analyze();
  for (let i = 0; i < shopCount; i += 100) {
    await withTenant(handle, { orgId: org.orgId }, async (tx) => {
      for (let j = i; j < Math.min(shopCount, i + 100); j++) {
        const facts = generateShopFacts({ seed: j, keyPrefix: `b${j}`, firstDay, days, ordersPerDay, notAfter, current: options.current });
        await insertShopFacts(tx, org.orgId, shopIds[j] ?? "", facts);
      }
    });
    if (i % 1000 === 0) options.log?.(`inserted facts for ${i} shops`);
  }
  const insertSeconds = seconds(start);
  options.onFactsInserted?.();
  // Statistics first, as autovacuum gives a production database: the engine's roll-up reads and
  // the floor (which runs later) then plan on the same footing.
  await analyze();
  const rollupStart = process.hrtime.bigint();
  await refreshAllStaleRollups(handle);
  const rollupSeconds = seconds(rollupStart);
  await analyze();
  const counts = (await withTenant(handle, { orgId: org.orgId }, (tx) =>
    tx.execute(sql`select (select count(*) from orders)::int as orders, (select count(*) from reviews)::int as reviews,
    (select count(*) from after_sales)::int as after_sales, (select count(*) from chats)::int as chats, (select count(*) from daily_rollups)::int as rollups,
    (select count(*) from chat_turns)::int as chat_turns, (select count(*) from waybills)::int as waybills, (select count(*) from help_requests)::int as help_requests,
    (select count(*) from penalties)::int as penalties, (select count(*) from shop_services)::int as shop_services`),
  )) as unknown;
  return {
    orgId: org.orgId,
    shopIds,
    insertSeconds,
    rollupSeconds,
    counts: Array.isArray(counts) ? counts[0] : (counts as { rows: unknown[] }).rows[0],
  };
}
