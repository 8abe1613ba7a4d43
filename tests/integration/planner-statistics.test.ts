import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/db/client";
import { analyzeGrownTables } from "@/db/planner-statistics";
import { organisations, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { runImport } from "@/server/imports/service";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { utf8 } from "./imports/helpers";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

/** A new organisation with `count` shops; returns its id and the shop ids. */
async function orgWithShops(name: string, count: number): Promise<{ orgId: string; shopIds: string[] }> {
  const orgId = crypto.randomUUID();
  const shopIds = await withTenant(t.handle, { orgId }, async (tx) => {
    await tx.insert(organisations).values({ orgId, name });
    return addShops(tx, orgId, name, 0, count);
  });
  return { orgId, shopIds };
}

async function addShops(tx: Tx, orgId: string, prefix: string, from: number, count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => ({ orgId, externalId: `${prefix}-${from + i}`, name: `${prefix} ${from + i}`, categoryCode: "apparel" }));
  return (await tx.insert(shops).values(rows).returning({ id: shops.id })).map((row) => row.id);
}

/** What the planner believes about `shops`, and how it would check a fact row's shop (the foreign key's own query, as a generic plan). */
async function shopsAsPlanned(): Promise<{ reltuples: number; keyCheckIndex: string | null }> {
  const pglite = t.handle.pglite;
  if (!pglite) throw new Error("embedded database only");
  const [stats] = (await pglite.query<{ reltuples: number }>("select reltuples::float8 as reltuples from pg_class where relname = 'shops'")).rows;
  await pglite.exec("set plan_cache_mode = force_generic_plan; prepare key_check(uuid, uuid) as select 1 from only public.shops x where org_id = $1 and id = $2 for key share of x");
  const plan = (await pglite.query<{ "QUERY PLAN": string }>("explain execute key_check(gen_random_uuid(), gen_random_uuid())")).rows.map((row) => row["QUERY PLAN"]).join("\n");
  await pglite.exec("deallocate key_check; reset plan_cache_mode");
  return { reltuples: stats?.reltuples ?? Number.NaN, keyCheckIndex: /using (\w+)/.exec(plan)?.[1] ?? null };
}

describe("planner statistics on the embedded database (no autovacuum)", () => {
  it("analyses the tables that grew, and only those; a fact row's shop is then checked by its key", async (ctx) => {
    if (t.handle.kind !== "pglite") ctx.skip();
    const { orgId } = await orgWithShops("stats grown", 300);
    expect(await analyzeGrownTables(t.handle)).toContain("shops");
    expect(await shopsAsPlanned()).toEqual({ reltuples: 300, keyCheckIndex: "shops_org_id_id_pk" });
    // Nothing grew since: nothing is analysed again.
    expect(await analyzeGrownTables(t.handle)).toEqual([]);
    // A third more shops is growth.
    await withTenant(t.handle, { orgId }, (tx) => addShops(tx, orgId, "stats grown", 300, 100));
    expect(await analyzeGrownTables(t.handle)).toContain("shops");
    expect((await shopsAsPlanned()).reltuples).toBe(400);
  });

  it("an import and a rescore analyse first: the shops added before them are known to the planner", async (ctx) => {
    if (t.handle.kind !== "pglite") ctx.skip();
    const before = (await shopsAsPlanned()).reltuples;
    const { orgId, shopIds } = await orgWithShops("stats import", 200);
    const summary = await runImport(t.handle, { orgId, userId: null }, {
      shopId: shopIds[0] ?? "",
      kind: "orders",
      source: utf8("订单编号,支付时间,订单状态,订单应付金额\no1,2026-05-01 10:00,已完成,10\n"),
      fileName: "orders.csv",
    });
    expect(summary.status).toBe("succeeded");
    expect((await shopsAsPlanned()).reltuples).toBe(before + 200);

    const more = await orgWithShops("stats rescore", 250);
    await rescoreOrganisation(t.handle, more.orgId, "2026-06-01");
    expect((await shopsAsPlanned()).reltuples).toBe(before + 450);
  });

  it("on PostgreSQL leaves statistics to autovacuum: nothing is analysed", async (ctx) => {
    if (t.handle.kind !== "postgres") ctx.skip();
    await orgWithShops("stats postgres", 50);
    expect(await analyzeGrownTables(t.handle)).toEqual([]);
  });
});
