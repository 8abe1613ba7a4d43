import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { findUpload, saveUpload } from "@/server/imports/uploads";
import { makeZip } from "../imports/zip-writer";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { callerFor, ownerWithOrg } from "../../helpers/callers";
import { en } from "../../helpers/messages";
import { createUser } from "@/server/users/service";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/samples/douyin-exports/s002");

let t: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-imports-router-"));
  process.env.KOUBEI_DATA_DIR = dataDir;
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
};

const upload = (orgId: string, file: string, name = file) =>
  saveUpload({ orgId, userId: null, fileName: name, stream: fs.createReadStream(path.join(FIXTURES, file)) });

describe("imports router", () => {
  it("previews a GBK orders export, imports it inline, reports the summary and undoes it", async () => {
    const a = await ownerWithOrg(t.handle, "importsA");
    const shop = await a.caller.shops.create({ name: "云裳女装", category: "服饰内衣", externalId: "s002" });
    const up = await upload(a.org.orgId, "orders.csv", "1791430000_订单.csv");

    const preview = await a.caller.imports.preview({ uploadId: up.uploadId, shopId: shop.id });
    expect(preview.error).toBeNull();
    expect(preview.kind).toBe("orders");
    expect(preview.encoding).toBe("gb18030");
    expect(preview.mapping.order_id).toBe("子订单编号");
    expect(preview.mapping.paid_at).toBe("订单提交时间");
    expect(preview.rows.length).toBeGreaterThan(0);
    expect(preview.headers).toContain("收件人");
    expect(preview.buyerColumnsDropped).toContain("收件人");
    expect(JSON.stringify(preview.rows)).not.toContain("密文");

    // A mapping that names a column the file lacks comes back as a plain refusal, with the headers to fix it.
    const broken = await a.caller.imports.preview({ uploadId: up.uploadId, shopId: shop.id, kind: "orders", mapping: { order_id: "没有这一列" } });
    expect(broken.error).toBeTruthy();
    expect(broken.headers).toContain("子订单编号");

    // The wrong kind is refused with its reason, not an exception.
    const wrong = await a.caller.imports.preview({ uploadId: up.uploadId, shopId: shop.id, kind: "reviews" });
    expect(wrong.errorKey).toBe("errors.import.wrongKind");

    const confirmed = await a.caller.imports.confirm({ uploadId: up.uploadId, shopId: shop.id, kind: "orders", mapping: { amount: "订单应付金额" } });
    expect(confirmed.queued).toBe(false);
    expect(confirmed.summary?.status).toBe("succeeded");
    const got = await a.caller.imports.get({ importId: confirmed.importId });
    expect(got.status).toBe("succeeded");
    expect(got.inserted).toBeGreaterThan(0);
    expect(got.inserted + got.updated + got.unchanged + got.rejected).toBe(got.rowsProcessed);
    expect(got.shopName).toBe("云裳女装");
    expect("sourceRef" in got).toBe(false);
    expect((await a.caller.imports.list({ shopId: shop.id })).map((i) => i.id)).toEqual([confirmed.importId]);
    const rejected = await a.caller.imports.rejectedRows({ importId: confirmed.importId });
    expect(rejected.length).toBe(got.rejected);

    // The same file again changes nothing (uploaded anew: an import deletes its upload when it ends).
    const reUpload = await upload(a.org.orgId, "orders.csv", "1791430000_订单.csv");
    const again = await a.caller.imports.confirm({ uploadId: reUpload.uploadId, shopId: shop.id, kind: "orders" });
    expect(again.summary).toMatchObject({ status: "succeeded", inserted: 0, updated: 0, unchanged: got.inserted });
    expect(await a.caller.imports.undo({ importId: again.importId })).toMatchObject({ deleted: 0 });

    // Org B: cannot see, read rows of, undo, or import into org A's things.
    const b = await ownerWithOrg(t.handle, "importsB");
    const bUpload = await upload(b.org.orgId, "orders.csv");
    expect(await codeOf(b.caller.imports.get({ importId: confirmed.importId }))).toBe("NOT_FOUND");
    expect(await codeOf(b.caller.imports.undo({ importId: confirmed.importId }))).toBe("NOT_FOUND");
    expect(await codeOf(b.caller.imports.rejectedRows({ importId: confirmed.importId }))).toBe("NOT_FOUND");
    expect(await b.caller.imports.list()).toEqual([]);
    expect(await codeOf(b.caller.imports.preview({ uploadId: up.uploadId, shopId: (await b.caller.shops.create({ name: "B店", category: "beauty" })).id }))).toBe("NOT_FOUND");
    expect(await codeOf(b.caller.imports.preview({ uploadId: bUpload.uploadId, shopId: shop.id }))).toBe("NOT_FOUND");
    expect(await codeOf(b.caller.imports.confirm({ uploadId: bUpload.uploadId, shopId: shop.id, kind: "orders" }))).toBe("NOT_FOUND");
    const intruder = await callerFor(t.handle, b.user.id, a.org.orgId);
    expect(await codeOf(intruder.imports.get({ importId: confirmed.importId }))).toBe("FORBIDDEN");
    expect(await codeOf(intruder.imports.undo({ importId: confirmed.importId }))).toBe("FORBIDDEN");

    const undone = await a.caller.imports.undo({ importId: confirmed.importId });
    expect(undone.deleted).toBe(got.inserted);
    expect((await a.caller.imports.get({ importId: confirmed.importId })).status).toBe("undone");
    expect(await codeOf(a.caller.imports.undo({ importId: confirmed.importId }))).toBe("CONFLICT");
  });

  it("keeps limited members to their shops and viewers away from writes", async () => {
    const a = await ownerWithOrg(t.handle, "importsLimited");
    const shop1 = await a.caller.shops.create({ name: "店一", category: "beauty" });
    const shop2 = await a.caller.shops.create({ name: "店二", category: "beauty" });
    const first = await a.caller.imports.confirm({ uploadId: (await upload(a.org.orgId, "reviews.csv")).uploadId, shopId: shop1.id, kind: "reviews" });
    const second = await a.caller.imports.confirm({ uploadId: (await upload(a.org.orgId, "reviews.csv")).uploadId, shopId: shop2.id, kind: "reviews" });
    expect(first.summary?.status).toBe("succeeded");

    const viewer = await createUser(t.handle, { email: `viewer-${Date.now()}@example.test`, password: "correct horse battery", name: "viewer" });
    const invitation = await a.caller.members.invite({ role: "viewer", shopIds: [shop1.id] });
    const viewerCaller = await callerFor(t.handle, viewer.id, a.org.orgId);
    await (await callerFor(t.handle, viewer.id)).auth.acceptInvitation({ token: invitation.token });

    expect((await viewerCaller.imports.list()).map((i) => i.id)).toEqual([first.importId]);
    expect((await viewerCaller.imports.get({ importId: first.importId })).status).toBe("succeeded");
    expect(await codeOf(viewerCaller.imports.get({ importId: second.importId }))).toBe("NOT_FOUND");
    expect(await codeOf(viewerCaller.imports.undo({ importId: first.importId }))).toBe("FORBIDDEN");
  });

  it("saves and lists header-mapping templates per organisation", async () => {
    const a = await ownerWithOrg(t.handle, "importsTemplates");
    const saved = await a.caller.imports.saveTemplate({ kind: "orders", name: "抖店订单", mapping: { order_id: "子订单编号", paid_at: "订单提交时间" } });
    expect((await a.caller.imports.templates({ kind: "orders" })).map((x) => x.name)).toEqual(["抖店订单"]);
    const b = await ownerWithOrg(t.handle, "importsTemplatesB");
    expect(await b.caller.imports.templates()).toEqual([]);
    expect(await codeOf(b.caller.imports.deleteTemplate({ templateId: saved.id }))).toBe("NOT_FOUND");
    await a.caller.imports.deleteTemplate({ templateId: saved.id });
    expect(await a.caller.imports.templates()).toEqual([]);
  });

  it("bulk: previews a ZIP of <shop>/<kind>.csv files and imports each as its own undoable import", async () => {
    const a = await ownerWithOrg(t.handle, "importsBulk");
    const shop = await a.caller.shops.create({ name: "云裳", category: "服饰内衣", externalId: "s002" });
    const read = (f: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, f)));
    const zip = makeZip([
      { name: "s002/orders.csv", data: read("orders.csv") },
      { name: "s002/reviews.csv", data: read("reviews.csv") },
      { name: "nope/orders.csv", data: read("orders.csv") },
    ]);
    const up = await saveUpload({ orgId: a.org.orgId, userId: null, fileName: "exports.zip", stream: Readable.from([Buffer.from(zip)]) });
    const preview = await a.caller.imports.bulkPreview({ uploadId: up.uploadId });
    expect(preview.items.map((i) => [i.file, i.shopId, i.kind, i.problem && en(i.problem)])).toEqual([
      ["s002/orders.csv", shop.id, "orders", null],
      ["s002/reviews.csv", shop.id, "reviews", null],
      ["nope/orders.csv", null, "orders", 'no shop "nope"'],
    ]);
    const result = await a.caller.imports.bulkConfirm({ uploadId: up.uploadId });
    expect(result.items.map((i) => i.status)).toEqual(["succeeded", "succeeded", "failed"]);
    const bundle = await a.caller.imports.list({ bundleId: result.bundleId });
    expect(bundle).toHaveLength(2);
    const b = await ownerWithOrg(t.handle, "importsBulkB");
    expect(await codeOf(b.caller.imports.bulkConfirm({ uploadId: up.uploadId }))).toBe("NOT_FOUND");
  });

  it("stores uploads per organisation under random ids and refuses files over the limit", async () => {
    const a = await ownerWithOrg(t.handle, "uploadsA");
    const b = await ownerWithOrg(t.handle, "uploadsB");
    const up = await saveUpload({ orgId: a.org.orgId, userId: a.user.id, fileName: "../../etc/passwd", stream: Readable.from([Buffer.from("x,y\n1,2\n")]) });
    expect(up.fileName).toBe("passwd");
    expect((await findUpload(a.org.orgId, up.uploadId)).path).toContain(path.join("uploads", a.org.orgId));
    await expect(findUpload(b.org.orgId, up.uploadId)).rejects.toThrow("errors.uploadNotFound");
    await expect(findUpload(a.org.orgId, "../x")).rejects.toThrow("errors.uploadNotFound");
    await expect(saveUpload({ orgId: a.org.orgId, userId: null, fileName: "big.csv", stream: Readable.from([Buffer.alloc(64)]), maxBytes: 10 })).rejects.toThrow("errors.import.tooLarge");
    expect(fs.readdirSync(path.join(dataDir, "uploads", a.org.orgId)).filter((f) => f.endsWith(".upload"))).toHaveLength(1);
  });
});
