import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { creatorMerchants } from "@/server/entities/creator-merchants";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { runImport } from "@/server/imports/service";
import { undoImport } from "@/server/imports/undo";
import { systemScope } from "@/server/lib/scope";
import { buildDailyRollups, ROLLUP_METRIC_FIELDS } from "@/server/scoring/rollups";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import type { EntityFacts } from "@/server/scoring/facts";
import { CREATOR_ORDERS_FIXTURE, fixtureOrders } from "../../../scripts/fixtures/generate-creator-orders";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { addShop } from "./helpers";
import { bulkImport } from "@/server/imports/bulk";
import { makeZip } from "./zip-writer";

let t: TestDatabase;
let tmp: string;

async function createOrgWithCreator(name: string, externalId: string): Promise<{ orgId: string; creatorId: string; userId: null }> {
  const orgId = randomUUID();
  await withTenant(t.handle, { orgId }, (tx) => tx.insert(schema.organisations).values({ orgId, name }));
  const [creator] = await withTenant(t.handle, { orgId }, (tx) =>
    tx.insert(schema.creators).values({ orgId, externalId, name: `达人 ${externalId}`, categoryCode: "apparel" }).returning({ id: schema.creators.id }),
  );
  if (!creator) throw new Error("no creator");
  return { orgId, creatorId: creator.id, userId: null };
}

const storedOrders = (org: { orgId: string; creatorId: string }) =>
  withTenant(t.handle, org, (tx) =>
    tx
      .select()
      .from(schema.creatorOrders)
      .where(and(eq(schema.creatorOrders.orgId, org.orgId), eq(schema.creatorOrders.creatorId, org.creatorId)))
      .orderBy(asc(schema.creatorOrders.orderId)),
  );

/** A small export written as the back-end writes it (GBK, no BOM). */
function exportFile(name: string, lines: string[]): { path: string } {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, iconv.encode(`${lines.join("\r\n")}\r\n`, "gbk"));
  return { path: file };
}

beforeAll(async () => {
  t = await openTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-creator-orders-"));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("importing a creator's 达人订单 export (the generated fixture)", () => {
  let org: Awaited<ReturnType<typeof createOrgWithCreator>>;
  let firstImportId = "";
  beforeAll(async () => {
    org = await createOrgWithCreator("creator org", "xiaomei_haowu");
  });

  it("maps the Chinese headers, keeps the merchant's shop on each row and stores every order", async () => {
    const summary = await runImport(t.handle, org, { creatorId: org.creatorId, kind: "creator_orders", source: { path: CREATOR_ORDERS_FIXTURE }, fileName: "creator_orders.csv" });
    firstImportId = summary.importId;
    const expected = fixtureOrders();
    expect([summary.status, summary.rejected, summary.inserted]).toEqual(["succeeded", 0, expected.length]);
    const [imported] = await withTenant(t.handle, org, (tx) => tx.select().from(schema.imports).where(and(eq(schema.imports.orgId, org.orgId), eq(schema.imports.id, summary.importId))));
    expect(imported?.creatorId).toBe(org.creatorId);
    expect(imported?.shopId).toBeNull();
    expect(imported?.encoding).toBe("gb18030");
    expect(imported?.mapping).toMatchObject({ order_id: "订单号", merchant_shop_id: "店铺ID", merchant_shop_name: "店铺名称", paid_at: "支付时间", amount: "支付金额", product_stars: "商品评分" });

    const rows = await storedOrders(org);
    expect(rows).toHaveLength(expected.length);
    const first = expected[0];
    const stored = rows.find((r) => r.orderId === first?.orderId);
    // The tab before a long id is dropped; ￥ amounts and 2026/05/20 14:03:11 times are read.
    expect(stored).toMatchObject({
      merchantShopId: first?.merchant.shopId,
      merchantShopName: first?.merchant.name,
      productId: first?.productId,
      paidAt: first?.paidAt,
      amount: ((first?.amountCents ?? 0) / 100).toFixed(2),
      status: first?.status,
    });
    const refunded = expected.find((o) => o.aftersale?.completedAt);
    expect(rows.find((r) => r.orderId === refunded?.orderId)).toMatchObject({
      aftersaleType: refunded?.aftersale?.type === "仅退款" ? "refund_only" : "return_refund",
      aftersaleAppliedAt: refunded?.aftersale?.appliedAt,
      refundAmount: ((refunded?.refundCents ?? 0) / 100).toFixed(2),
    });
  });

  it("drops buyer names and phone numbers whatever the file holds", async () => {
    const dump = await withTenant(t.handle, org, async (tx) => {
      const parts: unknown[] = [];
      for (const table of ["creator_orders", "imports", "import_row_errors"]) parts.push(rowsOf(await tx.execute(sql`select to_jsonb(x) as j from ${sql.identifier(table)} x`)));
      return JSON.stringify(parts);
    });
    expect(dump).toContain("小鹿零食铺");
    expect(dump).not.toMatch(/买家小王|138\d{8}/);
  });

  it("is idempotent: the same file again changes nothing", async () => {
    const again = await runImport(t.handle, org, { creatorId: org.creatorId, kind: "creator_orders", source: { path: CREATOR_ORDERS_FIXTURE }, fileName: "creator_orders.csv" });
    expect([again.status, again.inserted, again.updated, again.unchanged]).toEqual(["succeeded", 0, 0, fixtureOrders().length]);
  });

  it("undoes an import exactly: an update is restored, then the first import's rows go", async () => {
    const first = fixtureOrders().find((o) => o.status === "已收货");
    const changed = exportFile("changed.csv", [
      "订单号,店铺ID,店铺名称,支付时间,订单状态",
      `\t${first?.orderId},${first?.merchant.shopId},${first?.merchant.name},2026/05/01 10:00:00,已结算`,
    ]);
    const before = (await storedOrders(org)).find((r) => r.orderId === first?.orderId);
    const update = await runImport(t.handle, org, { creatorId: org.creatorId, kind: "creator_orders", source: changed, fileName: "changed.csv" });
    expect([update.status, update.updated]).toEqual(["succeeded", 1]);
    expect((await storedOrders(org)).find((r) => r.orderId === first?.orderId)?.status).toBe("已结算");

    const undone = await undoImport(t.handle, org, { importId: update.importId });
    expect(undone.restored).toBe(1);
    expect((await storedOrders(org)).find((r) => r.orderId === first?.orderId)).toEqual(before);

    const undoneFirst = await undoImport(t.handle, org, { importId: firstImportId });
    expect(undoneFirst.deleted).toBe(fixtureOrders().length);
    expect(await storedOrders(org)).toHaveLength(0);
  });

  it("imports a ZIP of exports whose 达人订单 sits in the creator's folder, beside a shop's", async () => {
    const zipOrg = await createOrgWithCreator("zip org", "zip-author");
    await addShop(t.handle, zipOrg.orgId, "zip-shop");
    const fixture = new Uint8Array(fs.readFileSync(CREATOR_ORDERS_FIXTURE));
    const shopOrders = iconv.encode("子订单编号,支付时间,订单状态\r\n\tS1,2026/05/01 10:00:00,已完成\r\n", "gbk");
    const zip = makeZip([
      { name: "zip-author/达人订单.csv", data: fixture },
      { name: "zip-shop/orders.csv", data: new Uint8Array(shopOrders) },
    ]);
    const summary = await bulkImport(t.handle, zipOrg, { source: { bytes: zip }, fileName: "exports.zip" });
    const byFile = new Map(summary.items.map((i) => [i.file, i]));
    expect(byFile.get("zip-author/达人订单.csv")).toMatchObject({ kind: "creator_orders", status: "succeeded", creatorId: zipOrg.creatorId, shopId: null });
    expect(byFile.get("zip-author/达人订单.csv")?.summary?.inserted).toBe(fixtureOrders().length);
    expect(byFile.get("zip-shop/orders.csv")).toMatchObject({ kind: "orders", status: "succeeded" });
  });

  it("refuses another organisation's creator, and a kind that is not the owner's", async () => {
    const other = await createOrgWithCreator("other org", "someone");
    const source = { path: CREATOR_ORDERS_FIXTURE };
    await expect(runImport(t.handle, other, { creatorId: org.creatorId, kind: "creator_orders", source, fileName: "x.csv" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(runImport(t.handle, other, { creatorId: other.creatorId, kind: "orders", source, fileName: "x.csv" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(withTenant(t.handle, other, (tx) => creatorMerchants(tx, systemScope(other.orgId), { id: org.creatorId }))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("a creator's score and merchants from its own orders and its orders in the organisation's shops", () => {
  const DAY = "2026-05-20";
  let org: Awaited<ReturnType<typeof createOrgWithCreator>>;
  let shopId = "";
  const at = (text: string) => new Date(`${text}+08:00`);

  beforeAll(async () => {
    org = await createOrgWithCreator("score org", "author-c");
    shopId = await addShop(t.handle, org.orgId, "own-shop", "自营店");
    const order = (orderId: string, paidAt: string) => ({ orderId, paidAt: at(paidAt), orderType: "normal", status: "已完成", authorId: "author-c" });
    await withTenant(t.handle, org, (tx) =>
      insertShopFacts(tx, org.orgId, shopId, {
        orders: [order("A1", "2026-05-01T10:00:00"), order("A2", "2026-05-02T10:00:00")],
        reviews: [{ orderId: "A1", reviewedAt: at("2026-05-05T10:00:00"), productStars: 5, logisticsStars: null, serviceStars: null }],
        afterSales: [],
        complaints: [],
        chats: [],
      }),
    );
    const file = exportFile("small.csv", [
      "订单号,店铺ID,店铺名称,支付时间,订单状态,收货时间,售后类型,售后原因,售后申请时间,退款金额,评价时间,商品评分",
      // A2 was sold for the organisation's own shop: it is in both, and counts once.
      "\tA2,own-shop,自营店,2026/05/02 10:00:00,已结算,,,,,,,",
      "\tB1,m1,一号商家,2026/05/03 09:00:00,已结算,2026/05/05 09:00:00,,,,,2026/05/06 12:00:00,5",
      "\tB2,m1,一号商家,2026/05/04 09:00:00,已退款,,退货退款,质量问题,2026/05/06 09:00:00,￥59.00,,",
      "\tB3,m2,二号商家,2026/05/04 11:00:00,已失效,,,,,,,",
      "\tB4,m2,二号商家,2026/05/07 20:00:00,已收货,2026/05/09 20:00:00,,,,,2026/05/10 08:00:00,2",
    ]);
    const summary = await runImport(t.handle, org, { creatorId: org.creatorId, kind: "creator_orders", source: file, fileName: "small.csv" });
    expect([summary.status, summary.inserted, summary.rejected]).toEqual(["succeeded", 5, 0]);
    await rescoreOrganisation(t.handle, org.orgId, DAY);
  });

  it("rolls up exactly the engine's roll-ups of the combined facts, the shared order once", async () => {
    const q = (orderId: string) => `${shopId}:${orderId}`;
    const c = (orderId: string) => `creator:${orderId}`;
    const handFacts: EntityFacts = {
      orders: [
        { orderId: q("A1"), paidAt: at("2026-05-01T10:00:00"), orderType: "normal", status: "已完成", pickedUpAt: null, deliveredAt: null, authorId: "author-c" },
        { orderId: q("A2"), paidAt: at("2026-05-02T10:00:00"), orderType: "normal", status: "已完成", pickedUpAt: null, deliveredAt: null, authorId: "author-c" },
        { orderId: c("B1"), paidAt: at("2026-05-03T09:00:00"), orderType: "normal", status: "已结算", pickedUpAt: null, deliveredAt: at("2026-05-05T09:00:00"), authorId: null },
        { orderId: c("B2"), paidAt: at("2026-05-04T09:00:00"), orderType: "normal", status: "已退款", pickedUpAt: null, deliveredAt: null, authorId: null },
        { orderId: c("B3"), paidAt: at("2026-05-04T11:00:00"), orderType: "normal", status: "cancelled", pickedUpAt: null, deliveredAt: null, authorId: null },
        { orderId: c("B4"), paidAt: at("2026-05-07T20:00:00"), orderType: "normal", status: "已收货", pickedUpAt: null, deliveredAt: at("2026-05-09T20:00:00"), authorId: null },
      ],
      reviews: [
        { orderId: q("A1"), reviewedAt: at("2026-05-05T10:00:00"), productStars: 5, logisticsStars: null, serviceStars: null },
        { orderId: c("B1"), reviewedAt: at("2026-05-06T12:00:00"), productStars: 5, logisticsStars: null, serviceStars: null },
        { orderId: c("B4"), reviewedAt: at("2026-05-10T08:00:00"), productStars: 2, logisticsStars: null, serviceStars: null },
      ],
      afterSales: [
        { aftersaleId: c("B2"), orderId: c("B2"), type: "return_refund", reasonCategory: "quality", appliedAt: at("2026-05-06T09:00:00"), completedAt: null, completedBy: null, exempt: false },
      ],
      complaints: [],
      chats: [],
    };
    const stored = await withTenant(t.handle, org, (tx) =>
      tx
        .select()
        .from(schema.dailyRollups)
        .where(and(eq(schema.dailyRollups.orgId, org.orgId), eq(schema.dailyRollups.entityKind, "creator"), eq(schema.dailyRollups.entityId, org.creatorId)))
        .orderBy(asc(schema.dailyRollups.day), asc(schema.dailyRollups.visibleDay)),
    );
    const metrics = (row: Record<string, unknown>) => ({ day: row.day, visibleDay: row.visibleDay, ...Object.fromEntries(ROLLUP_METRIC_FIELDS.map((f) => [f, Number(row[f])])) });
    const expected = buildDailyRollups(handFacts).sort((a, b) => a.day.localeCompare(b.day) || a.visibleDay.localeCompare(b.visibleDay));
    expect(stored.map(metrics)).toEqual(expected.map(metrics));
    // By hand: A1, A2, B1, B2, B4 are valid (B3 lapsed, 已失效); three product ratings, two good; B2 a quality return.
    const total = (field: (typeof ROLLUP_METRIC_FIELDS)[number]) => stored.reduce((sum, row) => sum + Number(row[field]), 0);
    expect([total("validOrders"), total("productReviews"), total("productGood"), total("qualityReturns")]).toEqual([5, 3, 2, 1]);
  });

  it("lists the merchants it sold for with its own orders, refund rate and good-review rate", async () => {
    const result = await withTenant(t.handle, org, (tx) => creatorMerchants(tx, systemScope(org.orgId), { id: org.creatorId, day: DAY }));
    expect(result.window).toEqual({ first: "2026-02-19", last: "2026-05-19" });
    expect(result.merchants).toEqual([
      { merchantShopId: "m1", merchantShopName: "一号商家", orders: 2, refundedOrders: 1, refundRate: 0.5, reviews: 1, goodReviews: 1, goodReviewRate: 1, card: null },
      { merchantShopId: "m2", merchantShopName: "二号商家", orders: 1, refundedOrders: 0, refundRate: 0, reviews: 1, goodReviews: 0, goodReviewRate: 0, card: null },
      { merchantShopId: "own-shop", merchantShopName: "自营店", orders: 1, refundedOrders: 0, refundRate: 0, reviews: 0, goodReviews: 0, goodReviewRate: null, card: null },
    ]);
  });
});
