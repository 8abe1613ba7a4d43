import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import * as schema from "@/db/schema";
import type { Message } from "@/lib/contracts/message";
import { LOCALES } from "@/lib/contracts/locales";
import { withTenant } from "@/server/db/tenant";
import { previewImport } from "@/server/imports/preview";
import { rowErrorsCsv } from "@/server/imports/queries";
import { runImport } from "@/server/imports/service";
import { AppError } from "@/server/lib/errors";
import { translate } from "@/server/lib/i18n";
import { FORMULA_PAYLOADS, textCorpus, type HostileTextFile } from "../../../scripts/hostile-corpus-text";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { addShop, createOrgWithShop } from "./helpers";

let t: TestDatabase;
let org: { orgId: string; shopId: string; userId: null };

beforeAll(async () => {
  t = await openTestDatabase();
  org = await createOrgWithShop(t.handle, "hostile text");
});
afterAll(async () => {
  await t?.close();
});

const corpus = textCorpus();
const file = (name: string): HostileTextFile => {
  const found = corpus.find((f) => f.name === name);
  if (!found) throw new Error(`no corpus file ${name}`);
  return found;
};

/** Rendered in every language, a message is a sentence, never its key or a placeholder. */
function expectTranslated(text: Message) {
  for (const locale of LOCALES) {
    const rendered = translate(locale, text);
    expect(rendered, `${text.key} in ${locale}`).not.toMatch(/(^|\s)(errors|importer)\.[a-zA-Z.]+/);
    expect(rendered, `${text.key} in ${locale}`).not.toMatch(/\{[a-z]+\}/i);
  }
}

async function importCorpusFile(hostile: HostileTextFile, shopId: string) {
  return runImport(t.handle, org, { shopId, kind: "orders", source: { bytes: hostile.bytes }, fileName: hostile.name, encoding: hostile.encoding });
}

describe("hostile text files end in a clean import or one clear, translated refusal", () => {
  for (const hostile of corpus) {
    it(`${hostile.name}: ${hostile.about}`, async () => {
      const shopId = await addShop(t.handle, org.orgId, hostile.name);
      const summary = await importCorpusFile(hostile, shopId);
      if (hostile.outcome.status === "failed") {
        expect(summary.status).toBe("failed");
        expect(summary.errorKey).toBe(hostile.outcome.errorKey);
        const refusal = summary.errorMessage;
        if (!refusal) throw new Error("no refusal message");
        if (hostile.outcome.detailKey) expect(refusal.params?.detail).toMatchObject({ key: hostile.outcome.detailKey });
        expectTranslated(refusal);
        return;
      }
      expect(summary.status, summary.error).toBe("succeeded");
      expect(summary.inserted).toBe(hostile.outcome.rows);
      expect(summary.rejected).toBe(hostile.outcome.rejected ?? 0);
      const noteKeys = summary.notes.map((n) => (typeof n === "string" ? n : n.key));
      expect(noteKeys).toEqual(expect.arrayContaining(hostile.outcome.noteKeys ?? []));
      for (const note of summary.notes) if (typeof note !== "string") expectTranslated(note);
    }, 60_000);
  }

  it("the one-line file is refused the same way when it is twice as long", async () => {
    const hostile = file("one-line.csv");
    const doubled = new Uint8Array(Buffer.concat([hostile.bytes, hostile.bytes]));
    for (const bytes of [hostile.bytes, doubled]) {
      const error = await previewImport(t.handle, org, { kind: "orders", source: { bytes }, fileName: "one-line.csv" }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).messageKey).toBe("errors.import.badCsv");
      expect((error as AppError).details.params?.detail).toMatchObject({ key: "importer.details.lineTooLong" });
    }
  }, 60_000);

  it("malformed GBK bytes: the preview says how many characters were replaced and in which rows and columns", async () => {
    const preview = await previewImport(t.handle, org, { kind: "orders", source: { bytes: file("gbk-invalid-bytes.csv").bytes }, fileName: "gbk.csv" });
    expect(preview.encoding).toBe("gb18030");
    const note = preview.notes.find((n) => n.key === "importer.notes.replacedCharacters");
    expect(note?.params).toMatchObject({ count: 2, encoding: "GBK/GB18030" });
    if (!note) throw new Error("no note");
    expect(translate("en", note)).toContain("Not readable as GBK/GB18030, so replaced with �: 2 characters");
    expect(translate("en", note)).toContain("row 3, column 选购商品; row 6, column 选购商品");
    expect(translate("zh-CN", note)).toContain("第 3 行「选购商品」列、第 6 行「选购商品」列");
    // The rows themselves are kept, with the replacement character where the bad byte was.
    expect(preview.rows.map((r) => (r as { productName?: string }).productName).filter((name) => name?.includes("\uFFFD"))).toHaveLength(2);
  });

  it("UTF-8 with a broken byte is read as UTF-8, not as GBK mojibake, and the preview says where", async () => {
    const preview = await previewImport(t.handle, org, { kind: "orders", source: { bytes: file("utf8-broken-byte.csv").bytes }, fileName: "x.csv" });
    expect(preview).toMatchObject({ encoding: "utf-8", encodingDecidedBy: "mostly-utf8" });
    const note = preview.notes.find((n) => n.key === "importer.notes.replacedCharacters");
    if (!note) throw new Error("no note");
    expect(translate("en", note)).toContain("Not readable as UTF-8, so replaced with �: 1 character, first at row 10, column 选购商品");
  });

  it("UTF-16 without a BOM is recognised by its zero bytes, not refused as binary", async () => {
    const preview = await previewImport(t.handle, org, { kind: "orders", source: { bytes: file("utf16le-no-bom.csv").bytes }, fileName: "x.csv" });
    expect(preview).toMatchObject({ encoding: "utf-16le", encodingDecidedBy: "utf16-zeros" });
  });

  it("formula strings are stored as the text they are, and every one leaves in the error CSV neutralized", async () => {
    const shopId = await addShop(t.handle, org.orgId, "formulas-csv");
    const summary = await importCorpusFile(file("formulas.csv"), shopId);
    expect(summary.status).toBe("succeeded");
    const stored = await withTenant(t.handle, org, (tx) =>
      tx.select({ name: schema.orders.productName }).from(schema.orders).where(and(eq(schema.orders.orgId, org.orgId), eq(schema.orders.shopId, shopId))),
    );
    expect(stored.map((s) => s.name).sort()).toEqual([...FORMULA_PAYLOADS].map((p) => p.trim()).sort());
    const download = await rowErrorsCsv(t.handle, org, { importId: summary.importId, locale: "en" });
    const cells = download.replace(/^\uFEFF/, "").split("\r\n").slice(1).join("\n");
    expect(cells).toContain(`'${FORMULA_PAYLOADS[0]?.replace(/"/g, '""')}`);
    expect(cells).toContain("'=NOW()");
    for (const line of download.split("\r\n").slice(1)) {
      for (const cell of line.split(",")) expect(cell.replace(/^"/, ""), line).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
    }
  });
});
