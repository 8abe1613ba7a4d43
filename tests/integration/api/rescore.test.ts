import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveUpload } from "@/server/imports/uploads";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { jobQueueFor, ownerWithOrg, QUEUE_MODES, whenRecalculated } from "../../helpers/callers";
import { s002ExportsEndingOn } from "../../helpers/recent-exports";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-rescore-"));
  process.env.KOUBEI_DATA_DIR = dataDir;
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const recentExports = () => s002ExportsEndingOn(addDays(todayInShanghai(), -1));

const upload = (orgId: string, fileName: string, text: string) =>
  saveUpload({ orgId, userId: null, fileName, stream: Readable.from([Buffer.from(text, "utf8")]) });

type Read = Awaited<ReturnType<Awaited<ReturnType<typeof ownerWithOrg>>["caller"]["scores"]["shop"]>>;
const indicator = (read: Read, code: string) =>
  read.latest?.explanation.dimensions.flatMap((d) => d.indicators).find((i) => i.code === code)?.value ?? null;

describe.each(QUEUE_MODES)("facts changed, so rescore (%s)", (mode) => {
  const queue = jobQueueFor(mode, () => t.handle);

  it("after an upload and after an undo the score reads recalculating until the new score is stored, then the new score", async () => {
    const exports = recentExports();
    const a = await ownerWithOrg(t.handle, `rescore-${mode}`, queue.boss);
    const shop = await a.caller.shops.create({ name: "云裳女装", category: "服饰内衣", externalId: "s002" });
    const creator = await a.caller.creators.create({ name: "达人 a4", category: "服饰内衣", externalId: "a4" });
    const readShop = () => a.caller.scores.shop({ id: shop.id });
    const readCreator = () => a.caller.scores.creator({ id: creator.id });
    expect(await readShop()).toMatchObject({ latest: null, recalculating: false });

    // Orders first: the baseline score.
    const orders = await a.caller.imports.confirm({ uploadId: (await upload(a.org.orgId, "orders.csv", exports.orders)).uploadId, shopId: shop.id, kind: "orders" });
    expect(orders.queued).toBe(mode === "queued");
    const base = await whenRecalculated(readShop);
    expect(base.latest?.day).toBe(todayInShanghai());
    expect(base.latest?.explanation.validOrders).toBeGreaterThan(0);
    expect(indicator(base, "good_review_rate")).toBeNull();
    const baseCreator = await whenRecalculated(readCreator);
    expect(baseCreator.latest?.explanation.validOrders).toBeGreaterThan(0);

    // Reviews change the good-review rate. With the queue, the old score reads as recalculating
    // (for the shop and for a creator selling in it); inline, the new score is there at once.
    const reviews = await a.caller.imports.confirm({ uploadId: (await upload(a.org.orgId, "reviews.csv", exports.reviews)).uploadId, shopId: shop.id, kind: "reviews" });
    const during = await readShop();
    const duringCreator = await readCreator();
    if (mode === "queued") {
      expect(during.recalculating).toBe(true);
      expect(duringCreator.recalculating).toBe(true);
      expect(indicator(during, "good_review_rate")).toBeNull();
    } else {
      expect(during.recalculating).toBe(false);
      expect(duringCreator.recalculating).toBe(false);
    }
    const withReviews = await whenRecalculated(readShop);
    expect(indicator(withReviews, "good_review_rate")).toBeGreaterThan(0);
    expect(withReviews.latest?.explanation.validOrders).toBe(base.latest?.explanation.validOrders);
    expect(indicator(await whenRecalculated(readCreator), "good_review_rate")).not.toBeNull();

    // Undo takes the reviews out again: recalculating (queued), then the baseline numbers.
    const reviewsImportId = reviews.importId;
    if (mode === "queued") {
      // The queued import must have run before it can be undone.
      await expect.poll(async () => (await a.caller.imports.get({ importId: reviewsImportId })).status, { timeout: 60_000 }).toBe("succeeded");
    }
    await a.caller.imports.undo({ importId: reviewsImportId });
    const afterUndo = await readShop();
    expect(afterUndo.recalculating).toBe(mode === "queued");
    if (mode === "queued") expect(indicator(afterUndo, "good_review_rate")).toBeGreaterThan(0);
    const undone = await whenRecalculated(readShop);
    expect(indicator(undone, "good_review_rate")).toBeNull();
    expect(undone.latest?.explanation.overall).toBe(base.latest?.explanation.overall);
    expect(undone.latest?.explanation.validOrders).toBe(base.latest?.explanation.validOrders);
    expect(indicator(await whenRecalculated(readCreator), "good_review_rate")).toBeNull();
  }, 300_000);

  it("another organisation's changes never make this one's scores read as recalculating", async () => {
    const exports = recentExports();
    const a = await ownerWithOrg(t.handle, `rescore-quiet-${mode}`, queue.boss);
    const b = await ownerWithOrg(t.handle, `rescore-busy-${mode}`, queue.boss);
    const quiet = await a.caller.shops.create({ name: "安静的店", category: "服饰内衣", externalId: "s002" });
    const busy = await b.caller.shops.create({ name: "忙碌的店", category: "服饰内衣", externalId: "s002" });
    await b.caller.imports.confirm({ uploadId: (await upload(b.org.orgId, "orders.csv", exports.orders)).uploadId, shopId: busy.id, kind: "orders" });
    expect((await a.caller.scores.shop({ id: quiet.id })).recalculating).toBe(false);
    await whenRecalculated(() => b.caller.scores.shop({ id: busy.id }));
  }, 300_000);
});
