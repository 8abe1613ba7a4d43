import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkImport } from "@/server/imports/bulk";
import { makeZip, repeatedDeflate } from "@/scripts/lib/zip-writer";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { createOrgWithShop, SAMPLES } from "./helpers";

/** A bulk ZIP inflates through the same guard as a workbook: directory sizes first, then every byte. */

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const orders = () => new Uint8Array(fs.readFileSync(path.join(SAMPLES, "s002", "orders.csv")));
/** 300 MB of one repeated CSV line, under a megabyte deflated. */
const bomb = () => repeatedDeflate(Buffer.from("s002-1,2026-05-31 10:00,1.00\n".repeat(36_000)), 300);

describe("bulk ZIP inflation guard", () => {
  it("refuses a bundle whose directory already shows a bomb, before writing anything", async () => {
    const org = await createOrgWithShop(t.handle, "bulk-bomb", "s002");
    const zip = makeZip([
      { name: "s002/orders.csv", data: orders() },
      { name: "s002/reviews.csv", data: bomb() },
    ]);
    const summary = await bulkImport(t.handle, org, { source: { bytes: zip }, fileName: "bundle.zip" });
    expect(summary.items).toHaveLength(1);
    expect(summary.items[0]).toMatchObject({ file: "bundle.zip", status: "failed", error: { key: "errors.import.zipBombBundle" } });
  }, 60_000);

  it("stops an entry that inflates past its declared size; the other files import", async () => {
    const org = await createOrgWithShop(t.handle, "bulk-liar", "s002");
    const zip = makeZip([
      { name: "s002/orders.csv", data: orders() },
      { name: "s002/reviews.csv", data: bomb(), declaredSize: 4096 },
    ]);
    const before = process.memoryUsage().rss;
    const summary = await bulkImport(t.handle, org, { source: { bytes: zip }, fileName: "bundle.zip" });
    const byFile = new Map(summary.items.map((i) => [i.file, i]));
    expect(byFile.get("s002/orders.csv")?.status).toBe("succeeded");
    expect(byFile.get("s002/reviews.csv")).toMatchObject({
      status: "failed",
      error: { key: "errors.import.damagedZip", params: { file: "s002/reviews.csv", detail: { key: "importer.details.inflatesPastLimit" } } },
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
  }, 60_000);
});
