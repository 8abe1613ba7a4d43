import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { markShopFactsChanged } from "@/server/scoring/refresh";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { ownerWithOrg, trpcCodeOf } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

const D = "2026-06-01";
const SHOPS = 24;
let t: TestDatabase;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
const shopIds: string[] = [];
let creatorId = "";

beforeAll(async () => {
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "insight");
  const orgId = owner.org.orgId;
  const creator = await owner.caller.creators.create({ name: "达人 Insight", category: "beauty", externalId: "insight-author" });
  creatorId = creator.id;
  for (let i = 0; i < SHOPS; i++) {
    const shop = await owner.caller.shops.create({ name: `店 ${i}`, category: "beauty", externalId: `w${i}` });
    shopIds.push(shop.id);
  }
  await withTenant(t.handle, { orgId }, async (tx) => {
    for (const [i, shopId] of shopIds.entries()) {
      const facts = generateShopFacts({ seed: 500 + i, keyPrefix: `w${i}`, firstDay: addDays(D, -100), days: 100, ordersPerDay: 3, authorIds: ["insight-author"], notAfter: shanghaiMidnight(D) });
      await insertShopFacts(tx, orgId, shopId, facts);
      await markShopFactsChanged(tx, orgId, shopId, null);
    }
  });
  await rescoreOrganisation(t.handle, orgId, D);
}, 600_000);
afterAll(async () => {
  await t?.close();
});

const shopCaller = () => owner.caller.shops;

describe("what-if", () => {
  it("with today's values (any subset restated, or counts of zero) reproduces today's stored score exactly", async () => {
    const shopId = shopIds[3] ?? "";
    const stored = await owner.caller.scores.shop({ id: shopId });
    const today = stored.latest?.explanation.overall;
    expect(typeof today).toBe("number");
    const base = await shopCaller().whatIf({ id: shopId, changes: [] });
    expect(base.before.overall).toBe(today);
    expect(base.after.overall).toBe(today);
    const present = base.indicators.filter((i) => i.value !== null);
    await fc.assert(
      fc.asyncProperty(fc.subarray(present), fc.boolean(), async (chosen, asCounts) => {
        const changes = chosen.map((i) => (asCounts && i.countable ? { indicator: i.code, countDelta: 0 } : { indicator: i.code, value: i.value ?? 0 }));
        const result = await shopCaller().whatIf({ id: shopId, changes });
        expect(result.after.overall).toBe(today);
        expect(result.after.dimensions).toEqual(base.before.dimensions);
      }),
      { numRuns: 15 },
    );
  }, 300_000);

  it("moves the score the right way: more good reviews raise it, more quality returns lower it", async () => {
    for (const shopId of shopIds.slice(0, 6)) {
      const better = await shopCaller().whatIf({ id: shopId, changes: [{ indicator: "good_review_rate", countDelta: 300 }, { indicator: "quality_return_rate", countDelta: -1000 }] });
      const worse = await shopCaller().whatIf({ id: shopId, changes: [{ indicator: "good_review_rate", value: 0 }, { indicator: "quality_return_rate", countDelta: 40 }] });
      const now = better.before.overall ?? Number.NaN;
      expect(better.after.overall ?? Number.NaN).toBeGreaterThanOrEqual(now);
      expect(worse.after.overall ?? Number.NaN).toBeLessThan(now);
      expect(better.after.indicators.quality_return_rate?.value).toBe(0);
    }
  }, 300_000);

  it("works for creator accounts alike, and refuses an unknown indicator or a count on a mean", async () => {
    const creator = await owner.caller.creators.whatIf({ id: creatorId, changes: [{ indicator: "complaint_rate", value: 0 }] });
    expect(creator.ruleSet).toBe("douyin-creator-v1");
    expect(creator.indicators.map((i) => i.code)).not.toContain("im_3min_reply_rate");
    expect(await trpcCodeOf(owner.caller.creators.whatIf({ id: creatorId, changes: [{ indicator: "im_3min_reply_rate", value: 1 }] }))).toBe("BAD_REQUEST");
    expect(await trpcCodeOf(shopCaller().whatIf({ id: shopIds[0] ?? "", changes: [{ indicator: "avg_delivery_hours", countDelta: 3 }] }))).toBe("BAD_REQUEST");
    expect(await trpcCodeOf(shopCaller().whatIf({ id: creatorId, changes: [] }))).toBe("NOT_FOUND");
  }, 300_000);
});

describe("gap to threshold", () => {
  it("names per indicator the nearest value that reaches the target, and a combined change in counts that reaches it", async () => {
    let checked = 0;
    for (const shopId of shopIds) {
      const base = await shopCaller().whatIf({ id: shopId, changes: [] });
      const shown = base.before.shown?.shown;
      if (shown === undefined) continue;
      // The next threshold of the rule set's scale above today's shown score.
      const target = base.scale.thresholds.map((th) => th.minScore).filter((m): m is number => m !== null && m > shown).sort((a, b) => a - b)[0];
      if (target === undefined) continue;
      const { gap } = await shopCaller().gap({ id: shopId, target });
      expect(gap.status).toBe("gap");
      if (gap.status !== "gap") continue;
      for (const single of gap.single) {
        if (single.needed === null) continue;
        const reached = await shopCaller().whatIf({ id: shopId, changes: [{ indicator: single.code, value: single.needed }] });
        expect(reached.after.shown?.shown ?? 0, single.code).toBeGreaterThanOrEqual(target);
        if (single.count !== null) {
          const byCount = await shopCaller().whatIf({ id: shopId, changes: [{ indicator: single.code, countDelta: single.count }] });
          expect(byCount.after.shown?.shown ?? 0, `${single.code} by ${single.count}`).toBeGreaterThanOrEqual(target);
        }
      }
      if (gap.combined) {
        const counts = gap.combined.steps.map((s) => Math.abs(s.count));
        expect(counts).toEqual([...counts].sort((a, b) => a - b));
        const combined = await shopCaller().whatIf({ id: shopId, changes: gap.combined.steps.map((s) => ({ indicator: s.code, countDelta: s.count })) });
        expect(combined.after.shown?.shown ?? 0).toBeGreaterThanOrEqual(target);
      }
      checked += 1;
      if (checked >= 3) break;
    }
    expect(checked).toBeGreaterThan(0);
  }, 300_000);

  it("says reached when the target is at or under today's shown score", async () => {
    const shopId = shopIds[0] ?? "";
    const { gap } = await shopCaller().gap({ id: shopId, target: 3 });
    expect(gap.status).toBe("reached");
  }, 300_000);
});
