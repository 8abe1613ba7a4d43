import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/lib/errors";
import { resolveLimits } from "@/server/imports/limits";
import { parseWholeFile } from "@/server/imports/parse-file";
import { readXlsxRecords } from "@/server/imports/xlsx-reader";
import { previewUpload } from "@/server/imports/flow";
import { runImport } from "@/server/imports/service";
import { saveUpload } from "@/server/imports/uploads";
import { systemScope } from "@/server/lib/scope";
import { hostileXlsxCases, type HostileCase } from "@/scripts/hostile-corpus";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { createOrgWithShop } from "./helpers";

/**
 * Every file of the hostile corpus (scripts/hostile-corpus.ts) ends in a clean import or a named
 * refusal, while this thread's heap and the process's memory stay within generous bounds: the
 * reading happens in a heap-capped worker, past caps that stop before memory is spent.
 */

const MB = 1024 * 1024;
/** This thread only hands rows on: anything near this means a part was parsed here. */
const MAX_MAIN_HEAP_GROWTH = 200 * MB;
/** The worker may use up to its heap cap (1 GB by default) plus its own overhead. */
const MAX_RSS_GROWTH = 1600 * MB;

let dir: string;
let t: TestDatabase;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-hostile-"));
  t = await openTestDatabase();
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

const cases = hostileXlsxCases();
const byName = (name: string): HostileCase => {
  const found = cases.find((c) => c.name === name);
  if (!found) throw new Error(`no case ${name}`);
  return found;
};

function writeCase(item: HostileCase): string {
  const file = path.join(dir, `${item.name}.xlsx`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, item.build());
  return file;
}

/** Peak heap of this thread and peak RSS of the process while `run` runs, above where they started. */
async function measured<T>(run: () => Promise<T>): Promise<{ result: T; heapGrowth: number; rssGrowth: number }> {
  const start = process.memoryUsage();
  let heapPeak = start.heapUsed;
  let rssPeak = start.rss;
  const sample = setInterval(() => {
    const now = process.memoryUsage();
    heapPeak = Math.max(heapPeak, now.heapUsed);
    rssPeak = Math.max(rssPeak, now.rss);
  }, 20);
  try {
    const result = await run();
    return { result, heapGrowth: heapPeak - start.heapUsed, rssGrowth: rssPeak - start.rss };
  } finally {
    clearInterval(sample);
  }
}

const detailKey = (error: Error): string | undefined => {
  const detail = error instanceof AppError ? error.details.params?.detail : undefined;
  return detail && typeof detail === "object" && "key" in detail ? String(detail.key) : undefined;
};

// Files read, no database opened: the same on both databases, so the PGlite run alone reads them
// (they were half a minute of the PostgreSQL run). The importer on the database is below, on both.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("the hostile XLSX corpus", () => {
  for (const item of cases) {
    it(`${item.name}: ${item.expect.ok ? `imports ${item.expect.facts} rows` : item.expect.error}`, async () => {
      const file = writeCase(item);
      const { result, heapGrowth, rssGrowth } = await measured(() => parseWholeFile({ path: file }, { kind: "orders", fileName: path.basename(file), limits: item.limits }));
      if (item.expect.ok) {
        if (!result.ok) throw new Error(`${item.name}: ${result.message}`);
        expect(result.facts).toHaveLength(item.expect.facts);
        expect(result.rejected).toEqual([]);
      } else {
        expect(result.ok, item.name).toBe(false);
        if (result.ok) return;
        expect(result.error instanceof AppError ? result.error.messageKey : result.error.message).toBe(item.expect.error);
        if (item.expect.detail) expect(detailKey(result.error)).toBe(item.expect.detail);
      }
      expect(heapGrowth, "heap of the importing thread").toBeLessThan(MAX_MAIN_HEAP_GROWTH);
      expect(rssGrowth, "resident memory of the process").toBeLessThan(MAX_RSS_GROWTH);
    }, 120_000);
  }

  it("ten-thousand-character cells reach the row parser whole", async () => {
    const lengths: number[] = [];
    for await (const record of readXlsxRecords({ path: writeCase(byName("ten-thousand-character-cells")) }, resolveLimits())) lengths.push(record.cells[2]?.length ?? 0);
    expect(lengths.slice(1)).toEqual(Array.from({ length: 300 }, () => 10_000));
  }, 60_000);

  it("UTF-16 parts, invalid UTF-8 and formula cells read as their text; formulas are never evaluated", async () => {
    const cellsOf = async (name: string) => {
      const rows: string[][] = [];
      for await (const record of readXlsxRecords({ path: writeCase(byName(name)) }, resolveLimits())) rows.push(record.cells);
      return rows;
    };
    expect((await cellsOf("utf16-shared-strings"))[2]).toEqual(["o2", "2026-05-31 11:00", "衬衫"]);
    expect((await cellsOf("invalid-utf8-in-shared-strings"))[2]?.[2]).toBe("衬\uFFFD\uFFFD衫");
    expect((await cellsOf("formula-cells"))[1]?.[2]).toBe("=cmd|' /C calc'!A0");
  }, 60_000);

  it("a workbook that exhausts its worker fails alone: another import read meanwhile succeeds", async () => {
    const heavy = byName("worker-heap-exhausted");
    const [bad, good] = await Promise.all([
      parseWholeFile({ path: writeCase(heavy) }, { kind: "orders", fileName: "heavy.xlsx", limits: heavy.limits }),
      parseWholeFile({ path: writeCase(byName("baseline")) }, { kind: "orders", fileName: "baseline.xlsx" }),
    ]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error instanceof AppError && bad.error.messageKey).toBe("errors.import.xlsxOutOfMemory");
    expect(good.ok && good.facts.length).toBe(2);
  }, 120_000);
});

describe("hostile workbooks through the importer, on the database", () => {
  it("the preview reads the header through the same guard: a lying sheet is refused with its key, this thread's heap flat", async () => {
    const org = await createOrgWithShop(t.handle, "hostile-preview", "s1");
    const upload = await saveUpload({ orgId: org.orgId, userId: null, fileName: "orders.xlsx", stream: fs.createReadStream(writeCase(byName("bomb-sheet-lying-size"))) });
    const { result, heapGrowth } = await measured(() => previewUpload(t.handle, systemScope(org.orgId), "en", { uploadId: upload.uploadId, shopId: org.shopId }));
    expect(result).toMatchObject({ fileType: null, errorKey: "errors.import.damagedXlsx" });
    expect(heapGrowth).toBeLessThan(MAX_MAIN_HEAP_GROWTH);
  }, 60_000);

  it("a shared-strings flood fails its import with the key; the next import of the shop succeeds", async () => {
    const org = await createOrgWithShop(t.handle, "hostile", "s1");
    const flood = await runImport(t.handle, org, { shopId: org.shopId, kind: "orders", fileName: "flood.xlsx", source: { path: writeCase(byName("shared-strings-flood")) } });
    expect(flood).toMatchObject({ status: "failed", errorKey: "errors.import.xlsxTooMuchText", inserted: 0 });
    const good = await runImport(t.handle, org, { shopId: org.shopId, kind: "orders", fileName: "orders.xlsx", source: { path: writeCase(byName("baseline")) } });
    expect(good).toMatchObject({ status: "succeeded", inserted: 2 });
  }, 120_000);
});
