import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { touchedDaysOf } from "@/server/imports/queries";
import { runImport } from "@/server/imports/service";
import { undoImport } from "@/server/imports/undo";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { createOrgWithShop, utf8 } from "./helpers";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

type Org = { orgId: string; shopId: string; userId: null };
const header = "订单编号,支付时间,订单状态,订单应付金额,商品规格\n";

const ordersOf = async (org: Org) =>
  withTenant(t.handle, org, (tx) =>
    tx
      .select({ orderId: schema.orders.orderId, paidAt: schema.orders.paidAt, status: schema.orders.status, amount: schema.orders.amount, sku: schema.orders.sku })
      .from(schema.orders)
      .where(and(eq(schema.orders.orgId, org.orgId), eq(schema.orders.shopId, org.shopId)))
      .orderBy(asc(schema.orders.orderId)),
  );

const changesOf = async (org: Org, importId: string) =>
  withTenant(t.handle, org, (tx) => tx.select().from(schema.importRowChanges).where(eq(schema.importRowChanges.importId, importId)));

const importOrders = (org: Org, csv: string, options: { batchSize?: number; fileName?: string } = {}) =>
  runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source: utf8(header + csv), fileName: options.fileName ?? "orders.csv", batchSize: options.batchSize });

describe("duplicate keys within a file", () => {
  // Imports used to write every batchSize rows as one statement; these keys repeat across what were
  // batch boundaries (batchSize 2) and the result must not depend on it.
  const file = [
    "n1,2026-03-01 10:00,已发货,1,first", // replaced by the last n1 (a day no final row has)
    "n2,2026-03-05 10:00,已发货,2,-",
    "n3,2026-03-05 11:00,已发货,3,-",
    "n1,2026-03-06 10:00,已完成,4,second",
    "n4,2026-03-06 11:00,已发货,5,-",
    "n1,2026-03-07 10:00,已完成,6,last",
  ].join("\n");

  it("the last row of a key wins, as when the whole file is merged at once", async () => {
    const chunked = await createOrgWithShop(t.handle, "chunked");
    const whole = await createOrgWithShop(t.handle, "whole");
    const a = await importOrders(chunked, `${file}\n`, { batchSize: 2 });
    const b = await importOrders(whole, `${file}\n`);
    for (const result of [a, b]) {
      expect(result).toMatchObject({ status: "succeeded", inserted: 4, updated: 0, unchanged: 0, duplicates: 2 });
      expect(result.touchedDays).toEqual(["2026-03-05", "2026-03-06", "2026-03-07"]);
    }
    expect(await touchedDaysOf(t.handle, chunked, a.importId)).toEqual(["2026-03-05", "2026-03-06", "2026-03-07"]);
    const rows = await ordersOf(chunked);
    expect(rows.map((r) => [r.orderId, r.amount, r.sku])).toEqual([
      ["n1", "6.00", "last"],
      ["n2", "2.00", null],
      ["n3", "3.00", null],
      ["n4", "5.00", null],
    ]);
    expect(rows).toEqual(await ordersOf(whole));
    // New rows are not logged one by one: undo finds them by created_import_id.
    expect(await changesOf(chunked, a.importId)).toEqual([]);
    await undoImport(t.handle, chunked, { importId: a.importId });
    expect(await ordersOf(chunked)).toEqual([]);
  });

  it("a stored key changed early in the file and back later is unchanged, with nothing logged", async () => {
    const org = await createOrgWithShop(t.handle, "flip");
    await importOrders(org, "s1,2026-04-01 10:00,已发货,10,-\ns2,2026-04-02 10:00,已发货,20,-\n");
    const before = await ordersOf(org);
    const flip = await importOrders(org, "s1,2026-04-01 10:00,已完成,11,-\nx1,2026-04-03 10:00,已发货,1,-\ns2,2026-04-02 10:00,已发货,20,-\ns1,2026-04-01 10:00,已发货,10,-\n", {
      batchSize: 1,
    });
    expect(flip).toMatchObject({ inserted: 1, updated: 0, unchanged: 2, keptNewer: 0, duplicates: 1, touchedDays: ["2026-04-03"] });
    expect(await changesOf(org, flip.importId)).toEqual([]);
    expect((await ordersOf(org)).filter((r) => r.orderId !== "x1")).toEqual(before);
  });

  it("a stored key set to an older status early and a newer one later is updated once", async () => {
    const org = await createOrgWithShop(t.handle, "later-wins");
    await importOrders(org, "k1,2026-04-01 10:00,已发货,10,-\n");
    const later = await importOrders(org, "k1,2026-04-01 10:00,待发货,10,-\nk2,2026-04-09 10:00,已发货,1,-\nk1,2026-04-05 10:00,已完成,12,-\n", { batchSize: 1 });
    expect(later).toMatchObject({ inserted: 1, updated: 1, unchanged: 0, keptNewer: 0, duplicates: 1 });
    // The replaced row's day (04-01) and the written rows' days (04-05, 04-09).
    expect(later.touchedDays).toEqual(["2026-04-01", "2026-04-05", "2026-04-09"]);
    expect((await ordersOf(org)).find((r) => r.orderId === "k1")).toMatchObject({ status: "已完成", amount: "12.00" });
    expect(await changesOf(org, later.importId)).toHaveLength(1);
    const undo = await undoImport(t.handle, org, { importId: later.importId });
    expect(undo).toMatchObject({ deleted: 1, restored: 1 });
    expect(await ordersOf(org)).toMatchObject([{ orderId: "k1", status: "已发货", amount: "10.00" }]);
  });
});

describe("touched days of a file of new keys", () => {
  it("are every Shanghai day any time of a written row falls on, as the database reads the stored rows", async () => {
    const org = await createOrgWithShop(t.handle, "new-keys-days");
    const csv = [
      "订单编号,支付时间,订单状态,订单应付金额,发货时间,签收时间",
      "d1,2026-03-01 23:59:59,已签收,1,2026-03-03 00:00:00,2026-03-08 12:00",
      "d2,2026-03-02 00:00:00,已发货,2,2026-03-03 10:00,",
      "d3,2026-03-02 08:00,待发货,3,,",
    ].join("\n");
    const result = await runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source: utf8(`${csv}\n`), fileName: "orders.csv" });
    expect(result).toMatchObject({ status: "succeeded", inserted: 3, duplicates: 0 });
    const stored = await withTenant(t.handle, org, (tx) =>
      tx.execute(
        sql`select distinct to_char(ts at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day
            from ${schema.orders} o, unnest(array[o.paid_at, o.shipped_at, o.delivered_at]) ts
            where o.org_id = ${org.orgId} and ts is not null order by 1`,
      ),
    );
    const days = rowsOf<{ day: string }>(stored).map((row) => row.day);
    expect(days).toEqual(["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-08"]);
    expect(result.touchedDays).toEqual(days);
    expect(await touchedDaysOf(t.handle, org, result.importId)).toEqual(days);
  });
});

describe("undo", () => {
  it("refuses while a later import has changed a row this one created, then undoes exactly", async () => {
    const org = await createOrgWithShop(t.handle, "undo-created");
    const a = await importOrders(org, "u1,2026-05-01 10:00,已发货,1,-\nu2,2026-05-01 11:00,已发货,2,-\n");
    const b = await importOrders(org, "u2,2026-05-01 11:00,已完成,2,-\nu3,2026-05-02 10:00,已发货,3,-\n");
    expect(b).toMatchObject({ inserted: 1, updated: 1 });
    await expect(undoImport(t.handle, org, { importId: a.importId })).rejects.toThrow(/changedSince/);
    expect(await undoImport(t.handle, org, { importId: b.importId })).toMatchObject({ deleted: 1, restored: 1 });
    expect((await ordersOf(org)).map((r) => [r.orderId, r.status])).toEqual([
      ["u1", "已发货"],
      ["u2", "已发货"],
    ]);
    expect(await undoImport(t.handle, org, { importId: a.importId })).toMatchObject({ deleted: 2, restored: 0 });
    expect(await ordersOf(org)).toEqual([]);
  });

  it("still undoes an import made before created_import_id, whose inserts the change log lists", async () => {
    const org = await createOrgWithShop(t.handle, "undo-legacy");
    const keep = await importOrders(org, "k1,2026-05-01 10:00,已发货,1,-\n");
    const legacy = await importOrders(org, "k1,2026-05-01 10:00,已完成,1,-\nl1,2026-05-02 10:00,已发货,2,-\nl2,2026-05-03 10:00,已发货,3,-\n");
    expect(legacy).toMatchObject({ inserted: 2, updated: 1 });
    // Rewrite the import's rows as an import made before migration 0005 left them.
    await withTenant(t.handle, org, async (tx) => {
      await tx.execute(sql`
        insert into import_row_changes (org_id, import_id, row_key, shop_id, op, key, before)
        select org_id, created_import_id, order_id, shop_id, 'insert', jsonb_build_object('order_id', order_id), null
        from orders where org_id = ${org.orgId}::uuid and created_import_id = ${legacy.importId}::uuid`);
      await tx.execute(sql`update orders set created_import_id = null where org_id = ${org.orgId}::uuid and created_import_id = ${legacy.importId}::uuid`);
    });
    expect(await changesOf(org, legacy.importId)).toHaveLength(3);
    expect(await undoImport(t.handle, org, { importId: legacy.importId })).toMatchObject({ deleted: 2, restored: 1 });
    expect(await ordersOf(org)).toMatchObject([{ orderId: "k1", status: "已发货" }]);
    expect(await undoImport(t.handle, org, { importId: keep.importId })).toMatchObject({ deleted: 1 });
    expect(await ordersOf(org)).toEqual([]);
  });
});

describe("staging", () => {
  it("stores text with tabs, line breaks, backslashes and COPY's null marker as it was; the same file again is unchanged", async () => {
    const org = await createOrgWithShop(t.handle, "escapes");
    const skus = ["a\tb", "line1\nline2", "back\\slash", "\\N", '引号 "x", 逗号', "cr\rhere"];
    const csv = skus.map((sku, i) => `e${i},2026-05-01 10:00,已发货,1,"${sku.replace(/"/g, '""')}"`).join("\n");
    const first = await importOrders(org, `${csv}\n`);
    expect(first).toMatchObject({ status: "succeeded", inserted: skus.length, rejected: 0 });
    expect((await ordersOf(org)).map((r) => r.sku)).toEqual(skus);
    expect(await importOrders(org, `${csv}\n`)).toMatchObject({ inserted: 0, updated: 0, unchanged: skus.length });
  });

  it("keeps times to the millisecond and reviews keyed by their review time", async () => {
    const org = await createOrgWithShop(t.handle, "times");
    const reviews = "订单编号,评价时间,商品评分\nr1,2026-05-01 10:00:00.123,5\nr1,2026-05-01 10:00:00.124,4\nr1,2026-05-01 10:00:00.123,3\n";
    const run = () => runImport(t.handle, org, { shopId: org.shopId, kind: "reviews", source: utf8(reviews), fileName: "reviews.csv", batchSize: 1 });
    expect(await run()).toMatchObject({ inserted: 2, duplicates: 1 });
    const stored = await withTenant(t.handle, org, (tx) =>
      tx.select({ at: schema.reviews.reviewedAt, stars: schema.reviews.productStars }).from(schema.reviews).where(eq(schema.reviews.orgId, org.orgId)).orderBy(asc(schema.reviews.reviewedAt)),
    );
    expect(stored.map((r) => [r.at.toISOString(), r.stars])).toEqual([
      ["2026-05-01T02:00:00.123Z", 3],
      ["2026-05-01T02:00:00.124Z", 4],
    ]);
    expect(await run()).toMatchObject({ inserted: 0, unchanged: 2, duplicates: 1 });
  });
});
