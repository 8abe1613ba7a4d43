import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewFactKey } from "@/lib/contracts/queues";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts, type GeneratedShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { indicatorFacts } from "@/server/insight/indicator-facts";
import { systemScope } from "@/server/lib/scope";
import { addDays, shanghaiMidnight, todayInShanghai } from "@/server/lib/time";
import { handledQueueItems } from "@/server/queues/handled";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/*
 * "Exempting an appealed fact changes the score exactly as the engine says": organisation A files
 * and wins an appeal against one bad review (through the router, which rescores through
 * scheduleRescore); organisation B holds the same facts with that review removed and is scored by
 * the engine. Neither takes part in benchmarking, so each is its own cohort and the two must agree.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const SHOPS = 3;
const now = new Date();
const today = todayInShanghai(now);
const factsOf = (i: number): GeneratedShopFacts =>
  generateShopFacts({ seed: 400 + i, keyPrefix: `ap${i}`, firstDay: addDays(today, -45), days: 45, ordersPerDay: 3, notAfter: now });

async function organisation(label: string, facts: GeneratedShopFacts[]) {
  const owner = await ownerWithOrg(t.handle, label);
  await owner.caller.orgs.update({ benchmarking: false });
  const shops = [];
  for (const [i, shopFacts] of facts.entries()) {
    const shop = await owner.caller.shops.create({ name: `申诉店${i} AppealShop${i}`, category: "服饰内衣" });
    await withTenant(t.handle, { orgId: owner.org.orgId }, (tx) => insertShopFacts(tx, owner.org.orgId, shop.id, shopFacts));
    shops.push(shop);
  }
  await rescoreOrganisation(t.handle, owner.org.orgId, today);
  return { ...owner, shops };
}

const explanationOf = async (caller: Awaited<ReturnType<typeof ownerWithOrg>>["caller"], id: string) => {
  const score = await caller.scores.shop({ id });
  if (score.latest?.day !== today) throw new Error(`no score for ${today}`);
  return score.latest.explanation;
};

describe("an upheld appeal", () => {
  it("exempts the fact and rescores to exactly what the engine gives without it, and a rejection restores the score", async () => {
    const facts = Array.from({ length: SHOPS }, (_, i) => factsOf(i));
    const first = facts[0];
    if (!first) throw new Error("no facts");
    const valid = new Set(first.orders.filter((o) => o.orderType === "normal" && o.status !== "cancelled").map((o) => o.orderId));
    const midnight = shanghaiMidnight(today).getTime();
    // A 1★ product review of a valid order, inside the window: the one the shop appeals.
    const review = first.reviews.find((r) => r.productStars === 1 && valid.has(r.orderId) && r.reviewedAt.getTime() < midnight - 86_400_000);
    if (!review) throw new Error("the generated shop has no bad review to appeal");

    const a = await organisation("appeal-a", facts);
    const shop = a.shops[0];
    if (!shop) throw new Error("no shop");
    const before = await explanationOf(a.caller, shop.id);
    expect(before.state).toBe("scored");

    const factKey = reviewFactKey(review.orderId, review.reviewedAt);
    const { id } = await a.caller.queues.createAppeal({ shopId: shop.id, subject: "review", factKey, reason: "恶意差评 malicious review", evidenceNote: "聊天记录 chat log", evidenceUrl: "https://example.test/evidence.png", deadlineDay: addDays(today, 3) });
    expect((await a.caller.queues.appeals({ outcome: "pending" })).map((x) => x.id)).toEqual([id]);
    expect(await a.caller.queues.decideAppeal({ id, outcome: "upheld" })).toEqual({ factsChanged: true });
    const after = await explanationOf(a.caller, shop.id);

    const withoutReview = facts.map((f, i) => (i === 0 ? { ...f, reviews: f.reviews.filter((r) => r !== review) } : f));
    const b = await organisation("appeal-b", withoutReview);
    for (const [i, shopA] of a.shops.entries()) {
      const shopB = b.shops[i];
      if (!shopB) throw new Error("no twin");
      const ea = i === 0 ? after : await explanationOf(a.caller, shopA.id);
      const eb = await explanationOf(b.caller, shopB.id);
      expect(Math.abs((ea.overall ?? Number.NaN) - (eb.overall ?? Number.NaN))).toBeLessThan(1e-9);
      const indicators = (e: typeof ea) => e.dimensions.flatMap((d) => d.indicators.map((x) => [x.code, x.value, x.percentile] as const));
      for (const [[code, va, pa], [, vb, pb]] of indicators(ea).map((x, k) => [x, indicators(eb)[k] ?? x] as const)) {
        expect(Math.abs((va ?? 0) - (vb ?? 0)), code).toBeLessThan(1e-9);
        expect(Math.abs((pa ?? 0) - (pb ?? 0)), code).toBeLessThan(1e-9);
      }
    }
    const rate = (e: typeof before) => e.dimensions.flatMap((d) => d.indicators).find((x) => x.code === "good_review_rate")?.value;
    // Not vacuous: the exemption moved the indicator it belongs to.
    expect(rate(after)).not.toBe(rate(before));

    // The drill-down no longer lists the exempt review, and its lines still sum to the explanation's numerator.
    const scope = systemScope(a.org.orgId);
    const drill = await withTenant(t.handle, { orgId: a.org.orgId }, (tx) => indicatorFacts(tx, scope, { kind: "shop", id: shop.id, indicator: "good_review_rate", day: today }));
    expect(drill.lines.some((line) => line.fact.kind === "review" && reviewFactKey(line.fact.review.orderId, line.fact.review.reviewedAt) === factKey)).toBe(false);
    const numerator = drill.lines.reduce((sum, line) => sum + line.numerator, 0);
    const stated = after.dimensions.flatMap((d) => d.indicators).find((x) => x.code === "good_review_rate")?.numerator ?? Number.NaN;
    expect(Math.abs(numerator - stated)).toBeLessThan(1e-9);
    // The ledger shows it exempt; the upheld appeal counts as handled today.
    expect(await withTenant(t.handle, { orgId: a.org.orgId }, (tx) => handledQueueItems(tx, a.org.orgId, { kind: "shop", id: shop.id }, today, today))).toEqual([{ day: today, reviewsResolved: 0, appealsUpheld: 1 }]);

    // Rejected after all: the exemption goes and the score is what it was.
    expect(await a.caller.queues.decideAppeal({ id, outcome: "rejected" })).toEqual({ factsChanged: true });
    const restored = await explanationOf(a.caller, shop.id);
    expect(Math.abs((restored.overall ?? Number.NaN) - (before.overall ?? Number.NaN))).toBeLessThan(1e-9);
  }, 600_000);

  it("refuses an appeal naming a fact the shop does not have, and a penalty needs no fact", async () => {
    const owner = await ownerWithOrg(t.handle, "appeal-c");
    const shop = await owner.caller.shops.create({ name: "申诉店C", category: "服饰内衣" });
    await expect(owner.caller.queues.createAppeal({ shopId: shop.id, subject: "complaint", factKey: "no-such-case", reason: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const { id } = await owner.caller.queues.createAppeal({ shopId: shop.id, subject: "penalty", factKey: "WG-2026-001", reason: "虚假发货判罚有误" });
    expect(await owner.caller.queues.decideAppeal({ id, outcome: "upheld" })).toEqual({ factsChanged: false });
    expect((await owner.caller.queues.appeals({})).map((x) => [x.id, x.outcome])).toEqual([[id, "upheld"]]);
  });
});
