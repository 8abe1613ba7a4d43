import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shops } from "@/db/schema";
import type { StoreType } from "@/lib/contracts/facts";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts, type GeneratedShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import type { CurrentShop, CurrentShopFacts } from "@/server/scoring/current/facts";
import { scoreCurrentDay } from "@/server/scoring/current/score-current";
import { scoreShopsOverDays, scoreShopsUnderCurrentRules } from "@/server/scoring/current/service";
import { categoryNamesOf } from "@/server/scoring/current/store/current-values";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/**
 * The database reads only the facts a measure can reach on day D (load-current-facts.ts): old
 * orders only when the window names them, first ratings only of signed orders, turns of the
 * window's sessions, and so on. Scoring through it must give what the pure scorer gives with
 * every fact in memory, under every rule set — on generated shops (most kinds of unit at the edges
 * of the window) and on hand-made orders paid before the window that only one thing reaches.
 */
const DAY = "2026-06-01";
/** Days before D a history run scores: the hand-made old orders' only facts fall 10–25 days before D, so each enters and leaves some day's reach. */
const RUN_DAYS = 40;
const HOUR = 3_600_000;
const at = (daysBefore: number, hours = 12) => new Date(shanghaiMidnight(addDays(DAY, -daysBefore)).getTime() + hours * HOUR);
const SHOPS: { category: string; storeType: StoreType }[] = [
  { category: "apparel", storeType: "flagship" },
  { category: "apparel", storeType: "ordinary" },
  { category: "beauty", storeType: "specialty" },
  { category: "digital", storeType: "franchise" },
  { category: "apparel", storeType: "ordinary" },
  { category: "beauty", storeType: "ordinary" },
];

/** Orders paid 40–100 days before D that only one fact of the window reaches. */
function oldOrdersReachedOnce(): GeneratedShopFacts {
  const order = (orderId: string, paidDaysBefore: number, extra: Partial<GeneratedShopFacts["orders"][number]> = {}): GeneratedShopFacts["orders"][number] => ({
    orderId,
    paidAt: at(paidDaysBefore),
    orderType: "normal",
    status: "shipped",
    pickedUpAt: null,
    deliveredAt: null,
    amount: "10.00",
    authorId: null,
    productId: "p",
    productName: "p",
    province: null,
    carrier: null,
    ...extra,
  });
  return {
    orders: [
      order("old-picked-up", 40, { pickedUpAt: at(20) }),
      order("old-signed", 45, { pickedUpAt: at(44), deliveredAt: at(10), status: "completed", remote: true }),
      order("old-ship-by", 50, { shipBy: at(25) }),
      order("old-waybill", 60, { pickedUpAt: at(59) }),
      order("old-refund", 70, { pickedUpAt: at(69), deliveredAt: at(66), status: "completed" }),
      order("old-help", 80, { pickedUpAt: at(79), deliveredAt: at(75), status: "completed" }),
      order("old-nothing", 100, { pickedUpAt: at(99), deliveredAt: at(95), status: "completed" }),
    ],
    reviews: [
      { orderId: "old-signed", reviewedAt: at(8), productStars: 2, logisticsStars: null, serviceStars: null, content: null },
      { orderId: "old-nothing", reviewedAt: at(94), productStars: 1, logisticsStars: null, serviceStars: null, content: null },
    ],
    afterSales: [
      {
        aftersaleId: "as-old-refund",
        orderId: "old-refund",
        type: "refund_only",
        reason: "质量问题",
        reasonCategory: "quality",
        appliedAt: at(65, 23.5),
        completedAt: at(5),
        completedBy: "merchant",
        exempt: false,
        reviewedAt: at(64),
        refundedAt: at(5),
        merchantResponsible: true,
      },
    ],
    complaints: [],
    chats: [{ sessionId: "old-session", startedAt: at(3, 9), customerTurns: 2, turnsAnsweredWithin3min: 1, rating: 2 }],
    chatTurns: [
      { sessionId: "old-session", askedAt: at(3, 9), repliedAt: null, replier: "none" },
      { sessionId: "old-session", askedAt: at(3, 9.5), repliedAt: at(3, 9.6), replier: "human" },
    ],
    waybills: [{ waybillId: "wb-old-waybill", orderId: "old-waybill", carrier: null, promisedAt: at(15), deliveredAt: null, delivered: false }],
    helpRequests: [{ requestId: "hr-old-help", orderId: "old-help", soughtAt: at(12), escalated: true, escalatedAt: at(11) }],
    penalties: [],
    shopServices: [],
  };
}

const ms = (d: Date | null | undefined) => (d ? d.getTime() : null);

/** Generated facts as the pure scorer takes them (what the database holds, every fact of every day). */
function inMemory(facts: GeneratedShopFacts): CurrentShopFacts {
  return {
    orders: facts.orders.map((o) => ({
      orderId: o.orderId,
      paidAt: o.paidAt.getTime(),
      orderType: o.orderType,
      status: o.status,
      shippedAt: null,
      pickedUpAt: ms(o.pickedUpAt),
      deliveredAt: ms(o.deliveredAt),
      shipBy: ms(o.shipBy),
      cancelledBy: o.cancelledBy ?? null,
      lowPrice: o.lowPrice ?? null,
      instantRefund: o.instantRefund ?? null,
      abnormal: o.abnormal ?? null,
      shipmentAnomaly: o.shipmentAnomaly ?? null,
      remote: o.remote ?? null,
      nextDay: o.nextDay ?? null,
      returnInsurance: o.returnInsurance ?? null,
      largeItemInsurance: o.largeItemInsurance ?? null,
      onsiteInstall: o.onsiteInstall ?? null,
    })),
    reviews: facts.reviews.map((r) => ({ orderId: r.orderId, reviewedAt: r.reviewedAt.getTime(), productStars: r.productStars })),
    afterSales: facts.afterSales.map((a) => ({
      aftersaleId: a.aftersaleId,
      orderId: a.orderId,
      reason: a.reason,
      reasonCategory: a.reasonCategory,
      appliedAt: a.appliedAt.getTime(),
      exempt: a.exempt,
      reviewedAt: ms(a.reviewedAt),
      refundedAt: ms(a.refundedAt),
      merchantResponsible: a.merchantResponsible ?? null,
    })),
    chats: facts.chats.map((c) => ({ sessionId: c.sessionId, startedAt: c.startedAt.getTime(), rating: c.rating ?? null })),
    chatTurns: (facts.chatTurns ?? []).map((t) => ({ sessionId: t.sessionId, askedAt: t.askedAt.getTime(), repliedAt: ms(t.repliedAt), replier: t.replier })),
    waybills: (facts.waybills ?? []).map((w) => ({ waybillId: w.waybillId, orderId: w.orderId, promisedAt: ms(w.promisedAt), deliveredAt: ms(w.deliveredAt), delivered: w.delivered })),
    helpRequests: (facts.helpRequests ?? []).map((h) => ({ requestId: h.requestId, orderId: h.orderId, soughtAt: h.soughtAt.getTime(), escalated: h.escalated, escalatedAt: ms(h.escalatedAt) })),
    penalties: (facts.penalties ?? []).map((p) => ({ penaltyId: p.penaltyId, occurredAt: p.occurredAt.getTime(), type: p.type, revoked: p.revoked })),
    services: (facts.shopServices ?? []).map((s) => ({ service: s.service, enabledAt: s.enabledAt.getTime(), disabledAt: ms(s.disabledAt) })),
  };
}

let t: TestDatabase;
let orgId = "";
const memory: CurrentShop[] = [];

beforeAll(async () => {
  t = await openTestDatabase();
  orgId = (await createOrganisation(t.handle, { name: "reads", kind: "agency", ownerUserId: null })).orgId;
  await withTenant(t.handle, { orgId }, async (tx) => {
    const names = await categoryNamesOf(tx);
    for (const [i, { category, storeType }] of SHOPS.entries()) {
      const [shop] = await tx.insert(shops).values({ orgId, externalId: `r${i}`, name: `reads ${i}`, categoryCode: category, storeType }).returning({ id: shops.id });
      const generated = generateShopFacts({ seed: 70 + i, keyPrefix: `r${i}`, firstDay: addDays(DAY, -120), days: 120, ordersPerDay: 2 + i, notAfter: shanghaiMidnight(DAY), current: true });
      const facts = i === 0 ? merge(generated, oldOrdersReachedOnce()) : generated;
      await insertShopFacts(tx, orgId, shop?.id ?? "", facts);
      memory.push({ key: shop?.id ?? "", categoryCode: category, categoryNames: names.get(category) ?? [category], storeType, facts: inMemory(facts) });
    }
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

function merge(a: GeneratedShopFacts, b: GeneratedShopFacts): GeneratedShopFacts {
  return {
    orders: [...a.orders, ...b.orders],
    reviews: [...a.reviews, ...b.reviews],
    afterSales: [...a.afterSales, ...b.afterSales],
    complaints: [...a.complaints, ...b.complaints],
    chats: [...a.chats, ...b.chats],
    chatTurns: [...(a.chatTurns ?? []), ...(b.chatTurns ?? [])],
    waybills: [...(a.waybills ?? []), ...(b.waybills ?? [])],
    helpRequests: [...(a.helpRequests ?? []), ...(b.helpRequests ?? [])],
    penalties: [...(a.penalties ?? []), ...(b.penalties ?? [])],
    shopServices: [...(a.shopServices ?? []), ...(b.shopServices ?? [])],
  };
}

/** Expected scores with every fraction as a 1e-6 match: sums taken in another order may differ in the last bits. */
const close = (value: unknown): unknown =>
  typeof value === "number" && !Number.isInteger(value)
    ? expect.closeTo(value, 6)
    : Array.isArray(value)
      ? value.map(close)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, close(v)]))
        : value;

describe("the current rules' facts as the database reads them", () => {
  it.each(["douyin-shop-2026-07", "douyin-shop-2026-09", "tiktok-shop-sps"])("score under %s as every fact in memory does", async (ruleSetName) => {
    const ruleSet = findPointsRuleSet(ruleSetName);
    if (!ruleSet) throw new Error(ruleSetName);
    const expected = new Map(scoreCurrentDay({ ruleSet, day: DAY, shops: memory }).map((score) => [score.key, score]));
    const scored = await scoreShopsUnderCurrentRules(t.handle, { orgId, ruleSetName, day: DAY });
    expect(scored).toHaveLength(SHOPS.length);
    for (const { shop, score } of scored) expect(score, shop.externalId).toEqual(close(expected.get(shop.id)));
    expect(scored.some((s) => s.score.state === "formal")).toBe(true);
  });

  // A history run reads the facts once for all its days (measureShopsOverDays); each day must still see only what it could.
  it.each(["douyin-shop-2026-07", "douyin-shop-2026-09", "tiktok-shop-sps"])("a run of days read once scores each day under %s as every fact in memory does", async (ruleSetName) => {
    const ruleSet = findPointsRuleSet(ruleSetName);
    if (!ruleSet) throw new Error(ruleSetName);
    const seen: string[] = [];
    await scoreShopsOverDays(t.handle, { orgId, ruleSetName, from: addDays(DAY, -RUN_DAYS), to: DAY }, async (day, scored) => {
      seen.push(day);
      const expected = new Map(scoreCurrentDay({ ruleSet, day, shops: memory }).map((score) => [score.key, score]));
      expect(scored).toHaveLength(SHOPS.length);
      for (const { shop, score } of scored) expect(score, `${shop.externalId} ${day}`).toEqual(close(expected.get(shop.id)));
    });
    expect(seen).toEqual(Array.from({ length: RUN_DAYS + 1 }, (_, i) => addDays(DAY, -i)));
  });

  it("reaches each old order through the one fact of the window that names it", async () => {
    const first = memory[0];
    if (!first) throw new Error("no shop");
    const only = { ...first, facts: inMemory(oldOrdersReachedOnce()) };
    const scores = ["douyin-shop-2026-07", "douyin-shop-2026-09", "tiktok-shop-sps"].map((name) => {
      const ruleSet = findPointsRuleSet(name);
      if (!ruleSet) throw new Error(name);
      return scoreCurrentDay({ ruleSet, day: DAY, shops: [only] })[0];
    });
    // Each hand-made order counts somewhere, so leaving it out of the read would have shown above.
    expect(scores[1]?.indicators.avg_pickup_hours?.denominator).toBe(1);
    expect(scores[0]?.indicators.product_rating?.denominator).toBe(1);
    expect(scores[0]?.indicators.delivery_ontime_rate?.denominator).toBe(1);
    expect(scores[0]?.indicators.aftersale_review_hours?.denominator).toBe(1);
    expect(scores[0]?.indicators.platform_escalation_rate?.denominator).toBe(1);
    expect(scores[2]?.indicators.late_dispatch_rate?.denominator).toBe(1);
    expect(scores[0]?.indicators.chat_response_seconds?.denominator).toBe(2);
  });
});
