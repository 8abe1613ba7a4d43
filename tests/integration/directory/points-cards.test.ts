import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { runDirectoryMatcher } from "@/server/directory/matcher";
import { getRuleSetView } from "@/server/scoring/rule-sets";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { ownerWithOrg } from "../../helpers/callers";
import { codeOf, insertCards } from "./helpers";

/**
 * Cards of shops under the 100-point and SPS rule sets: published on their own scale (never read
 * as a 5-point score), and score filters that compare only cards of one scale.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const DAY = "2026-05-20";

describe("cards of shops under today's rules", () => {
  it("publish the stored 100-point or SPS score with the scale and rule set; cards of the 5-point rules keep theirs", async () => {
    const owner = await ownerWithOrg(t.handle, "points-publisher");
    const reader = await ownerWithOrg(t.handle, "points-reader");
    const orgId = owner.org.orgId;
    const ruleSets = ["douyin-shop-2026-07", "tiktok-shop-sps", "douyin-shop-v1"] as const;
    const shops = [];
    for (const [i, ruleSet] of ruleSets.entries()) {
      const shop = await owner.caller.shops.create({ name: `规则卡 ${ruleSet}`, category: "apparel", externalId: `points-card-${i}`, ruleSet });
      await withTenant(t.handle, { orgId }, (tx) =>
        insertShopFacts(tx, orgId, shop.id, generateShopFacts({ seed: 40 + i, keyPrefix: `points-card-${i}`, firstDay: "2026-01-20", days: 120, ordersPerDay: 6, current: true })),
      );
      shops.push({ shop, ruleSet });
    }
    await rescoreOrganisation(t.handle, orgId, DAY);
    const cards = [];
    for (const { shop, ruleSet } of shops) {
      const listed = await owner.caller.directory.list({ kind: "shop", id: shop.id, fields: ["overall", "dimensions", "ruleSet", "trend"] });
      const stored = (await owner.caller.scores.shop({ id: shop.id })).latest?.explanation;
      expect(stored?.state, ruleSet).toBe("scored");
      const page = await reader.caller.directory.search({ pageSize: 200 });
      const card = page.cards.find((c) => c.card === listed.cardId);
      const view = getRuleSetView(ruleSet);
      // The entity page's shown score, on the rule set's own scale, with its decimals and rule set.
      expect(card, ruleSet).toMatchObject({ overall: stored?.overallShown, ruleSet, scale: view.scoreBounds, scoreDecimals: view.displayDecimals, day: DAY });
      expect(Object.values(card?.dimensions ?? {}).filter((v) => typeof v === "number")).toHaveLength(3);
      cards.push(card);
    }
    const [hundred, sps, five] = cards;
    expect(hundred?.scale).toEqual({ min: 50, max: 100 });
    expect(hundred?.overall).toBeGreaterThanOrEqual(50);
    expect(sps?.scale).toEqual({ min: 0, max: 5 });
    expect(sps?.overall).toBeLessThanOrEqual(5);
    expect(five?.scale).toEqual({ min: 3, max: 5 });
    // The 100-point card's trend is in 100-point steps: its dimension values are on that scale too.
    for (const value of Object.values(hundred?.dimensions ?? {})) expect(value).toBeGreaterThanOrEqual(5);
  }, 300_000);
});

describe("score filters keep to one scale", () => {
  it("reads bounds on the chosen scale (5 when none), refuses a bound above it, and sorts mixed scales by their share", async () => {
    const seller = await ownerWithOrg(t.handle, "scale-seller");
    const buyer = await ownerWithOrg(t.handle, "scale-buyer");
    await insertCards(t.handle, seller.org.orgId, [
      { name: "五分高", category: "fresh", overall: 4.8, goodReviewRate: 0.95, day: DAY },
      { name: "五分低", category: "fresh", overall: 4.2, goodReviewRate: 0.9, day: DAY },
      { name: "百分高", category: "fresh", overall: 85, goodReviewRate: 0.95, day: DAY, ruleSet: "douyin-shop-2026-07", scale: { min: 50, max: 100 } },
      { name: "百分低", category: "fresh", overall: 60, product: 70, goodReviewRate: 0.9, day: DAY, ruleSet: "douyin-shop-2026-09", scale: { min: 0, max: 100 } },
      { name: "SPS", category: "fresh", overall: 4.5, goodReviewRate: 0.92, day: DAY, ruleSet: "tiktok-shop-sps", scale: { min: 0, max: 5 } },
    ]);
    const names = async (input: Parameters<typeof buyer.caller.directory.search>[0]) =>
      (await buyer.caller.directory.search({ category: "fresh", pageSize: 50, ...input })).cards.map((c) => c.name);

    // No scale named: a bound is a 5-point one; 85 of 100 is not "≥ 4.5".
    expect((await names({ minScore: 4.5 })).sort()).toEqual(["SPS", "五分高"].sort());
    expect((await names({ minDimensions: { product: 4.5 } })).sort()).toEqual(["SPS", "五分高"].sort());
    // The 100-point scale chosen: its bounds are 100-point ones, and 5-point cards are left out.
    expect(await names({ scale: 100, minScore: 80 })).toEqual(["百分高"]);
    expect((await names({ scale: 100, minDimensions: { product: 65 } })).sort()).toEqual(["百分低", "百分高"].sort());
    expect((await names({ scale: 100 })).sort()).toEqual(["百分低", "百分高"].sort());
    expect((await names({ scale: 5 })).sort()).toEqual(["SPS", "五分低", "五分高"].sort());
    // A 100-point bound on the 5-point scale is a mistake, said in words, not an empty page.
    expect(await codeOf(buyer.caller.directory.search({ minScore: 80 }))).toBe("BAD_REQUEST");
    expect(await codeOf(buyer.caller.directory.search({ scale: 5, minDimensions: { service: 70 } }))).toBe("BAD_REQUEST");
    // Every scale: the score sorts by its share of the scale (4.8/5 = 0.96, 4.5/5 = 0.9, 85/100, 4.2/5 = 0.84, 60/100).
    expect(await names({ sort: "score", descending: true })).toEqual(["五分高", "SPS", "百分高", "五分低", "百分低"]);
    // One scale: as the scores are.
    expect(await names({ scale: 100, sort: "score", descending: false })).toEqual(["百分低", "百分高"]);
  });

  it("judges a saved search's bar on its scale only, and tells scores with their scale", async () => {
    const seller = await ownerWithOrg(t.handle, "bar-seller");
    const team = await ownerWithOrg(t.handle, "bar-team");
    const [fivePoint, hundred] = await insertCards(t.handle, seller.org.orgId, [
      { name: "门槛五分", category: "beauty", overall: 4.8, goodReviewRate: 0.95, day: DAY },
      { name: "门槛百分", category: "beauty", overall: 72, goodReviewRate: 0.95, day: DAY, ruleSet: "douyin-shop-2026-07", scale: { min: 50, max: 100 } },
    ]);
    expect(await codeOf(team.caller.directory.saveSearch({ name: "百分制 80", filter: { category: "beauty" }, bar: { minScore: 80 } }))).toBe("BAD_REQUEST");
    await team.caller.directory.saveSearch({ name: "百分制 80", filter: { category: "beauty", scale: 100 }, bar: { minScore: 80 } });
    const list = await team.caller.directory.createShortlist({ name: "两种分制" });
    for (const card of [fivePoint, hundred]) await team.caller.directory.addToShortlist({ shortlistId: list.id, cardId: card?.id ?? "" });
    await runDirectoryMatcher(t.handle, DAY);
    const below = (await team.caller.notifications.list()).filter((n) => n.messageKey === "notifications.directoryBelowBar");
    // The 5-point card's 4.8 is not "under 80": only the 100-point card is.
    expect(below.map((n) => [n.params.name, n.params.overall])).toEqual([["门槛百分", "72.0/100"]]);
  });
});
