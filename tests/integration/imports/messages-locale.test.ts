import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMessage, type Message, type StoredText } from "@/lib/contracts/message";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { isImportKind } from "@/lib/contracts/imports";
import { kindFromFileName } from "@/server/imports/kinds";
import { parseWholeFile } from "@/server/imports/parse-file";
import { getImport, listRowErrors, rowErrorsCsv } from "@/server/imports/queries";
import { runImport } from "@/server/imports/service";
import { leafKeys } from "../../unit/i18n/source-scan";
import { en as inEnglish, zh as inChinese } from "../../helpers/messages";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { createOrgWithShop, SAMPLES, utf8 } from "./helpers";

const zhKeys = new Set(leafKeys(zhCN));
const enKeys = new Set(leafKeys(en));

/** A message whose key, and every nested message's key, is in both catalogues. */
function assertKnown(text: StoredText | null | undefined): void {
  expect(isMessage(text), `not a message: ${JSON.stringify(text)}`).toBe(true);
  const message = text as Message;
  expect(zhKeys.has(message.key) && enKeys.has(message.key), `unknown key ${message.key}`).toBe(true);
  for (const param of Object.values(message.params ?? {})) if (isMessage(param)) assertKnown(param);
}

const HAN = /[\u4e00-\u9fff]/;

// Submitted time instead of a payment time (a note), an id Excel mangled, a date that is not one
// and an order type the platform does not have (rejected rows).
const PROBLEM_FILE = [
  "订单编号,订单提交时间,订单类型,收件人手机号",
  "ok1,2026-05-01 10:00,普通订单,13912345678",
  "6.91793E+18,2026-05-01 10:00,普通订单,13912345678",
  "ok2,someday,普通订单,-",
  "ok3,2026-05-01 11:00,团购,-",
].join("\n");

describe("import messages are keys rendered in the reader's language", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  it("notes and rejected rows read in Chinese for a zh-CN reader and in English for an en reader", async () => {
    const org = await createOrgWithShop(t.handle, "语言");
    const summary = await runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source: utf8(PROBLEM_FILE), fileName: "orders.csv" });
    expect(summary).toMatchObject({ status: "succeeded", inserted: 1, rejected: 3 });
    for (const note of summary.notes) assertKnown(note);
    for (const error of summary.errors) assertKnown(error.reason);

    const stored = await getImport(t.handle, org, summary.importId);
    expect(stored.notes).toHaveLength(1);
    expect(inChinese(stored.notes?.[0])).toBe("文件中没有支付时间：用“订单提交时间”代替 paid_at。");
    expect(inEnglish(stored.notes?.[0])).toMatch(/^The file has no payment time/);

    const rejected = await listRowErrors(t.handle, org, { importId: summary.importId });
    expect(rejected.map((r) => r.reason.key)).toEqual(["importer.reasons.excelMangledId", "importer.reasons.notDateTime", "importer.reasons.unknownValue"]);
    const [mangled, notADate, unknownType] = rejected.map((r) => r.reason);
    expect(inChinese(mangled)).toMatch(/科学计数法/);
    expect(inEnglish(mangled)).toMatch(/re-saved by Excel/);
    expect(inChinese(notADate)).toBe("不是日期时间：“someday”");
    expect(inEnglish(notADate)).toBe('not a date/time: "someday"');
    expect(inChinese(unknownType)).toMatch(/^未知的订单类型“团购”/);
    expect(inEnglish(unknownType)).toMatch(/^unknown order type "团购"/);
    for (const r of rejected) expect(inChinese(r.reason)).toMatch(HAN);
  });

  it("the rejected-rows CSV has its headers and reasons in the requester's language, UTF-8 with a BOM", async () => {
    const org = await createOrgWithShop(t.handle, "语言 CSV");
    const summary = await runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source: utf8(PROBLEM_FILE), fileName: "orders.csv" });
    const zh = await rowErrorsCsv(t.handle, org, { importId: summary.importId, locale: "zh-CN" });
    const english = await rowErrorsCsv(t.handle, org, { importId: summary.importId, locale: "en" });
    expect(zh.startsWith("\uFEFF行号,列,原因,")).toBe(true);
    expect(english.startsWith("\uFEFFrow,column,reason,")).toBe(true);
    expect(zh).toMatch(/不是日期时间/);
    expect(zh).not.toMatch(/not a date/);
    expect(english).toMatch(/not a date\/time/);
    expect(zh).not.toMatch(/13912345678/);
  });

  it("a refused file's reason is stored as its key and parameters, and reads in either language", async () => {
    const org = await createOrgWithShop(t.handle, "语言 拒绝");
    const refused = await runImport(t.handle, org, { shopId: org.shopId, kind: "orders", source: { path: path.join(SAMPLES, "s002", "reviews.csv") }, fileName: "reviews.csv" });
    expect(refused.status).toBe("failed");
    assertKnown(refused.errorMessage);
    const stored = await getImport(t.handle, org, refused.importId);
    expect(stored).toMatchObject({ errorKey: "errors.import.wrongKind", errorParams: { kind: "orders", detected: "reviews" } });
    const message = { key: stored.errorKey ?? "", params: stored.errorParams ?? {} };
    expect(inChinese(message)).toBe("表头不符合订单文件，看起来是评价文件。");
    expect(inEnglish(message)).toBe("The headers do not fit a orders file; this looks like a reviews file.");
  });

  it("rows stored before reasons were keys still read as their English text", async () => {
    expect(inChinese({ key: "required value is empty" })).toBe("required value is empty");
    expect(inChinese("The file has no payment time: 订单提交时间 (order submitted) stands in for paid_at.")).toMatch(/^The file has no payment time/);
  });

  it("every note and rejection the importer produces on the sample exports is a known key", async () => {
    let checked = 0;
    for (const shop of fs.readdirSync(SAMPLES)) {
      for (const file of fs.readdirSync(path.join(SAMPLES, shop))) {
        const kind = kindFromFileName(file);
        if (!kind || !isImportKind(kind)) continue;
        const result = await parseWholeFile({ path: path.join(SAMPLES, shop, file) }, { kind, fileName: file });
        if (!result.ok) continue;
        for (const note of result.file.mapped.notes) assertKnown(note);
        for (const row of result.rejected) for (const error of row.errors) assertKnown(error.reason);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});
