import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { getImport, listRowErrors, rowErrorsCsv, touchedDaysOf } from "@/server/imports/queries";
import { previewImport } from "@/server/imports/preview";
import { runImport } from "@/server/imports/service";
import { undoImport } from "@/server/imports/undo";
import { en } from "../../helpers/messages";
import { SAMPLE_EXPORT_KINDS } from "../../helpers/sample-paths";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { createOrgWithShop, SAMPLES, utf8 } from "./helpers";

let t: TestDatabase;
let orgA: { orgId: string; shopId: string; userId: null };
let orgB: { orgId: string; shopId: string; userId: null };

beforeAll(async () => {
  t = await openTestDatabase();
  orgA = await createOrgWithShop(t.handle, "A");
  orgB = await createOrgWithShop(t.handle, "B");
});
afterAll(async () => {
  await t?.close();
});

const countOrders = async (org: { orgId: string; shopId: string }) =>
  (await withTenant(t.handle, org, (tx) => tx.select().from(schema.orders).where(and(eq(schema.orders.orgId, org.orgId), eq(schema.orders.shopId, org.shopId))))).length;

describe("importing the GBK sample exports", () => {
  it("imports every kind of s002; the same files again are all unchanged", async () => {
    for (const kind of SAMPLE_EXPORT_KINDS) {
      const source = { path: path.join(SAMPLES, "s002", `${kind}.csv`) };
      const first = await runImport(t.handle, orgA, { shopId: orgA.shopId, kind, source, fileName: `${kind}.csv` });
      expect([kind, first.status, first.rejected, first.updated, first.unchanged]).toEqual([kind, "succeeded", 0, 0, 0]);
      expect(first.inserted).toBeGreaterThan(0);
      const again = await runImport(t.handle, orgA, { shopId: orgA.shopId, kind, source, fileName: `${kind}.csv` });
      expect([kind, again.inserted, again.updated, again.unchanged, again.keptNewer]).toEqual([kind, 0, 0, first.inserted, 0]);
    }
    expect(await countOrders(orgA)).toBe(120);
  });

  it("never stores buyer details: no ciphertext or phone number in any stored row", async () => {
    const dump = await withTenant(t.handle, orgA, async (tx) => {
      const parts: unknown[] = [];
      for (const table of ["orders", "reviews", "after_sales", "complaints", "chats", "import_row_errors", "imports"]) {
        parts.push(rowsOf(await tx.execute(sql`select to_jsonb(x) as j from ${sql.identifier(table)} x`)));
      }
      return JSON.stringify(parts);
    });
    expect(dump.length).toBeGreaterThan(10_000);
    expect(dump).not.toMatch(/密文|13800138000|##|\$\$/);
  });

  it("records the days each import touched", async () => {
    const imports = await withTenant(t.handle, orgA, (tx) => tx.select().from(schema.imports).where(eq(schema.imports.kind, "orders")));
    const first = imports.find((i) => i.inserted > 0);
    if (!first) throw new Error("no orders import");
    const days = await touchedDaysOf(t.handle, orgA, first.id);
    expect(days.length).toBeGreaterThan(30);
    expect(days).toContain("2026-02-17");
    expect(first).toMatchObject({ status: "succeeded", encoding: "gb18030", fileType: "csv", rowsProcessed: 120 });
    expect(first.notes?.map(en).join()).toMatch(/订单提交时间/);
  });
});

describe("preview", () => {
  it("shows encoding, mapping, rows as stored and rejected rows", async () => {
    const preview = await previewImport(t.handle, orgA, {
      kind: "orders",
      source: { path: path.join(SAMPLES, "s030", "orders.csv") },
      fileName: "orders.csv",
      sampleRows: 3,
    });
    expect(preview).toMatchObject({ encoding: "gb18030", fileType: "csv", buyerColumnsDropped: ["收件人", "收件人手机号", "详细地址"] });
    expect(preview.mapping.paid_at).toBe("订单提交时间");
    expect(preview.rows).toHaveLength(3);
    expect(preview.rejected).toEqual([]);
    expect(preview.kindGuesses[0]?.kind).toBe("orders");
  });
});

describe("updates, kept-newer and undo", () => {
  const header = "订单编号,支付时间,订单状态,订单应付金额\n";
  it("a newer export updates; an older export is kept newer; undo restores exactly", async () => {
    const org = await createOrgWithShop(t.handle, "C");
    const v1 = await runImport(t.handle, org, {
      shopId: org.shopId,
      kind: "orders",
      source: utf8(`${header}o1,2026-05-01 10:00,已发货,10\no2,2026-05-02 10:00,已发货,20\n`),
      fileName: "1780000000_orders.csv",
    });
    expect(v1).toMatchObject({ status: "succeeded", inserted: 2 });
    const v2 = await runImport(t.handle, org, {
      shopId: org.shopId,
      kind: "orders",
      source: utf8(`${header}o1,2026-05-01 10:00,已完成,10\no2,2026-05-02 10:00,已发货,20\no3,2026-05-03 10:00,已发货,30\n`),
      fileName: "1780100000_orders.csv",
    });
    expect(v2).toMatchObject({ inserted: 1, updated: 1, unchanged: 1, keptNewer: 0 });
    const old = await runImport(t.handle, org, {
      shopId: org.shopId,
      kind: "orders",
      source: utf8(`${header}o1,2026-05-01 10:00,已发货,10\n`),
      fileName: "1780050000_orders.csv",
    });
    expect(old).toMatchObject({ inserted: 0, updated: 0, keptNewer: 1 });
    expect(old.notes.map(en).join()).toMatch(/older export/);
    // Without an export time, a status moving backwards is refused too.
    const undated = await runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source: utf8(`${header}o1,2026-05-01 10:00,已发货,10\n`), fileName: "orders.csv" });
    expect(undated).toMatchObject({ keptNewer: 1, updated: 0 });
    expect(undated.notes.map(en).join()).toMatch(/moved backwards/);
    const statusOf = async (id: string) =>
      (await withTenant(t.handle, org, (tx) => tx.select().from(schema.orders).where(and(eq(schema.orders.orgId, org.orgId), eq(schema.orders.orderId, id)))))[0];
    expect((await statusOf("o1"))?.status).toBe("已完成");

    // Undo v2: o3 disappears, o1 is back to 已发货 with v1 as its last import.
    const undo = await undoImport(t.handle, org, { importId: v2.importId });
    expect(undo).toMatchObject({ deleted: 1, restored: 1 });
    expect(await statusOf("o3")).toBeUndefined();
    expect(await statusOf("o1")).toMatchObject({ status: "已发货", lastImportId: v1.importId, amount: "10.00" });
    expect((await getImport(t.handle, org, v2.importId)).status).toBe("undone");
    await expect(undoImport(t.handle, org, { importId: v2.importId })).rejects.toThrow(/notUndoable/);
    // Undo v1: nothing left.
    await undoImport(t.handle, org, { importId: v1.importId });
    expect(await countOrders(org)).toBe(0);
  });

  it("refuses to undo an import whose rows a later import changed", async () => {
    const org = await createOrgWithShop(t.handle, "D");
    const a = await runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source: utf8(`${header}o1,2026-05-01 10:00,已发货,10\n`), fileName: "a.csv" });
    const b = await runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source: utf8(`${header}o1,2026-05-01 10:00,已完成,11\n`), fileName: "b.csv" });
    expect(b.updated).toBe(1);
    await expect(undoImport(t.handle, org, { importId: a.importId })).rejects.toThrow(/changedSince/);
    await undoImport(t.handle, org, { importId: b.importId });
    await undoImport(t.handle, org, { importId: a.importId });
    expect(await countOrders(org)).toBe(0);
  });
});

describe("all or nothing", () => {
  it("a crash midway leaves no rows and a failed, retryable import", async () => {
    const org = await createOrgWithShop(t.handle, "E");
    const lines = Array.from({ length: 250 }, (_, i) => `o${i},2026-05-01 10:00,已完成,${i}`).join("\n");
    const source = utf8(`订单编号,支付时间,订单状态,订单应付金额\n${lines}\n`);
    let batches = 0;
    await expect(
      runImport(t.handle, org, {
        shopId: org.shopId,
        kind: "orders",
        source,
        fileName: "orders.csv",
        batchSize: 100,
        onProgress: () => {
          batches += 1;
          if (batches === 2) throw new Error("simulated crash");
        },
      }),
    ).rejects.toThrow(/simulated crash/);
    expect(await countOrders(org)).toBe(0);
    const failed = (await withTenant(t.handle, org, (tx) => tx.select().from(schema.imports)))[0];
    expect(failed).toMatchObject({ status: "failed", error: "simulated crash" });
    const changes = await withTenant(t.handle, org, (tx) => tx.select().from(schema.importRowChanges));
    expect(changes).toHaveLength(0);
    if (!failed) throw new Error("no import");
    const retry = await runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source, fileName: "orders.csv", importId: failed.id, batchSize: 100 });
    expect(retry).toMatchObject({ importId: failed.id, status: "succeeded", inserted: 250 });
    expect(await countOrders(org)).toBe(250);
  });

  it("a whole-file refusal fails the import with a plain reason; rejected rows are listed and downloadable", async () => {
    const org = await createOrgWithShop(t.handle, "F");
    const wrong = await runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source: { path: path.join(SAMPLES, "s002", "reviews.csv") }, fileName: "reviews.csv" });
    expect(wrong).toMatchObject({ status: "failed", error: "The headers do not fit a orders file; this looks like a reviews file." });
    const mixed = await runImport(t.handle, org, {
      shopId: org.shopId,
      kind: "orders",
      source: utf8("订单编号,支付时间,收件人手机号,商家备注\nok1,2026-05-01 10:00,13912345678,-\n6.91793E+18,2026-05-01 10:00,13912345678,call 13912345678\n"),
      fileName: "orders.csv",
    });
    expect(mixed).toMatchObject({ status: "succeeded", inserted: 1, rejected: 1 });
    const errors = await listRowErrors(t.handle, org, { importId: mixed.importId });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 3, column: "订单编号" });
    const csv = await rowErrorsCsv(t.handle, org, { importId: mixed.importId, locale: "en" });
    expect(csv).toMatch(/re-saved by Excel/);
    expect(csv).not.toMatch(/13912345678/);
    const strict = await runImport(t.handle, org, {
      shopId: org.shopId,
      kind: "orders",
      source: utf8("订单编号,支付时间\nok2,2026-05-01 10:00\nbad,never\n"),
      fileName: "orders.csv",
      rejectOnRowErrors: true,
    });
    expect(strict).toMatchObject({ status: "failed", rejected: 1 });
    expect(await countOrders(org)).toBe(1);
  });
});

describe("tenant isolation", () => {
  it("org B cannot see, import into, or undo org A's imports", async () => {
    const [aImport] = await withTenant(t.handle, orgA, (tx) => tx.select().from(schema.imports).limit(1));
    if (!aImport) throw new Error("no import");
    await expect(getImport(t.handle, orgB, aImport.id)).rejects.toThrow(/importNotFound/);
    await expect(undoImport(t.handle, orgB, { importId: aImport.id })).rejects.toThrow(/importNotFound/);
    await expect(
      runImport(t.handle, orgB, { shopId: orgA.shopId, kind: "orders", source: utf8("订单编号,支付时间\n1,2026-05-01\n"), fileName: "x.csv" }),
    ).rejects.toThrow(/shopNotFound/);
    const seen = await withTenant(t.handle, orgB, (tx) => tx.select().from(schema.imports));
    expect(seen).toEqual([]);
    expect((await getImport(t.handle, orgA, aImport.id)).id).toBe(aImport.id);
  });
});

describe("samples of other shops", () => {
  it("s011 (支付时间 header) and s080 import cleanly", async () => {
    for (const shop of ["s011", "s080"]) {
      const org = await createOrgWithShop(t.handle, shop);
      for (const kind of SAMPLE_EXPORT_KINDS) {
        const file = path.join(SAMPLES, shop, `${kind}.csv`);
        const lines = fs.readFileSync(file).toString("latin1").split("\r\n").filter(Boolean).length - 1;
        const r = await runImport(t.handle, org, { shopId: org.shopId, kind, source: { path: file }, fileName: `${kind}.csv` });
        expect([shop, kind, r.status, r.inserted, r.rejected]).toEqual([shop, kind, "succeeded", lines, 0]);
      }
    }
  });
});
