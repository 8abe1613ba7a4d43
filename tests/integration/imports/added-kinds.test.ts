import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { ImportKind } from "@/lib/contracts/imports";
import { withTenant } from "@/server/db/tenant";
import { bulkImport } from "@/server/imports/bulk";
import { kindFromFileName } from "@/server/imports/kinds";
import { previewImport } from "@/server/imports/preview";
import { listTemplates, saveTemplate } from "@/server/imports/queries";
import { runImport, type ImportSummary } from "@/server/imports/service";
import { undoImport } from "@/server/imports/undo";
import { en } from "../../helpers/messages";
import { CURRENT_CANONICAL_DIR, CURRENT_DOUYIN_EXPORTS_DIR } from "../../helpers/sample-paths";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { addShop, createOrgWithShop, utf8 } from "./helpers";
import { makeZip } from "./zip-writer";

/**
 * The facts of data-formats-current.md through the real importer: the three shops' GBK exports
 * and the canonical CSVs (split by shop), on PGlite or, with TEST_DATABASE_URL, PostgreSQL.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

type Owner = { orgId: string; shopId: string; userId: null };

const TABLES = {
  orders: schema.orders,
  after_sales: schema.afterSales,
  chats: schema.chats,
  chat_turns: schema.chatTurns,
  waybills: schema.waybills,
  help_requests: schema.helpRequests,
  penalties: schema.penalties,
  shop_services: schema.shopServices,
} as const;
type StoredKind = keyof typeof TABLES;
const ADDED_KINDS = ["chat_turns", "waybills", "help_requests", "penalties", "shop_services"] as const;

/** A shop's stored rows of a kind, as Drizzle reads them (camelCase, times as Dates). */
async function stored(kind: StoredKind, owner: Owner): Promise<Record<string, unknown>[]> {
  // Every fact table has org_id and shop_id; one table's type stands for all of them here.
  const table = TABLES[kind] as typeof schema.waybills;
  return withTenant(t.handle, owner, (tx) => tx.select().from(table).where(and(eq(table.orgId, owner.orgId), eq(table.shopId, owner.shopId))));
}

const at = (wallClock: string) => new Date(`${wallClock.replace(" ", "T")}+08:00`);
const dataLines = (file: string) => fs.readFileSync(file).toString("latin1").split("\r\n").filter(Boolean).length - 1;
const find = (rows: Record<string, unknown>[], key: string, value: unknown) => rows.find((r) => r[key] === value);
/** A chat turn by its buyer message's wall-clock time. */
const turnAt = (rows: Record<string, unknown>[], wallClock: string) => rows.find((r) => r.askedAt instanceof Date && r.askedAt.getTime() === at(wallClock).getTime());

function ownerOf(owners: Map<string, Owner>, shop: string): Owner {
  const owner = owners.get(shop);
  if (!owner) throw new Error(`${shop} was not imported`);
  return owner;
}

function expectClean(summary: ImportSummary, label: string) {
  expect([label, summary.status, summary.rejected, summary.errors], summary.error).toEqual([label, "succeeded", 0, []]);
}

// ---------------------------------------------------------------------------------------------
// The platform-style GBK exports of c01, b01 and s001: every file of each shop.

const EXPORT_SHOPS = ["c01", "b01", "s001"] as const;
const exportShops = new Map<string, Owner>();

describe("the current rules' GBK exports (c01, b01, s001)", () => {
  it("imports every file of each shop, kind guessed from its name, with every row taken; the same files again change nothing", async () => {
    for (const shop of EXPORT_SHOPS) {
      const owner = await createOrgWithShop(t.handle, `exports ${shop}`, shop);
      exportShops.set(shop, owner);
      const files = fs.readdirSync(path.join(CURRENT_DOUYIN_EXPORTS_DIR, shop)).sort();
      expect(files).toHaveLength(10);
      for (const file of files) {
        const kind = kindFromFileName(file);
        expect([file, kind]).toEqual([file, file.replace(".csv", "")]);
        if (!kind) continue;
        const source = { path: path.join(CURRENT_DOUYIN_EXPORTS_DIR, shop, file) };
        const lines = dataLines(source.path);
        const first = await runImport(t.handle, owner, { shopId: owner.shopId, kind, source, fileName: file });
        expectClean(first, `${shop}/${file}`);
        expect([shop, kind, first.inserted, first.duplicates]).toEqual([shop, kind, lines, 0]);
        const again = await runImport(t.handle, owner, { shopId: owner.shopId, kind, source, fileName: file });
        expect([shop, kind, again.inserted, again.updated, again.unchanged, again.keptNewer]).toEqual([shop, kind, 0, 0, lines, 0]);
        if (kind in TABLES) expect([shop, kind, (await stored(kind as StoredKind, owner)).length]).toEqual([shop, kind, lines]);
      }
    }
  });

  it("stores the exports' values exactly, an empty cell (-) as NULL", async () => {
    const [c01, b01, s001] = EXPORT_SHOPS.map((shop) => ownerOf(exportShops, shop)) as [Owner, Owner, Owner];

    const orders = await stored("orders", s001);
    expect(find(orders, "orderId", "s001-00000")).toMatchObject({
      shipBy: at("2026-06-10 00:58:00"),
      cancelledBy: null,
      lowPrice: false,
      instantRefund: false,
      abnormal: false,
      shipmentAnomaly: false,
      remote: false,
      nextDay: false,
      returnInsurance: true,
      largeItemInsurance: false,
      onsiteInstall: false,
    });
    expect(find(orders, "orderId", "s001-00002")).toMatchObject({ lowPrice: true });
    expect(find(await stored("orders", b01), "orderId", "b01-v000")).toMatchObject({ nextDay: true, shipBy: at("2026-04-22 00:00:00") });
    // Buyer columns (收件人, 收件人手机号, 详细地址) are never stored.
    expect(JSON.stringify(orders)).not.toMatch(/密文/);

    const sales = await stored("after_sales", s001);
    expect(find(sales, "aftersaleId", "as-s001-00001")).toMatchObject({ reviewedAt: at("2026-06-27 20:32:07"), refundedAt: at("2026-07-05 15:08:22"), merchantResponsible: true });
    expect(find(sales, "aftersaleId", "as-s001-00002")).toMatchObject({ reviewedAt: at("2026-04-06 17:35:26"), refundedAt: null, merchantResponsible: true });
    expect(find(sales, "aftersaleId", "as-s001-00013")).toMatchObject({ merchantResponsible: false });
    expect(find(await stored("after_sales", c01), "aftersaleId", "as-c01-00024")).toMatchObject({ reviewedAt: null, refundedAt: null, merchantResponsible: null });

    const chats = await stored("chats", c01);
    expect([find(chats, "sessionId", "c01-chat0")?.rating, find(chats, "sessionId", "c01-chat1")?.rating]).toEqual([null, 4]);

    const turns = await stored("chat_turns", c01);
    expect(turnAt(turns, "2026-04-28 08:40:01")).toMatchObject({
      sessionId: "c01-chat0",
      repliedAt: null,
      replier: "none",
    });
    expect(turnAt(turns, "2026-04-28 08:46:51")).toMatchObject({ repliedAt: at("2026-04-28 08:49:00"), replier: "human" });
    expect(turnAt(await stored("chat_turns", b01), "2026-04-21 10:06:00")).toMatchObject({ sessionId: "b01-chat0", replier: "bot", repliedAt: at("2026-04-21 10:06:06") });

    expect(find(await stored("waybills", b01), "waybillId", "w-b01-v000")).toMatchObject({
      orderId: "b01-v000",
      carrier: "中通快递",
      promisedAt: at("2026-04-23 02:46:00"),
      deliveredAt: at("2026-04-20 21:05:00"),
      delivered: true,
    });
    expect(await stored("waybills", c01)).toEqual([]);

    const help = await stored("help_requests", s001);
    expect(find(help, "requestId", "h-s001-00017")).toMatchObject({ orderId: "s001-00017", soughtAt: at("2026-04-04 08:40:00"), escalated: true, escalatedAt: at("2026-04-07 08:40:00") });
    expect(find(help, "requestId", "h-s001-00024")).toMatchObject({ escalated: false, escalatedAt: null });

    expect(await stored("penalties", s001)).toMatchObject([{ penaltyId: "pen-s001-0", occurredAt: at("2026-04-25 15:31:00"), typeText: "虚假宣传", type: "false_advertising", revoked: false }]);

    const services = (await stored("shop_services", b01)).sort((a, b) => String(a.service).localeCompare(String(b.service)));
    expect(services).toMatchObject([
      { service: "remote_delivery", enabledAt: at("2026-03-11 00:00:00"), disabledAt: null },
      { service: "return_insurance", enabledAt: at("2026-04-20 01:00:00"), disabledAt: null },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The canonical CSVs, split by shop (shop_key, or the shop of the row's order).

type CsvRow = Record<string, string>;
function readCanonical(kind: string): { fields: string[]; rows: CsvRow[] } {
  const parsed = Papa.parse<CsvRow>(fs.readFileSync(path.join(CURRENT_CANONICAL_DIR, `${kind}.csv`), "utf8"), { header: true, skipEmptyLines: "greedy" });
  return { fields: parsed.meta.fields ?? [], rows: parsed.data };
}
const canonicalOrders = readCanonical("orders");
const shopOfOrder = new Map(canonicalOrders.rows.map((r) => [r.order_id, r.shop_key]));

/** One shop's rows of a canonical file, as a UTF-8 CSV with the file's own columns. */
function canonicalFileOf(kind: StoredKind, shopKey: string): { bytes: Uint8Array; rows: CsvRow[] } {
  const { fields, rows } = kind === "orders" ? canonicalOrders : readCanonical(kind);
  const mine = rows.filter((r) => (r.shop_key ?? shopOfOrder.get(r.order_id ?? "")) === shopKey);
  return { bytes: utf8(Papa.unparse({ fields, data: mine.map((r) => fields.map((f) => r[f] ?? "")) })).bytes, rows: mine };
}

const CANONICAL_SHOPS = ["s001", "b01", "c03", "k01", "p01", "s008"] as const;
const CANONICAL_KINDS = ["orders", "after_sales", "chats", ...ADDED_KINDS] as const;
const canonicalShops = new Map<string, Owner>();

describe("the canonical CSVs of every kind, split by shop", () => {
  it("imports each shop's rows of every kind with none rejected, and again unchanged", async () => {
    const org = await createOrgWithShop(t.handle, "canonical", CANONICAL_SHOPS[0]);
    canonicalShops.set(CANONICAL_SHOPS[0], org);
    for (const shop of CANONICAL_SHOPS.slice(1)) canonicalShops.set(shop, { ...org, shopId: await addShop(t.handle, org.orgId, shop) });
    for (const [shop, owner] of canonicalShops) {
      for (const kind of CANONICAL_KINDS) {
        const file = canonicalFileOf(kind, shop);
        const first = await runImport(t.handle, owner, { shopId: owner.shopId, kind, source: { bytes: file.bytes }, fileName: `${kind}.csv` });
        expectClean(first, `${shop}/${kind}`);
        expect([shop, kind, first.inserted]).toEqual([shop, kind, file.rows.length]);
        const again = await runImport(t.handle, owner, { shopId: owner.shopId, kind, source: { bytes: file.bytes }, fileName: `${kind}.csv` });
        expect([shop, kind, again.inserted, again.updated, again.unchanged]).toEqual([shop, kind, 0, 0, file.rows.length]);
      }
    }
  });

  it("keeps every empty cell unknown (NULL), never false or zero", async () => {
    const owner = (shop: string) => ownerOf(canonicalShops, shop);
    expect(find(await stored("waybills", owner("k01")), "waybillId", "w-k01-nodata")).toMatchObject({ promisedAt: at("2026-05-17 12:00:00"), deliveredAt: null, delivered: null });

    const count = (rows: Record<string, unknown>[], field: string) => rows.filter((r) => r[field] === null).length;
    const c03Help = await stored("help_requests", owner("c03"));
    const c03HelpCsv = canonicalFileOf("help_requests", "c03").rows;
    expect(count(c03Help, "escalated")).toBe(c03HelpCsv.filter((r) => r.escalated === "").length);
    expect(count(c03Help, "escalated")).toBe(5);
    expect(count(c03Help, "escalatedAt")).toBe(c03HelpCsv.filter((r) => r.escalated_at === "").length);

    const s001Turns = await stored("chat_turns", owner("s001"));
    expect(count(s001Turns, "replier")).toBe(16);
    expect(count(s001Turns, "repliedAt")).toBe(canonicalFileOf("chat_turns", "s001").rows.filter((r) => r.replied_at === "").length);

    const s008Orders = await stored("orders", owner("s008"));
    for (const flag of ["remote", "nextDay", "returnInsurance", "largeItemInsurance", "onsiteInstall"]) expect([flag, count(s008Orders, flag)]).toEqual([flag, 400]);
    expect(count(s008Orders, "lowPrice")).toBe(0);

    const c03Orders = await stored("orders", owner("c03"));
    const cancelledBy = canonicalFileOf("orders", "c03").rows.map((r) => r.cancelled_by || null);
    expect(c03Orders.map((r) => r.cancelledBy ?? null).sort()).toEqual(cancelledBy.sort());
    expect(cancelledBy.filter((v) => v !== null)).toHaveLength(26);

    const s001Sales = await stored("after_sales", owner("s001"));
    const s001SalesCsv = canonicalFileOf("after_sales", "s001").rows;
    expect(count(s001Sales, "merchantResponsible")).toBe(s001SalesCsv.filter((r) => r.merchant_responsible === "").length);
    expect(count(s001Sales, "refundedAt")).toBe(s001SalesCsv.filter((r) => r.refunded_at === "").length);

    const services = await stored("shop_services", owner("b01"));
    expect(services.map((s) => s.service).sort()).toEqual(["remote_delivery", "return_insurance"]);
  });

  it("takes the penalty type codes the canonical file carries", async () => {
    const rows = await stored("penalties", ownerOf(canonicalShops, "p01"));
    const byType = (list: Record<string, unknown>[]) => list.reduce<Record<string, number>>((acc, r) => ({ ...acc, [String(r.type)]: (acc[String(r.type)] ?? 0) + 1 }), {});
    expect(byType(rows)).toEqual(byType(canonicalFileOf("penalties", "p01").rows));
    expect(rows).toHaveLength(10);
    expect(find(rows, "penaltyId", "pen-p01-f2")).toMatchObject({ typeText: "fake_reviews", type: "fake_reviews", revoked: false, occurredAt: at("2026-05-15 12:00:00") });
  });

  it("stores the same facts for s001 whether they came from its GBK exports or from the canonical files", async () => {
    const fromExports = ownerOf(exportShops, "s001");
    const fromCanonical = ownerOf(canonicalShops, "s001");
    // typeText is the label as each file gives it: 虚假宣传 in the export, the code in the canonical file.
    const NOT_FACTS = new Set(["orgId", "shopId", "lastImportId", "createdImportId", "exportedAt", "typeText"]);
    const facts = async (kind: StoredKind, owner: Owner, only?: readonly string[]) =>
      (await stored(kind, owner))
        .map((row) => JSON.stringify(Object.entries(row).filter(([k]) => !NOT_FACTS.has(k) && (!only || only.includes(k))).sort(([a], [b]) => a.localeCompare(b))))
        .sort();
    for (const kind of ADDED_KINDS) expect([kind, await facts(kind, fromExports)]).toEqual([kind, await facts(kind, fromCanonical)]);
    const orderColumns = ["orderId", "shipBy", "cancelledBy", "lowPrice", "instantRefund", "abnormal", "shipmentAnomaly", "remote", "nextDay", "returnInsurance", "largeItemInsurance", "onsiteInstall"];
    expect(await facts("orders", fromExports, orderColumns)).toEqual(await facts("orders", fromCanonical, orderColumns));
    const saleColumns = ["aftersaleId", "reviewedAt", "refundedAt", "merchantResponsible"];
    expect(await facts("after_sales", fromExports, saleColumns)).toEqual(await facts("after_sales", fromCanonical, saleColumns));
    expect(await facts("chats", fromExports, ["sessionId", "rating"])).toEqual(await facts("chats", fromCanonical, ["sessionId", "rating"]));
  });
});

// ---------------------------------------------------------------------------------------------
// Re-imports, older exports and undo on the new tables (keys with a time included).

describe("updates, older exports and undo", () => {
  it("waybills: a newer export updates, an older one is kept newer, undo restores and then removes", async () => {
    const owner = await createOrgWithShop(t.handle, "waybill history");
    const header = "运单号,订单编号,快递公司,承诺送达时间,签收时间,是否签收\n";
    const v1 = await runImport(t.handle, owner, {
      shopId: owner.shopId,
      kind: "waybills",
      source: utf8(`${header}w1,o1,中通快递,2026-05-03 12:00:00,-,否\nw2,o2,中通快递,2026-05-03 12:00:00,-,-\n`),
      fileName: "1791430000_运单时效明细.csv",
    });
    expect(v1).toMatchObject({ status: "succeeded", inserted: 2 });
    const v2 = await runImport(t.handle, owner, {
      shopId: owner.shopId,
      kind: "waybills",
      source: utf8(`${header}w1,o1,中通快递,2026-05-03 12:00:00,2026-05-02 18:00:00,是\nw2,o2,中通快递,2026-05-03 12:00:00,-,-\nw3,o3,圆通速递,-,-,-\n`),
      fileName: "1791440000_运单时效明细.csv",
    });
    expect(v2).toMatchObject({ inserted: 1, updated: 1, unchanged: 1, keptNewer: 0 });
    const older = await runImport(t.handle, owner, {
      shopId: owner.shopId,
      kind: "waybills",
      source: utf8(`${header}w1,o1,中通快递,2026-05-03 12:00:00,-,否\n`),
      fileName: "1791420000_运单时效明细.csv",
    });
    expect(older).toMatchObject({ inserted: 0, updated: 0, keptNewer: 1 });
    expect(older.notes.map(en).join()).toMatch(/older export/);
    expect(find(await stored("waybills", owner), "waybillId", "w1")).toMatchObject({ delivered: true, deliveredAt: at("2026-05-02 18:00:00") });

    expect(await undoImport(t.handle, owner, { importId: v2.importId })).toMatchObject({ deleted: 1, restored: 1 });
    const afterUndo = await stored("waybills", owner);
    expect(afterUndo.map((r) => r.waybillId).sort()).toEqual(["w1", "w2"]);
    expect(find(afterUndo, "waybillId", "w1")).toMatchObject({ delivered: false, deliveredAt: null, lastImportId: v1.importId });
    expect(find(afterUndo, "waybillId", "w2")).toMatchObject({ delivered: null });
    await undoImport(t.handle, owner, { importId: v1.importId });
    expect(await stored("waybills", owner)).toEqual([]);
  });

  it("chat turns and shop services (keys with a time): an update and its undo match the row by its time", async () => {
    const owner = await createOrgWithShop(t.handle, "time keys");
    const turns = "会话ID,买家消息时间,客服回复时间,回复方\n";
    const t1 = await runImport(t.handle, owner, { shopId: owner.shopId, kind: "chat_turns", source: utf8(`${turns}c1,2026-05-01 10:00:00,-,未回复\nc1,2026-05-01 10:05:00,2026-05-01 10:06:00,机器人\n`), fileName: "飞鸽会话明细.csv" });
    const t2 = await runImport(t.handle, owner, { shopId: owner.shopId, kind: "chat_turns", source: utf8(`${turns}c1,2026-05-01 10:00:00,2026-05-01 10:01:00,人工客服\n`), fileName: "飞鸽会话明细.csv" });
    expect(t2).toMatchObject({ updated: 1, inserted: 0 });
    expect(find(await stored("chat_turns", owner), "replier", "human")).toMatchObject({ askedAt: at("2026-05-01 10:00:00"), repliedAt: at("2026-05-01 10:01:00") });
    expect(await undoImport(t.handle, owner, { importId: t2.importId })).toMatchObject({ restored: 1, deleted: 0 });
    expect((await stored("chat_turns", owner)).map((r) => r.replier).sort()).toEqual(["bot", "none"]);
    await undoImport(t.handle, owner, { importId: t1.importId });
    expect(await stored("chat_turns", owner)).toEqual([]);

    const services = "服务名称,开通时间,关闭时间\n";
    const s1 = await runImport(t.handle, owner, { shopId: owner.shopId, kind: "shop_services", source: utf8(`${services}运费险,2026-03-01,-\n上门安装,2026-03-01,-\n`), fileName: "服务开通记录.csv" });
    const s2 = await runImport(t.handle, owner, { shopId: owner.shopId, kind: "shop_services", source: utf8(`${services}退货运费险,2026-03-01,2026-04-01\n极速退款,2026-03-01,-\n`), fileName: "服务开通记录.csv" });
    expect(s2).toMatchObject({ status: "succeeded", updated: 1, rejected: 1 });
    expect(en(s2.errors[0]?.reason)).toMatch(/unknown service "极速退款"/);
    expect(find(await stored("shop_services", owner), "service", "return_insurance")).toMatchObject({ disabledAt: at("2026-04-01 00:00:00") });
    await undoImport(t.handle, owner, { importId: s2.importId });
    expect(find(await stored("shop_services", owner), "service", "return_insurance")).toMatchObject({ disabledAt: null });
    await undoImport(t.handle, owner, { importId: s1.importId });
    expect(await stored("shop_services", owner)).toEqual([]);
  });

  it("penalties: the organisation's own label mapping applies; the label is kept as the file gave it", async () => {
    const owner = await createOrgWithShop(t.handle, "penalty labels");
    await withTenant(t.handle, owner, (tx) => tx.insert(schema.penaltyTypeOverrides).values({ orgId: owner.orgId, label: "发布违禁信息", type: "false_advertising" }));
    const file = "处罚单号,处罚时间,违规类型,申诉结果\np1,2026-05-01 10:00,发布违禁信息,申诉成功\np2,2026-05-02 10:00,刷单,申诉失败\np3,2026-05-03 10:00,商品信息不规范,-\n";
    const summary = await runImport(t.handle, owner, { shopId: owner.shopId, kind: "penalties", source: utf8(file), fileName: "违规记录.csv" });
    expectClean(summary, "penalties");
    const rows = await stored("penalties", owner);
    expect(find(rows, "penaltyId", "p1")).toMatchObject({ typeText: "发布违禁信息", type: "false_advertising", revoked: true });
    expect(find(rows, "penaltyId", "p2")).toMatchObject({ typeText: "刷单", type: "fake_orders", revoked: false });
    expect(find(rows, "penaltyId", "p3")).toMatchObject({ typeText: "商品信息不规范", type: "other", revoked: null });
    // Another organisation's mapping does not apply.
    const other = await createOrgWithShop(t.handle, "penalty labels elsewhere");
    await runImport(t.handle, other, { shopId: other.shopId, kind: "penalties", source: utf8(file), fileName: "违规记录.csv" });
    expect(find(await stored("penalties", other), "penaltyId", "p1")).toMatchObject({ type: "other" });
  });
});

// ---------------------------------------------------------------------------------------------
// Preview, templates and bulk imports of the new kinds.

describe("preview, templates and bulk imports", () => {
  it("previews a new kind with its mapping and rows, and saves its mapping as a template", async () => {
    const owner = await createOrgWithShop(t.handle, "preview");
    const preview = await previewImport(t.handle, owner, { kind: "help_requests", source: { path: path.join(CURRENT_DOUYIN_EXPORTS_DIR, "s001", "help_requests.csv") }, fileName: "help_requests.csv" });
    expect(preview).toMatchObject({ kind: "help_requests", encoding: "gb18030", rejected: [], ignoredColumns: [] });
    expect(preview.kindGuesses[0]).toMatchObject({ kind: "help_requests", complete: true });
    expect(preview.mapping).toEqual({ request_id: "求助单号", order_id: "订单编号", sought_at: "求助商家时间", escalated: "是否升级求助平台", escalated_at: "求助平台时间" });
    expect(preview.rows[0]).toMatchObject({ requestId: "h-s001-00017", escalated: true });

    const template = await saveTemplate(t.handle, owner, { kind: "waybills", name: "物流单模板", mapping: { waybill_id: "物流单号", order_id: "子订单编号", delivered: "签收状态" } });
    expect((await listTemplates(t.handle, owner, { kind: "waybills" })).map((x) => x.id)).toEqual([template.id]);
    const mapped = await runImport(t.handle, owner, {
      shopId: owner.shopId,
      kind: "waybills",
      source: utf8("物流单号,子订单编号,签收状态,运单号\nw9,o9,拒收,ignored\n"),
      fileName: "x.csv",
      mapping: template.mapping ?? {},
    });
    expectClean(mapped, "mapped");
    expect(await stored("waybills", owner)).toMatchObject([{ waybillId: "w9", orderId: "o9", delivered: false }]);
  });

  it("a manifest names the new kinds in English or Chinese; a ZIP of <shop>/<kind>.csv guesses them", async () => {
    const owner = await createOrgWithShop(t.handle, "bulk", "b01");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-added-kinds-"));
    try {
      const names = ["chat_turns", "waybills", "help_requests", "penalties", "shop_services"];
      for (const kind of names) fs.copyFileSync(path.join(CURRENT_DOUYIN_EXPORTS_DIR, "b01", `${kind}.csv`), path.join(dir, `f-${kind}.csv`));
      const manifest = "shop,kind,file\nb01,chat_turns,f-chat_turns.csv\nb01,运单时效明细,f-waybills.csv\nb01,消费者求助记录,f-help_requests.csv\nb01,penalties,f-penalties.csv\nb01,服务开通记录,f-shop_services.csv\n";
      fs.writeFileSync(path.join(dir, "manifest.csv"), manifest);
      const summary = await bulkImport(t.handle, owner, { source: { path: path.join(dir, "manifest.csv") }, fileName: "manifest.csv" });
      expect(summary.items.map((i) => [i.file, i.kind, i.status])).toEqual(names.map((kind) => [`f-${kind}.csv`, kind, "succeeded"]));
      expect((await stored("waybills", owner)).length).toBe(50);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const zipOwner = await createOrgWithShop(t.handle, "bulk zip", "s001");
    const entries = ADDED_KINDS.map((kind: ImportKind) => ({ name: `exports/s001/${kind}.csv`, data: new Uint8Array(fs.readFileSync(path.join(CURRENT_DOUYIN_EXPORTS_DIR, "s001", `${kind}.csv`))) }));
    const zipped = await bulkImport(t.handle, zipOwner, { source: { bytes: makeZip(entries) }, fileName: "exports.zip" });
    expect(zipped.items.map((i) => [i.kind, i.status, i.summary?.rejected])).toEqual(ADDED_KINDS.map((kind) => [kind, "succeeded", 0]));
    expect((await stored("chat_turns", zipOwner)).length).toBe(976);
  });
});
