import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, platformScoreSnapshots, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { saveUpload, uploadsRoot } from "@/server/imports/uploads";
import { systemScope } from "@/server/lib/scope";
import { importPlatformScores } from "@/server/platform-scores/service";
import { scoreShopsUnderCurrentRules } from "@/server/scoring/current/service";
import { createUser } from "@/server/users/service";
import { callerFor, ownerWithOrg, trpcCodeOf } from "../../helpers/callers";
import { syntheticFactRows, syntheticShop } from "../../helpers/synthetic-current";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/** The platform's own scores: imported from a file (UTF-8 or GBK, Chinese or English headers, CSV or XLSX), stored per day, shown beside Koubei's. */

const DAY = "2026-06-01";
let t: TestDatabase;
let dataDir: string;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let shopId = "";

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-platform-scores-"));
  process.env.KOUBEI_DATA_DIR = dataDir;
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "platform-scores");
  const orgId = owner.org.orgId;
  const shop = syntheticShop({
    key: "p1",
    categoryCode: "food_drink",
    day: DAY,
    orders: 60,
    targets: { product_rating: 4.7, quality_return_rate: 0.01, pickup_time_score: 90, delivery_ontime_rate: 0.9, fulfilment_return_rate: 0.005, aftersale_review_hours: 10, chat_response_seconds: 45, chat_dissatisfaction_rate: 0.05, platform_escalation_rate: 0.1 },
  });
  shopId = await withTenant(t.handle, { orgId }, async (tx) => {
    const [row] = await tx.insert(shops).values({ orgId, externalId: "p1", name: "平台分店", categoryCode: "food_drink" }).returning({ id: shops.id });
    if (!row) throw new Error("no shop");
    await insertShopFacts(tx, orgId, row.id, syntheticFactRows(shop));
    return row.id;
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const importBytes = (bytes: Uint8Array, fileName: string, today = "2026-06-30") =>
  withTenant(t.handle, { orgId: owner.org.orgId }, (tx) => importPlatformScores(tx, systemScope(owner.org.orgId), { shopId, source: { bytes }, fileName, today }));

const snapshotsOf = (day?: string) =>
  withTenant(t.handle, { orgId: owner.org.orgId }, (tx) =>
    tx
      .select()
      .from(platformScoreSnapshots)
      .where(and(eq(platformScoreSnapshots.orgId, owner.org.orgId), eq(platformScoreSnapshots.shopId, shopId), ...(day ? [eq(platformScoreSnapshots.day, day)] : []))),
  );

const ENGLISH = [
  "date,metric,value,score",
  "2026-05-31,overall,,88.4",
  "2026-05-31,product,,90",
  "2026-05-31,Logistics,,86.5",
  "2026-05-31,service,,87",
  "2026-05-31,product_rating,4.82,100",
  "2026-05-31,quality_return_rate,0.8%,90",
  "2026-05-31,Chat response seconds,45,80",
  "2026/6/1,overall,,89",
  // Refused, each for its own reason:
  "2026-13-01,overall,,80",
  "2026-06-01,delivery_speed,0.9,80",
  "2026-06-01,pickup_time_score,abc,80",
  "2026-06-01,service,,120",
  "2026-07-15,overall,,80",
  "2026-05-31,product,,91",
  "2026-06-01,platform_escalation_rate,,",
  // The same numbers again: not an error.
  "2026-05-31,product,,90",
].join("\n");

describe("importing the platform's scores", () => {
  it("reads a UTF-8 file with English headers and codes, keeps the good rows and refuses each bad one with its row, column and reason", async () => {
    const summary = await importBytes(new TextEncoder().encode(ENGLISH), "platform-en.csv");
    expect(summary.encoding).toBe("utf-8");
    expect(summary.days).toEqual([
      { day: "2026-05-31", score: 88.4, dimensions: 3, indicators: 3 },
      { day: "2026-06-01", score: 89, dimensions: 0, indicators: 0 },
    ]);
    expect(summary.rejected.map((r) => [r.row, r.column, r.reason.key])).toEqual([
      [10, "date", "importer.reasons.notDateTime"],
      [11, "metric", "platformScores.reasons.unknownMetric"],
      [12, "value", "platformScores.reasons.notNumber"],
      [13, "score", "platformScores.reasons.scoreRange"],
      [14, "date", "platformScores.reasons.futureDay"],
      [15, "metric", "platformScores.reasons.duplicate"],
      [16, null, "platformScores.reasons.noNumbers"],
    ]);
    const [stored] = await snapshotsOf("2026-05-31");
    expect(stored).toMatchObject({ source: "import", scale: 100, score: "88.40", fileName: "platform-en.csv", runId: null });
    expect(stored?.dimensions).toEqual({ product: { value: null, score: 90 }, logistics: { value: null, score: 86.5 }, service: { value: null, score: 87 } });
    expect(stored?.reportedIndicators).toEqual({
      product_rating: { value: 4.82, score: 100 },
      quality_return_rate: { value: 0.008, score: 90 },
      chat_response_seconds: { value: 45, score: 80 },
    });
    const [audited] = await withTenant(t.handle, { orgId: owner.org.orgId }, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.orgId, owner.org.orgId), eq(auditLog.action, "platformScores.import"))));
    expect(audited?.data).toMatchObject({ fileName: "platform-en.csv", days: 2, rejected: 7 });
  });

  it("reads a GBK file with Chinese headers under a title and Chinese names; importing a day again replaces it", async () => {
    const text = [
      "店铺体验分明细（导出于 2026-06-02）",
      "日期,维度或指标,指标值,得分",
      "2026-05-30,商家体验分,,91.25",
      "2026-05-30,商品体验分,,95",
      "2026-05-30,物流体验,,88",
      "2026-05-30,服务体验,,90",
      "2026-05-30,商品综合评分,4.9,100",
      "2026-05-30,品质退货率,0.35%,100",
      "2026-05-30,揽收时效分,92.5,90",
      "2026-05-30,运单配送时效达成率,96.10%,90",
      "2026-05-30,飞鸽平均响应时长,38,90",
      "2026-05-30,平台求助率,0.08,90",
    ].join("\r\n");
    const summary = await importBytes(iconv.encode(text, "gbk"), "平台分.csv");
    expect(summary.encoding).toBe("gbk");
    expect(summary.rejected).toEqual([]);
    expect(summary.days).toEqual([{ day: "2026-05-30", score: 91.25, dimensions: 3, indicators: 6 }]);
    const [stored] = await snapshotsOf("2026-05-30");
    expect(stored?.reportedIndicators).toMatchObject({
      product_rating: { value: 4.9, score: 100 },
      pickup_time_score: { value: 92.5, score: 90 },
      delivery_ontime_rate: { value: 0.961, score: 90 },
      chat_response_seconds: { value: 38, score: 90 },
      platform_escalation_rate: { value: 0.08, score: 90 },
    });
    expect(stored?.reportedIndicators.quality_return_rate?.value).toBeCloseTo(0.0035, 12);
    expect(stored?.dimensions.product).toEqual({ value: null, score: 95 });

    // The same day from another file: replaced, not doubled.
    await importBytes(new TextEncoder().encode("日期,维度或指标,得分\n2026-05-30,overall,92\n"), "again.csv");
    const again = await snapshotsOf("2026-05-30");
    expect(again.map((s) => [s.score, s.fileName])).toEqual([["92.00", "again.csv"]]);
  });

  it("reads an XLSX workbook (a date cell as Excel stores it)", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("体验分");
    sheet.addRow(["日期", "维度或指标", "指标值", "得分"]);
    sheet.addRow([new Date(Date.UTC(2026, 4, 29)), "总分", null, 90.5]);
    sheet.addRow(["2026-05-29", "飞鸽会话不满意率", "3.5%", 80]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const summary = await importBytes(bytes, "platform.xlsx");
    expect(summary.rejected).toEqual([]);
    expect(summary.encoding).toBeNull();
    expect(summary.days).toEqual([{ day: "2026-05-29", score: 90.5, dimensions: 0, indicators: 1 }]);
    const [stored] = await snapshotsOf("2026-05-29");
    expect(stored?.reportedIndicators.chat_dissatisfaction_rate?.value).toBeCloseTo(0.035, 12);
  });

  it("refuses a file without the header, and the procedure takes an upload only for a member who may import", async () => {
    await expect(importBytes(new TextEncoder().encode("a,b,c\n1,2,3\n"), "nothing.csv")).rejects.toMatchObject({ messageKey: "errors.platformScores.noHeader" });
    const upload = await saveUpload({ orgId: owner.org.orgId, userId: owner.user.id, fileName: "upload.csv", stream: fs.createReadStream(writeTemp("date,metric,score\n2026-05-28,overall,87.5\n")) });
    const invite = await owner.caller.members.invite({ role: "viewer", shopIds: [] });
    const viewerUser = await createUser(t.handle, { email: `viewer-${Date.now()}@example.test`, password: "correct horse battery", name: "viewer" });
    await (await callerFor(t.handle, viewerUser.id)).auth.acceptInvitation({ token: invite.token });
    const viewer = await callerFor(t.handle, viewerUser.id, owner.org.orgId);
    expect(await trpcCodeOf(viewer.platformScores.import({ shopId, uploadId: upload.uploadId }))).toBe("FORBIDDEN");
    const summary = await owner.caller.platformScores.import({ shopId, uploadId: upload.uploadId });
    expect(summary.days).toEqual([{ day: "2026-05-28", score: 87.5, dimensions: 0, indicators: 0 }]);
    // The upload is gone once imported.
    expect(fs.readdirSync(path.join(uploadsRoot(), owner.org.orgId)).filter((f) => f.startsWith(upload.uploadId))).toEqual([]);
    expect(await trpcCodeOf(owner.caller.platformScores.import({ shopId, uploadId: upload.uploadId }))).toBe("NOT_FOUND");
  });
});

function writeTemp(text: string): string {
  const file = path.join(dataDir, `upload-${Date.now()}.csv`);
  fs.writeFileSync(file, text);
  return file;
}

describe("the platform's numbers beside Koubei's", () => {
  it("compares the latest reported day with Koubei's 100-point score of that day, number by number", async () => {
    const comparison = await owner.caller.platformScores.comparison({ shopId });
    // The latest day reported is 2026-06-01 (overall 89 only).
    expect(comparison.day).toBe("2026-06-01");
    expect(comparison.ruleSet.name).toBe("douyin-shop-2026-07");
    const [koubei] = await scoreShopsUnderCurrentRules(t.handle, { orgId: owner.org.orgId, ruleSetName: "douyin-shop-2026-07", day: "2026-06-01", shopIds: [shopId] });
    expect(comparison.koubei?.state).toBe("formal");
    expect(comparison.overall.koubei).toBe(koubei?.score.score100);
    expect(comparison.overall.platform).toBe(89);
    expect(comparison.overall.difference).toBeCloseTo((koubei?.score.score100 ?? 0) - 89, 9);
    expect(comparison.days.map((d) => d.day)).toEqual(["2026-06-01", "2026-05-31", "2026-05-30", "2026-05-29", "2026-05-28"]);

    const day = await owner.caller.platformScores.comparison({ shopId, day: "2026-05-31" });
    expect(day.platform).toMatchObject({ source: "import", scale: 100, score: 88.4 });
    const product = day.dimensions.find((d) => d.code === "product");
    expect(product?.platform).toBe(90);
    expect(product?.difference).toBeCloseTo((product?.koubei ?? 0) - 90, 9);
    const rating = day.indicators.find((i) => i.code === "product_rating");
    expect(rating).toMatchObject({ platformValue: 4.82, platformScore: 100, nameZh: "商品综合评分" });
    expect(rating?.koubeiValue).toBeCloseTo(4.7, 2);
    expect(rating?.valueDifference).toBeCloseTo((rating?.koubeiValue ?? 0) - 4.82, 9);
    expect(rating?.scoreDifference).toBe((rating?.koubeiBand ?? 0) - 100);
    expect(day.indicators.find((i) => i.code === "delivery_ontime_rate")).toMatchObject({ platformValue: null, platformScore: null, scoreDifference: null });

    // Entries for the shop's category under the September rules make that the rule set compared.
    await owner.caller.parameters.save({ ruleSet: "douyin-shop-2026-09", category: "food_drink", dimensions: { product: { weight: 0.5 }, logistics: { weight: 0.25 }, service: { weight: 0.25 } } });
    const september = await owner.caller.platformScores.comparison({ shopId, day: "2026-05-31" });
    expect(september.ruleSet.name).toBe("douyin-shop-2026-09");
    expect(september.indicators.map((i) => i.code)).toContain("avg_pickup_hours");
    expect(await trpcCodeOf(owner.caller.platformScores.comparison({ shopId, day: "2099-01-01" }))).toBe("BAD_REQUEST");
    // A shop scored under a 100-point rule set itself is compared under that one.
    const july = await owner.caller.shops.create({ name: "七月店", category: "food_drink", ruleSet: "douyin-shop-2026-07" });
    expect((await owner.caller.platformScores.comparison({ shopId: july.id })).ruleSet.name).toBe("douyin-shop-2026-07");
  });
});
