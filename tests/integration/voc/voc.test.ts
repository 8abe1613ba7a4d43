import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/contracts/members";
import { withTenant } from "@/server/db/tenant";
import { acceptInvitation } from "@/server/invitations/service";
import { systemScope } from "@/server/lib/scope";
import { todayInShanghai } from "@/server/lib/time";
import { INDICATORS } from "@/server/scoring";
import { buildDailyRollups } from "@/server/scoring/rollups";
import { loadShopFacts } from "@/server/scoring/store/load-facts";
import { createUser } from "@/server/users/service";
import { drillDowns } from "@/server/voc/drill-downs";
import { shanghaiMonthOf } from "@/server/voc/months";
import { problemItems, problemSummary } from "@/server/voc/problems";
import { callerFor, ownerWithOrg, trpcCodeOf } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { at, vocOrganisation } from "./fixture";

let t: TestDatabase;
let org: Awaited<ReturnType<typeof vocOrganisation>>;
beforeAll(async () => {
  t = await openTestDatabase();
  org = await vocOrganisation(t.handle);
});
afterAll(async () => {
  await t?.close();
});

const NOW = at("2026-05-31 12:00");
const AS_OF = "2026-06-01";
const asOrg = <T>(fn: (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => Promise<T>) => withTenant(t.handle, { orgId: org.org.orgId }, fn);
const summaryOf = (kind: "shop" | "creator", id: string) => asOrg((tx) => problemSummary(tx, systemScope(org.org.orgId), { kind, id, months: 3 }, NOW));
const drillOf = (kind: "shop" | "creator", id: string) => asOrg((tx) => drillDowns(tx, systemScope(org.org.orgId), { kind, id }, AS_OF));

async function member(role: Role) {
  const user = await createUser(t.handle, { email: `voc-${role}-${Date.now()}@example.test`, password: "correct horse battery", name: `voc ${role}` });
  const invite = await org.caller.members.invite({ role, shopIds: [] });
  await acceptInvitation(t.handle, { token: invite.token, userId: user.id });
  return callerFor(t.handle, user.id, org.org.orgId);
}

describe("problems per month", () => {
  it("counts each problem type per month from bad reviews' text and after-sale reasons (hand-checked)", async () => {
    const summary = await summaryOf("shop", org.shopA.id);
    expect(summary.months).toEqual(["2026-03", "2026-04", "2026-05"]);
    expect(summary.counts).toEqual([
      { month: "2026-03", problemType: "quality", reviews: 1, afterSales: 0 },
      { month: "2026-03", problemType: "size", reviews: 1, afterSales: 0 },
      { month: "2026-04", problemType: "quality", reviews: 1, afterSales: 1 },
      { month: "2026-04", problemType: "logistics", reviews: 1, afterSales: 0 },
      { month: "2026-04", problemType: "service_attitude", reviews: 1, afterSales: 0 },
      { month: "2026-05", problemType: "size", reviews: 0, afterSales: 1 },
      { month: "2026-05", problemType: "description_mismatch", reviews: 1, afterSales: 0 },
      { month: "2026-05", problemType: "other", reviews: 1, afterSales: 0 },
    ]);
    expect(summary.totals).toEqual([
      { problemType: "quality", total: 3 },
      { problemType: "size", total: 2 },
      { problemType: "description_mismatch", total: 1 },
      { problemType: "logistics", total: 1 },
      { problemType: "service_attitude", total: 1 },
      { problemType: "other", total: 1 },
      { problemType: "price", total: 0 },
    ]);
    expect(summary.products.find((p) => p.problemType === "quality")?.products).toEqual([{ productKey: "p1", productName: "连衣裙", count: 3 }]);
    expect(summary.products.find((p) => p.problemType === "size")?.products).toEqual([{ productKey: "p2", productName: "面霜", count: 2 }]);
    expect(summary.dictionary.custom).toBe(false);
  });

  it("lists the reviews and after-sales behind a problem's count, newest first", async () => {
    const list = await asOrg((tx) => problemItems(tx, systemScope(org.org.orgId), { kind: "shop", id: org.shopA.id, problemType: "quality", month: "2026-04" }));
    expect(list.total).toBe(2);
    expect(list.items.map((i) => [i.source, i.orderId, i.text])).toEqual([
      ["aftersale", "o10", "质量问题"],
      ["review", "o3", "质量不好，而且发货太慢"],
    ]);
    expect(list.items[1]).toMatchObject({ productName: "连衣裙", stars: { product: 2, logistics: 2, service: null } });
    expect(list.items[1]?.at.toISOString()).toBe(at("2026-04-15 09:00").toISOString());
  });

  it("gives a creator account the voice of its own orders, across shops", async () => {
    const summary = await summaryOf("creator", org.creator.id);
    expect(summary.counts).toEqual([
      { month: "2026-03", problemType: "quality", reviews: 1, afterSales: 0 },
      { month: "2026-04", problemType: "quality", reviews: 1, afterSales: 1 },
      { month: "2026-04", problemType: "logistics", reviews: 1, afterSales: 0 },
    ]);
  });

  it("tags with the organisation's own dictionary once it has one, and with the defaults again after a reset", async () => {
    const saved = await org.caller.voc.saveDictionary({ entries: [{ problemType: "quality", terms: ["线头", " 线头 "] }, { problemType: "price", terms: ["一般般"] }] });
    expect(saved.custom).toBe(true);
    expect(saved.entries.find((e) => e.problemType === "quality")?.terms).toEqual(["线头"]);
    const custom = await summaryOf("shop", org.shopA.id);
    expect(custom.dictionary.custom).toBe(true);
    expect(custom.totals.filter((x) => x.total > 0)).toEqual([
      { problemType: "other", total: 6 },
      { problemType: "quality", total: 1 },
      { problemType: "price", total: 1 },
    ]);
    const reset = await org.caller.voc.resetDictionary();
    expect(reset.custom).toBe(false);
    expect((await summaryOf("shop", org.shopA.id)).totals[0]).toEqual({ problemType: "quality", total: 3 });
  });
});

describe("drill-down tables", () => {
  it("names the indicator each table hurts, from the entity's rule set", async () => {
    const drill = await drillOf("shop", org.shopB.id);
    const named = (code: keyof typeof INDICATORS) => ({ code, nameZh: INDICATORS[code].nameZh, nameEn: INDICATORS[code].nameEn, dimension: INDICATORS[code].dimension });
    expect(drill.qualityReturnProducts?.indicator).toEqual(named("quality_return_rate"));
    expect(drill.slowDelivery?.indicator).toEqual(named("avg_delivery_hours"));
    expect(drill.afterSaleReasons?.indicator).toEqual(named("quality_return_rate"));
    expect(drill.chatHours?.indicator).toEqual(named("im_3min_reply_rate"));
    expect(drill.qualityReturnProducts?.window).toEqual({ fromDay: "2026-02-17", toDay: "2026-05-17" });
    expect(drill.slowDelivery?.window).toEqual({ fromDay: "2026-03-03", toDay: "2026-05-31" });
  });

  it("lists products whose quality-return rate is over 5% (hand-checked)", async () => {
    const drill = await drillOf("shop", org.shopB.id);
    expect(drill.qualityReturnProducts?.rows).toEqual([
      { productKey: "p5", productName: "蓝牙耳机", validOrders: 3, qualityReturns: 1, rate: 1 / 3 },
      { productKey: "p1", productName: "连衣裙", validOrders: 10, qualityReturns: 2, rate: 0.2 },
    ]);
  });

  it("ranks provinces and carriers by mean delivery hours, slowest first (hand-checked)", async () => {
    const drill = await drillOf("shop", org.shopB.id);
    expect(drill.slowDelivery?.byProvince).toEqual([
      { name: "新疆", orders: 2, meanHours: 108 },
      { name: null, orders: 1, meanHours: 60 },
      { name: "广东", orders: 2, meanHours: 36 },
    ]);
    expect(drill.slowDelivery?.byCarrier).toEqual([
      { name: "中通", orders: 3, meanHours: 76 },
      { name: "顺丰", orders: 2, meanHours: 60 },
    ]);
  });

  it("agrees with the engine's own delivery-hours roll-up over the same window", async () => {
    const drill = await drillOf("shop", org.shopB.id);
    const rollups = await asOrg(async (tx) => buildDailyRollups(await loadShopFacts(tx, org.org.orgId, org.shopB.id)));
    const inWindow = rollups.filter((r) => r.day >= "2026-03-03" && r.day <= "2026-05-31" && r.visibleDay <= AS_OF);
    const engineOrders = inWindow.reduce((sum, r) => sum + r.deliveredOrders, 0);
    const engineHours = inWindow.reduce((sum, r) => sum + r.deliveryHoursSum, 0);
    const rows = drill.slowDelivery?.byProvince ?? [];
    expect(rows.reduce((sum, r) => sum + r.orders, 0)).toBe(engineOrders);
    expect(rows.reduce((sum, r) => sum + r.orders * r.meanHours, 0)).toBeCloseTo(engineHours, 9);
    // Quality returns: the products' counts add up to the engine's unweighted numerator of the window.
    const qualityWindow = rollups.filter((r) => r.day >= "2026-02-17" && r.day <= "2026-05-17" && r.visibleDay <= AS_OF);
    expect(qualityWindow.reduce((sum, r) => sum + r.qualityReturns, 0)).toBe(2 + 1 + 1);
  });

  it("lists the commonest after-sale reasons with their category and share (hand-checked)", async () => {
    const drill = await drillOf("shop", org.shopB.id);
    expect(drill.afterSaleReasons?.rows).toEqual([
      { reason: "质量问题", category: "quality", count: 5, share: 5 / 6 },
      { reason: "七天无理由", category: "no_reason", count: 1, share: 1 / 6 },
    ]);
  });

  it("ranks service hours by their 3-minute reply rate, worst first (hand-checked)", async () => {
    const drill = await drillOf("shop", org.shopB.id);
    expect(drill.chatHours?.rows).toEqual([
      { hour: 22, sessions: 1, turns: 4, answeredWithin3min: 1, lateTurns: 3, replyRate: 0.25 },
      { hour: 9, sessions: 2, turns: 20, answeredWithin3min: 16, lateTurns: 4, replyRate: 0.8 },
      { hour: 14, sessions: 1, turns: 5, answeredWithin3min: 5, lateTurns: 0, replyRate: 1 },
    ]);
  });

  it("gives a creator account its own orders' tables and no chat table (chats belong to shops)", async () => {
    const drill = await drillOf("creator", org.creator.id);
    expect(drill.chatHours).toBeNull();
    expect(drill.qualityReturnProducts?.rows).toEqual([{ productKey: "p1", productName: "连衣裙", validOrders: 3, qualityReturns: 1, rate: 1 / 3 }]);
    expect(drill.slowDelivery?.byProvince).toEqual([{ name: "广东", orders: 1, meanHours: 24 }]);
    expect(drill.afterSaleReasons?.rows).toEqual([{ reason: "质量问题", category: "quality", count: 1, share: 1 }]);
  });

  it("follows the rule set: douyin-shop-v1.1 ranks by pickup-to-delivery hours", async () => {
    await org.caller.shops.update({ id: org.shopB.id, ruleSet: "douyin-shop-v1.1" });
    try {
      const drill = await drillOf("shop", org.shopB.id);
      expect(drill.slowDelivery?.indicator.code).toBe("delivery_hours");
      // Picked up 2 h after payment: every mean is 2 h shorter.
      expect(drill.slowDelivery?.byCarrier).toEqual([
        { name: "中通", orders: 3, meanHours: 74 },
        { name: "顺丰", orders: 2, meanHours: 58 },
      ]);
    } finally {
      await org.caller.shops.update({ id: org.shopB.id, ruleSet: "douyin-shop-v1" });
    }
  });
});

describe("access", () => {
  it("lets every member read the voice and only writers edit the dictionary", async () => {
    const viewer = await member("viewer");
    const analyst = await member("analyst");
    const input = { kind: "shop" as const, id: org.shopA.id };
    expect(await trpcCodeOf(viewer.voc.problems(input))).toBe("OK");
    expect(await trpcCodeOf(viewer.voc.drillDowns(input))).toBe("OK");
    expect(await trpcCodeOf(viewer.voc.dictionary())).toBe("OK");
    expect(await trpcCodeOf(viewer.voc.saveDictionary({ entries: [{ problemType: "quality", terms: ["漏电"] }] }))).toBe("FORBIDDEN");
    expect(await trpcCodeOf(viewer.voc.resetDictionary())).toBe("FORBIDDEN");
    expect(await trpcCodeOf(analyst.voc.saveDictionary({ entries: [{ problemType: "quality", terms: ["漏电"] }] }))).toBe("OK");
    expect((await viewer.voc.dictionary()).entries.find((e) => e.problemType === "quality")?.terms).toEqual(["漏电"]);
    expect(await trpcCodeOf(analyst.voc.resetDictionary())).toBe("OK");
  });

  it("refuses terms with spaces or control characters", async () => {
    expect(await trpcCodeOf(org.caller.voc.saveDictionary({ entries: [{ problemType: "quality", terms: ["线 头"] }] }))).toBe("BAD_REQUEST");
  });

  it("answers another organisation's entity as not found, and keeps dictionaries apart", async () => {
    const other = await ownerWithOrg(t.handle, "voc-intruder");
    for (const [kind, id] of [["shop", org.shopA.id], ["creator", org.creator.id]] as const) {
      expect(await trpcCodeOf(other.caller.voc.problems({ kind, id }))).toBe("NOT_FOUND");
      expect(await trpcCodeOf(other.caller.voc.drillDowns({ kind, id }))).toBe("NOT_FOUND");
      expect(await trpcCodeOf(other.caller.voc.problemItems({ kind, id, problemType: "quality", month: "2026-04" }))).toBe("NOT_FOUND");
    }
    await org.caller.voc.saveDictionary({ entries: [{ problemType: "quality", terms: ["机密词"] }] });
    try {
      const theirs = await other.caller.voc.dictionary();
      expect(theirs.custom).toBe(false);
      expect(JSON.stringify(theirs)).not.toContain("机密词");
    } finally {
      await org.caller.voc.resetDictionary();
    }
  });

  it("reads through the router as of today: the last six months, drill-downs as of today's score day", async () => {
    const before = new Date();
    const summary = await org.caller.voc.problems({ kind: "shop", id: org.shopA.id });
    const drill = await org.caller.voc.drillDowns({ kind: "shop", id: org.shopB.id });
    const after = new Date();
    expect(summary.months).toHaveLength(6);
    expect([shanghaiMonthOf(before), shanghaiMonthOf(after)]).toContain(summary.months.at(-1));
    expect([todayInShanghai(before), todayInShanghai(after)]).toContain(drill.asOfDay);
  });
});
