import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { deleteTemplate, listRowErrors, listTemplates, saveTemplate, touchedDaysOf } from "@/server/imports/queries";
import { previewImport } from "@/server/imports/preview";
import { runImport } from "@/server/imports/service";
import { undoImport } from "@/server/imports/undo";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { createOrgWithShop, gbk, utf8 } from "./helpers";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("templates", () => {
  it("a saved mapping imports a file with unknown headers; other orgs do not see it", async () => {
    const a = await createOrgWithShop(t.handle, "tplA");
    const b = await createOrgWithShop(t.handle, "tplB");
    const template = await saveTemplate(t.handle, a, { kind: "orders", name: "ERP export", mapping: { order_id: "单据号", paid_at: "付款日期", amount: "金额" } });
    expect((await listTemplates(t.handle, a, { kind: "orders" })).map((x) => x.name)).toEqual(["ERP export"]);
    expect(await listTemplates(t.handle, b)).toEqual([]);
    const file = gbk("单据号,付款日期,金额,买家电话\nE1,2026/5/31 23:30,\"1,299.00\",13812345678\n");
    const preview = await previewImport(t.handle, a, { kind: "orders", source: file, fileName: "erp.csv", mapping: template.mapping });
    expect(preview.rows[0]).toMatchObject({ orderId: "E1", amount: "1299.00" });
    expect(preview.buyerColumnsDropped).toEqual(["买家电话"]);
    const run = await runImport(t.handle, a, { shopId: a.shopId, kind: "orders", source: file, fileName: "erp.csv", mapping: template.mapping });
    expect(run).toMatchObject({ status: "succeeded", inserted: 1 });
    await expect(saveTemplate(t.handle, a, { kind: "orders", name: "bad", mapping: { order_id: "买家电话" } })).rejects.toThrow(/piiMapping/);
    await expect(deleteTemplate(t.handle, b, { templateId: template.id })).rejects.toThrow(/templateNotFound/);
    await deleteTemplate(t.handle, a, { templateId: template.id });
    expect(await listTemplates(t.handle, a)).toEqual([]);
    await expect(listRowErrors(t.handle, b, { importId: run.importId })).rejects.toThrow(/importNotFound/);
  });
});

describe("kept newer and touched days", () => {
  const header = "售后单号,订单编号,售后类型,售后原因,申请时间,完结时间,完结方,是否豁免体验分\n";
  it("a completed after-sale does not reopen from an undated re-upload; undo records its days", async () => {
    const org = await createOrgWithShop(t.handle, "as");
    const done = await runImport(t.handle, org, { shopId: org.shopId, kind: "after_sales", source: utf8(`${header}A1,O1,仅退款,质量问题,2026-05-01 10:00,2026-05-02 09:00,商家,否\n`), fileName: "as.csv" });
    expect(done).toMatchObject({ inserted: 1 });
    const stale = await runImport(t.handle, org, { shopId: org.shopId, kind: "after_sales", source: utf8(`${header}A1,O1,仅退款,质量问题,2026-05-01 10:00,-,-,否\n`), fileName: "as.csv" });
    expect(stale).toMatchObject({ keptNewer: 1, updated: 0 });
    const [row] = await withTenant(t.handle, org, (tx) => tx.select().from(schema.afterSales).where(and(eq(schema.afterSales.orgId, org.orgId), eq(schema.afterSales.aftersaleId, "A1"))));
    expect(row).toMatchObject({ reasonCategory: "quality", completedBy: "merchant", type: "refund_only" });
    expect(await touchedDaysOf(t.handle, org, done.importId)).toEqual(["2026-05-01", "2026-05-02"]);
    // A newer change moves the after-sale to another day: both the old and the new days are touched.
    const moved = await runImport(t.handle, org, { shopId: org.shopId, kind: "after_sales", source: utf8(`${header}A1,O1,仅退款,质量问题,2026-05-01 10:00,2026-05-09 09:00,商家,是\n`), fileName: "as.csv" });
    expect(moved).toMatchObject({ updated: 1 });
    expect(moved.touchedDays).toEqual(["2026-05-01", "2026-05-02", "2026-05-09"]);
    const undo = await undoImport(t.handle, org, { importId: moved.importId });
    expect(undo.touchedDays).toEqual(["2026-05-01", "2026-05-02", "2026-05-09"]);
  });
});

describe("one import per shop at a time", () => {
  it("concurrent imports of one shop serialise and both count correctly", async () => {
    const org = await createOrgWithShop(t.handle, "concurrent");
    const lines = (from: number) => Array.from({ length: 300 }, (_, i) => `c${from + i},2026-05-01 10:00,已完成`).join("\n");
    const [x, y] = await Promise.all([
      runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source: utf8(`订单编号,支付时间,订单状态\n${lines(0)}\n`), fileName: "x.csv", batchSize: 50 }),
      runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source: utf8(`订单编号,支付时间,订单状态\n${lines(150)}\n`), fileName: "y.csv", batchSize: 50 }),
    ]);
    expect(x.inserted + y.inserted).toBe(450);
    expect(x.unchanged + y.unchanged).toBe(150);
    const rows = await withTenant(t.handle, org, (tx) => tx.select().from(schema.orders).where(eq(schema.orders.orgId, org.orgId)));
    expect(rows).toHaveLength(450);
  });
});
