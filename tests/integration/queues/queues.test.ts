import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant";
import { systemScope, type OrgScope } from "@/server/lib/scope";
import { afterSalesQueue } from "@/server/queues/after-sales";
import { handledQueueItems } from "@/server/queues/handled";
import { pickupQueue } from "@/server/queues/pickup";
import { reviewLedger } from "@/server/queues/review-ledger";
import { computeIndicatorValues } from "@/server/scoring/indicator-values";
import { recencyWeight } from "@/server/scoring/recency-weight";
import { getRuleSet, valueParamsOf } from "@/server/scoring/rule-sets";
import { buildDailyRollups } from "@/server/scoring/rollups";
import { loadShopFacts } from "@/server/scoring/store/load-facts";
import { todayInShanghai } from "@/server/lib/time";
import { trpcCodeOf } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { at, NOW, queuesOrganisation } from "./fixture";

let t: TestDatabase;
let org: Awaited<ReturnType<typeof queuesOrganisation>>;
beforeAll(async () => {
  t = await openTestDatabase();
  org = await queuesOrganisation(t.handle);
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 3_600_000;
const asOwner = (): OrgScope => systemScope(org.orgId);
const read = <T>(work: (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => Promise<T>) => withTenant(t.handle, { orgId: org.orgId }, work);

describe("pickup at risk", () => {
  it("lists paid orders not picked up by time left on the 24 h clock, overdue first, with the first day each counts", async () => {
    const rows = await read((tx) => pickupQueue(tx, asOwner(), { shopId: org.shopA.id }, NOW));
    expect(rows.map((r) => [r.orderId, r.msLeft / HOUR, r.countsFromDay])).toEqual([
      ["p10", -12, "2026-06-01"],
      ["p4", -4, "2026-06-02"],
      ["p1", 0, "2026-06-02"],
      ["p2", 1, "2026-06-02"],
      ["p3", 22, "2026-06-03"],
    ]);
    expect(rows[0]?.lateAt).toBe(at("2026-06-01 00:00").toISOString());
    expect(rows.every((r) => r.scored)).toBe(true);
  });

  it("prices each overdue pickup as its share of the pickup rate's weighted denominator on the day it counts, as the engine computes it", async () => {
    const rows = await read((tx) => pickupQueue(tx, asOwner(), { shopId: org.shopA.id }, NOW));
    const facts = await read((tx) => loadShopFacts(tx, org.orgId, org.shopA.id));
    const rollups = buildDailyRollups(facts);
    const params = valueParamsOf(getRuleSet("douyin-shop-v1.1"));
    for (const row of rows) {
      if (row.msLeft > 0) {
        expect(row.cost).toBeNull();
        continue;
      }
      const cost = row.cost;
      expect(cost).not.toBeNull();
      if (!cost) continue;
      const day = row.countsFromDay > todayInShanghai(NOW) ? row.countsFromDay : todayInShanghai(NOW);
      expect(cost.day).toBe(day);
      const indicator = computeIndicatorValues(rollups, day, params).indicators.pickup_24h_rate;
      // Paid 05-31: age 0 on 06-01 (window ends 05-31), age 1 on 06-02.
      const weight = recencyWeight(day === "2026-06-01" ? 0 : 1, 30);
      expect(cost.weight).toBeCloseTo(weight, 12);
      expect(cost.rateShare).toBeCloseTo(weight / (indicator?.denominator ?? Number.NaN), 12);
      expect(cost.leavesWindowOn).toBe("2026-08-30");
    }
  });

  it("shows the clock without a cost for a shop whose rule set does not score pickup, and the whole organisation by default", async () => {
    const all = await read((tx) => pickupQueue(tx, asOwner(), {}, NOW));
    expect(all.map((r) => r.orderId)).toEqual(["p10", "p4", "p1", "p2", "p3"]);
    const live = await org.caller.queues.pickup({});
    const b1 = live.find((r) => r.orderId === "b1");
    expect(b1).toMatchObject({ shopId: org.shopB.id, scored: false, cost: null });
    expect(Math.round((b1?.msLeft ?? 0) / HOUR)).toBe(8);
  });
});

describe("after-sales deadlines", () => {
  it("lists open, counted after-sales soonest automatic completion first, in absolute times", async () => {
    const rows = await read((tx) => afterSalesQueue(tx, asOwner(), { shopId: org.shopA.id }, NOW));
    expect(rows.map((r) => [r.aftersaleId, r.msLeft / HOUR])).toEqual([
      ["a2", -1],
      ["a1", 22],
      ["a5", 26],
    ]);
    expect(rows[0]?.deadlineAt).toBe(at("2026-06-01 11:00").toISOString());
  });
});

describe("bad-review ledger", () => {
  it("lists 1–2★ reviews of valid orders, unhandled first, and records status, owner and note", async () => {
    const before = await read((tx) => reviewLedger(tx, asOwner(), { shopId: org.shopA.id }, NOW));
    expect(before.map((r) => [r.orderId, r.status])).toEqual([
      ["o-r2", "new"],
      ["o-r1", "new"],
    ]);
    expect(before[0]).toMatchObject({ content: "快递太慢", productName: "商品-o-r2", logisticsStars: 2, exempt: false });
    const r2 = before[0];
    if (!r2) throw new Error("no review");
    await org.caller.queues.updateReview({ shopId: r2.shopId, orderId: r2.orderId, reviewedAt: r2.reviewedAt, status: "resolved", ownerUserId: org.user.id, note: "已补发 resent" });
    const after = await read((tx) => reviewLedger(tx, asOwner(), { shopId: org.shopA.id }, NOW));
    expect(after.map((r) => [r.orderId, r.status])).toEqual([
      ["o-r1", "new"],
      ["o-r2", "resolved"],
    ]);
    expect(after[1]).toMatchObject({ ownerUserId: org.user.id, note: "已补发 resent" });
    const resolvedOnly = await read((tx) => reviewLedger(tx, asOwner(), { shopId: org.shopA.id, status: "resolved" }, NOW));
    expect(resolvedOnly.map((r) => r.orderId)).toEqual(["o-r2"]);
    // Resolving counts as handled on the day it happened (effect tracking).
    const today = todayInShanghai();
    expect(await read((tx) => handledQueueItems(tx, org.orgId, { kind: "shop", id: org.shopA.id }, today, today))).toEqual([{ day: today, reviewsResolved: 1, appealsUpheld: 0 }]);
    expect(await read((tx) => handledQueueItems(tx, org.orgId, { kind: "shop", id: org.shopB.id }, today, today))).toEqual([]);
  });

  it("refuses an owner who cannot see the shop and a review that does not exist", async () => {
    const limited = await org.member("analyst", [org.shopB.id]);
    const [r1] = await read((tx) => reviewLedger(tx, asOwner(), { shopId: org.shopA.id, status: "new" }, NOW));
    if (!r1) throw new Error("no review");
    expect(await trpcCodeOf(org.caller.queues.updateReview({ shopId: r1.shopId, orderId: r1.orderId, reviewedAt: r1.reviewedAt, ownerUserId: limited.user.id }))).toBe("BAD_REQUEST");
    expect(await trpcCodeOf(org.caller.queues.updateReview({ shopId: r1.shopId, orderId: "nope", reviewedAt: r1.reviewedAt, status: "contacted" }))).toBe("NOT_FOUND");
  });
});

describe("permissions", () => {
  it("lets viewers read every queue and change nothing", async () => {
    const viewer = await org.member("viewer");
    expect(await trpcCodeOf(viewer.caller.queues.pickup({}))).toBe("OK");
    expect(await trpcCodeOf(viewer.caller.queues.afterSales({}))).toBe("OK");
    expect(await trpcCodeOf(viewer.caller.queues.reviews({}))).toBe("OK");
    expect(await trpcCodeOf(viewer.caller.queues.appeals({}))).toBe("OK");
    expect(await trpcCodeOf(viewer.caller.queues.problems({}))).toBe("OK");
    expect(await trpcCodeOf(viewer.caller.queues.templates())).toBe("OK");
    const [review] = await org.caller.queues.reviews({ shopId: org.shopB.id });
    if (!review) throw new Error("no review");
    expect(await trpcCodeOf(viewer.caller.queues.updateReview({ shopId: review.shopId, orderId: review.orderId, reviewedAt: review.reviewedAt, status: "contacted" }))).toBe("FORBIDDEN");
    expect(await trpcCodeOf(viewer.caller.queues.createAppeal({ shopId: org.shopA.id, subject: "order", factKey: "p1", reason: "x" }))).toBe("FORBIDDEN");
    expect(await trpcCodeOf(viewer.caller.queues.saveTemplate({ locale: "zh-CN", title: "x", body: "y" }))).toBe("FORBIDDEN");
    expect(await trpcCodeOf(viewer.caller.queues.saveProblem({ shopId: org.shopA.id, problemType: "size", cases: 1, owningTeam: "商品部", fix: "尺码表" }))).toBe("FORBIDDEN");
  });

  it("shows a member limited to some shops only those shops' items", async () => {
    const limited = await org.member("analyst", [org.shopB.id]);
    const reviews = await limited.caller.queues.reviews({});
    expect(reviews.length).toBeGreaterThan(0);
    expect(new Set(reviews.map((r) => r.shopId))).toEqual(new Set([org.shopB.id]));
    const pickups = await limited.caller.queues.pickup({});
    expect(pickups.every((r) => r.shopId === org.shopB.id)).toBe(true);
    expect(await trpcCodeOf(limited.caller.queues.reviews({ shopId: org.shopA.id }))).toBe("NOT_FOUND");
    expect(await trpcCodeOf(limited.caller.queues.createAppeal({ shopId: org.shopA.id, subject: "order", factKey: "p1", reason: "x" }))).toBe("NOT_FOUND");
    const review = await read(async (tx) => (await reviewLedger(tx, asOwner(), { shopId: org.shopA.id }, NOW))[0]);
    if (!review) throw new Error("no review");
    expect(await trpcCodeOf(limited.caller.queues.updateReview({ shopId: review.shopId, orderId: review.orderId, reviewedAt: review.reviewedAt, status: "contacted" }))).toBe("NOT_FOUND");
  });
});

describe("reply templates", () => {
  it("offers the zh and en seeds until the organisation saves its own, then keeps the seeds beside it", async () => {
    const seeded = await org.caller.queues.templates();
    expect(seeded.every((x) => x.builtIn)).toBe(true);
    expect(new Set(seeded.map((x) => x.locale))).toEqual(new Set(["zh-CN", "en"]));
    const { id } = await org.caller.queues.saveTemplate({ locale: "zh-CN", title: "补发致歉", body: "亲，已为您补发" });
    const own = await org.caller.queues.templates();
    expect(own.length).toBe(seeded.length + 1);
    expect(own.every((x) => !x.builtIn)).toBe(true);
    await org.caller.queues.deleteTemplate({ id });
    expect((await org.caller.queues.templates()).some((x) => x.id === id)).toBe(false);
  });
});

describe("problem-attribution log", () => {
  it("creates, lists, edits and deletes entries, linked to facts, and refuses a checklist of no such shop", async () => {
    const { id } = await org.caller.queues.saveProblem({
      shopId: org.shopA.id,
      problemType: "size",
      cases: 12,
      owningTeam: "商品部",
      fix: "add size chart 增加尺码表",
      effect: "returns −30%",
      factRefs: ["order:o-as2", "review:o-r1@2026-05-30T01:00:00.000Z", "order:o-as2"],
    });
    let [entry] = await org.caller.queues.problems({ shopId: org.shopA.id });
    expect(entry).toMatchObject({ id, problemType: "size", cases: 12, owningTeam: "商品部", effect: "returns −30%", factRefs: ["order:o-as2", "review:o-r1@2026-05-30T01:00:00.000Z"], checklistId: null });
    await org.caller.queues.saveProblem({ id, shopId: org.shopA.id, problemType: "size", cases: 15, owningTeam: "商品部", fix: "size chart", factRefs: [] });
    [entry] = await org.caller.queues.problems({ shopId: org.shopA.id });
    expect(entry).toMatchObject({ id, cases: 15, effect: null, factRefs: [] });
    expect(await trpcCodeOf(org.caller.queues.saveProblem({ shopId: org.shopA.id, problemType: "size", cases: 1, owningTeam: "x", fix: "y", checklistId: "00000000-0000-4000-8000-000000000000" }))).toBe("BAD_REQUEST");
    expect(await trpcCodeOf(org.caller.queues.saveProblem({ shopId: org.shopA.id, problemType: "size", cases: 1, owningTeam: "x", fix: "y", factRefs: ["buyer:张三"] }))).toBe("BAD_REQUEST");
    expect((await org.caller.queues.problems({ shopId: org.shopB.id })).length).toBe(0);
    await org.caller.queues.deleteProblem({ id });
    expect(await org.caller.queues.problems({})).toEqual([]);
    expect(await trpcCodeOf(org.caller.queues.deleteProblem({ id }))).toBe("NOT_FOUND");
  });
});
