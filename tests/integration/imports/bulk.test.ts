import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { bulkImport } from "@/server/imports/bulk";
import { undoBundle } from "@/server/imports/undo";
import { en } from "../../helpers/messages";
import { SAMPLE_EXPORT_KINDS } from "../../helpers/sample-paths";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { addShop, createOrgWithShop, SAMPLES } from "./helpers";
import { makeZip } from "./zip-writer";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const sample = (shop: string, kind: string) => new Uint8Array(fs.readFileSync(path.join(SAMPLES, shop, `${kind}.csv`)));

describe("bulk import", () => {
  it("a ZIP of <shop>/<kind>.csv folders: each file its own batch; bad parts fail alone; a shop's part undoes alone", async () => {
    const org = await createOrgWithShop(t.handle, "bulk", "s002");
    const s030 = await addShop(t.handle, org.orgId, "s030", "店铺30");
    const entries = [
      ...SAMPLE_EXPORT_KINDS.map((kind) => ({ name: `exports/s002/${kind}.csv`, data: sample("s002", kind) })),
      ...SAMPLE_EXPORT_KINDS.map((kind) => ({ name: `exports/店铺30/${kind}.csv`, data: sample("s030", kind) })),
      { name: "exports/s999/orders.csv", data: sample("s011", "orders") },
      { name: "exports/s002/notes.txt", data: new TextEncoder().encode("hello") },
      { name: "exports/s002/misnamed.csv", data: sample("s002", "reviews") },
    ];
    const summary = await bulkImport(t.handle, org, { source: { bytes: makeZip(entries) }, fileName: "exports.zip" });
    const byFile = new Map(summary.items.map((i) => [i.file, i]));
    expect(summary.items.filter((i) => i.status === "succeeded")).toHaveLength(11);
    expect(en(byFile.get("exports/s999/orders.csv")?.error)).toMatch(/no shop "s999"/);
    expect(byFile.get("exports/s002/notes.txt")?.status).toBe("failed");
    expect(byFile.get("exports/s002/misnamed.csv")).toMatchObject({ status: "succeeded", kind: "reviews" });
    expect(byFile.get("exports/店铺30/orders.csv")).toMatchObject({ status: "succeeded", shopId: s030 });

    const undone = await undoBundle(t.handle, org, { bundleId: summary.bundleId, shopId: s030 });
    expect(undone).toHaveLength(5);
    const left = await withTenant(t.handle, org, (tx) => tx.select().from(schema.orders));
    expect(new Set(left.map((o) => o.shopId))).toEqual(new Set([org.shopId]));
  });

  it("a manifest CSV names shop, kind and file", async () => {
    const org = await createOrgWithShop(t.handle, "manifest", "s080");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-manifest-"));
    try {
      fs.copyFileSync(path.join(SAMPLES, "s080", "orders.csv"), path.join(dir, "a.csv"));
      fs.copyFileSync(path.join(SAMPLES, "s080", "after_sales.csv"), path.join(dir, "b.csv"));
      fs.writeFileSync(path.join(dir, "manifest.csv"), "shop,kind,file\ns080,orders,a.csv\n店铺 s080,售后,b.csv\ns080,reviews,missing.csv\ns080,chats,../../etc/passwd\n");
      const summary = await bulkImport(t.handle, org, { source: { path: path.join(dir, "manifest.csv") }, fileName: "manifest.csv" });
      expect(summary.items.map((i) => [i.file, i.status])).toEqual([
        ["a.csv", "succeeded"],
        ["b.csv", "succeeded"],
        ["missing.csv", "failed"],
        ["../../etc/passwd", "failed"],
      ]);
      const imports = await withTenant(t.handle, org, (tx) => tx.select().from(schema.imports).where(eq(schema.imports.bundleId, summary.bundleId)));
      expect(imports).toHaveLength(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("password-protected and damaged ZIPs end in a plain reason", async () => {
    const org = await createOrgWithShop(t.handle, "zips", "s002");
    const locked = await bulkImport(t.handle, org, { source: { bytes: makeZip([{ name: "s002/orders.csv", data: sample("s002", "orders") }], { encrypted: true }) }, fileName: "locked.zip" });
    expect(locked.items.map((i) => ({ ...i, error: en(i.error) }))).toEqual([expect.objectContaining({ status: "failed", error: "locked.zip: the ZIP is password-protected; upload it without a password." })]);
    const good = makeZip([{ name: "s002/orders.csv", data: sample("s002", "orders") }]);
    const damaged = await bulkImport(t.handle, org, { source: { bytes: good.subarray(0, good.length - 30) }, fileName: "broken.zip" });
    expect(damaged.items.map((i) => ({ ...i, error: en(i.error) }))[0]).toMatchObject({ status: "failed", error: expect.stringMatching(/^broken\.zip: the ZIP is damaged/) });
  });
});
