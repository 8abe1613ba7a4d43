import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, rollupDirty, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/lib/errors";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { saveParameters } from "@/server/parameters/entries";
import { scoreShopsUnderCurrentRules } from "@/server/scoring/current/service";
import { createUser } from "@/server/users/service";
import { callerFor, ownerWithOrg, trpcCodeOf } from "../../helpers/callers";
import { syntheticFactRows, syntheticShop, type IndicatorTargets } from "../../helpers/synthetic-current";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/** An organisation's own cut-offs and weights under douyin-shop-2026-07: validated, explained number by number, and used by the score. */

const DAY = "2026-06-01";
const RULE_SET = "douyin-shop-2026-07";
const BASE: IndicatorTargets = {
  product_rating: 4.7,
  quality_return_rate: 0.01,
  pickup_time_score: 90,
  delivery_ontime_rate: 0.9,
  fulfilment_return_rate: 0.005,
  aftersale_review_hours: 10,
  chat_response_seconds: 45,
  chat_dissatisfaction_rate: 0.05,
  platform_escalation_rate: 0.1,
};

let t: TestDatabase;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let viewer: Awaited<ReturnType<typeof callerFor>>;
const shopIds: string[] = [];
let julyShopId = "";

async function memberCaller(role: "viewer" | "analyst" | "admin") {
  const invite = await owner.caller.members.invite({ role, shopIds: [] });
  const user = await createUser(t.handle, { email: `${role}-${Date.now()}@example.test`, password: "correct horse battery", name: role });
  await (await callerFor(t.handle, user.id)).auth.acceptInvitation({ token: invite.token });
  return callerFor(t.handle, user.id, owner.org.orgId);
}

beforeAll(async () => {
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "entries");
  viewer = await memberCaller("viewer");
  const orgId = owner.org.orgId;
  // Three shops of one category, on-time delivery 0.80 / 0.90 / 1; 60 orders each (formal stage).
  for (const [i, ontime] of [0.8, 0.9, 1].entries()) {
    const shop = syntheticShop({ key: `e${i}`, categoryCode: "food_drink", day: DAY, orders: 60, targets: { ...BASE, delivery_ontime_rate: ontime } });
    const id = await withTenant(t.handle, { orgId }, async (tx) => {
      const [row] = await tx.insert(shops).values({ orgId, externalId: shop.key, name: shop.key, categoryCode: "food_drink" }).returning({ id: shops.id });
      if (!row) throw new Error("no shop");
      await insertShopFacts(tx, orgId, row.id, syntheticFactRows(shop));
      return row.id;
    });
    shopIds.push(id);
  }
  // A shop scored under the July rules itself (its stored scores use the entries), of the same category; no facts.
  const scoredUnderJuly = await owner.caller.shops.create({ name: "七月规则店", category: "food_drink", ruleSet: RULE_SET });
  julyShopId = scoredUnderJuly.id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const score = async () => {
  const scored = await scoreShopsUnderCurrentRules(t.handle, { orgId: owner.org.orgId, ruleSetName: RULE_SET, day: DAY });
  return shopIds.map((id) => {
    const found = scored.find((s) => s.shop.id === id)?.score;
    if (!found) throw new Error(`shop ${id} not scored`);
    return found;
  });
};

const noEntries = { ruleSet: RULE_SET, category: "food_drink" } as const;

describe("organisation entries (评分参数)", () => {
  it("refuses cut-offs that do not run from the best band to the worst, the wrong number of them, and partial or unbalanced weights", async () => {
    const save = (input: object) => owner.caller.parameters.save({ ...noEntries, ...input });
    const fieldOf = async (promise: Promise<unknown>) => {
      try {
        await promise;
        return "saved";
      } catch (error) {
        // The field the error names: an AppError's, or the first zod issue's path.
        const cause = error instanceof TRPCError ? error.cause : error;
        if (cause instanceof AppError) return cause.details.field ?? cause.messageKey;
        if (cause instanceof ZodError) return cause.issues[0]?.path.join(".") ?? "zod";
        return String(error);
      }
    };
    // Higher is better for on-time delivery: cut-offs must not rise towards the worse bands.
    expect(await fieldOf(save({ indicators: { delivery_ontime_rate: { cutoffs: [0.9, 0.95, 0.8, 0.7, 0.6], weight: null } } }))).toBe("indicators.delivery_ontime_rate.cutoffs");
    // Lower is better for the return rate: they must not fall.
    expect(await fieldOf(save({ indicators: { quality_return_rate: { cutoffs: [0.05, 0.04, 0.03, 0.02, 0.01], weight: null } } }))).toBe("indicators.quality_return_rate.cutoffs");
    expect(await fieldOf(save({ indicators: { quality_return_rate: { cutoffs: [0.01, 0.02], weight: null } } }))).toBe("indicators.quality_return_rate.cutoffs");
    expect(await fieldOf(save({ indicators: { avg_pickup_hours: { cutoffs: [1, 2, 3, 4, 5], weight: null } } }))).toBe("indicators.avg_pickup_hours.cutoffs");
    expect(await fieldOf(save({ indicators: { product_rating: { cutoffs: null, weight: 0 }, quality_return_rate: { cutoffs: null, weight: 1 } } }))).toBe("indicators.product_rating.weight");
    // Weights are relative within a dimension: all of its indicators, or none.
    expect(await fieldOf(save({ indicators: { product_rating: { cutoffs: null, weight: 0.7 } } }))).toBe("indicators.quality_return_rate.weight");
    expect(await fieldOf(save({ dimensions: { product: { weight: 0.5 }, logistics: { weight: 0.3 }, service: { weight: 0.3 } } }))).toBe("dimensions.product.weight");
    expect(await fieldOf(save({ dimensions: { product: { weight: 0.5 }, logistics: { weight: 0.5 } } }))).toBe("dimensions.service.weight");
    // The September rules score dimensions by percentile: no value cut-offs there.
    expect(await fieldOf(owner.caller.parameters.save({ ruleSet: "douyin-shop-2026-09", category: "food_drink", indicators: { product_rating: { cutoffs: [4.8, 4.6, 4.4, 4.2, 4], weight: null } } }))).toBe("indicators.product_rating.cutoffs");
    expect(await fieldOf(owner.caller.parameters.save({ ruleSet: "douyin-shop-v1" as never, category: "food_drink" }))).toBe("ruleSet");
    expect(await fieldOf(save({ category: "no-such-category" }))).toBe("category");
    // Nothing was stored.
    expect((await owner.caller.parameters.get(noEntries)).updatedAt).toBeNull();
  });

  it("an entered cut-off moves a shop's band, and only administrators may enter one", async () => {
    const before = await score();
    expect(before.every((s) => s.state === "formal")).toBe(true);
    expect(before.map((s) => s.indicators.delivery_ontime_rate?.bandSource)).toEqual(["default", "default", "default"]);
    const cutoffs = [0.99, 0.97, 0.95, 0.92, 0.85];
    const input = { ...noEntries, indicators: { delivery_ontime_rate: { cutoffs, weight: null } } };
    expect(await trpcCodeOf(viewer.parameters.save(input))).toBe("FORBIDDEN");
    // Saved; the shop whose stored scores are under these rules is rescored (inline here, without a queue).
    expect(await owner.caller.parameters.save(input)).toEqual({ categoryCode: "food_drink", saved: 1, shopsToRescore: 1 });
    // The domain marks it in the saving transaction, for the rescore that follows the commit.
    const marks = await withTenant(t.handle, { orgId: owner.org.orgId }, async (tx) => {
      await tx.delete(rollupDirty).where(eq(rollupDirty.orgId, owner.org.orgId));
      await saveParameters(tx, { orgId: owner.org.orgId, userId: null }, input);
      return tx.select().from(rollupDirty).where(eq(rollupDirty.orgId, owner.org.orgId));
    });
    expect(marks.map((m) => m.entityId)).toEqual([julyShopId]);
    const after = await score();
    // 0.80 < 0.85 → 50; 0.90 ≥ 0.85 → 60; 1 ≥ 0.99 → 100.
    expect(after.map((s) => s.indicators.delivery_ontime_rate?.band)).toEqual([50, 60, 100]);
    expect(after.map((s) => s.indicators.delivery_ontime_rate?.bandSource)).toEqual(["organisation", "organisation", "organisation"]);
    // The logistics dimension (three equal weights) and the total follow the band.
    const logistics = (s: (typeof after)[number]) => s.dimensions.logistics?.score ?? Number.NaN;
    for (const [i, s] of after.entries()) {
      const delta = (s.indicators.delivery_ontime_rate?.band ?? 0) - (before[i]?.indicators.delivery_ontime_rate?.band ?? 0);
      expect(logistics(s) - logistics(before[i] ?? s)).toBeCloseTo(delta / 3, 9);
      expect((s.score100 ?? 0) - (before[i]?.score100 ?? 0)).toBeCloseTo((0.3 * delta) / 3, 9);
    }
    const [entry] = await withTenant(t.handle, { orgId: owner.org.orgId }, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.orgId, owner.org.orgId), eq(auditLog.action, "parameters.change"))));
    expect(entry?.data).toMatchObject({ ruleSet: RULE_SET, categoryCode: "food_drink", cutoffs: { delivery_ontime_rate: cutoffs } });
  });

  it("entered weights replace the defaults, and every number says where it comes from", async () => {
    await owner.caller.parameters.save({
      ...noEntries,
      dimensions: { product: { weight: 0.5 }, logistics: { weight: 0.2 }, service: { weight: 0.3 } },
      indicators: {
        delivery_ontime_rate: { cutoffs: [0.99, 0.97, 0.95, 0.92, 0.85], weight: null },
        product_rating: { cutoffs: null, weight: 3 },
        quality_return_rate: { cutoffs: null, weight: 1 },
      },
    });
    const [first] = await score();
    expect(first?.dimensions.product).toMatchObject({ weight: 0.5, weightSource: "organisation" });
    expect(first?.indicators.product_rating).toMatchObject({ weight: 0.75, weightSource: "organisation" });
    expect(first?.indicators.quality_return_rate).toMatchObject({ weight: 0.25, weightSource: "organisation" });
    expect(first?.indicators.pickup_time_score?.weightSource).toBe("default");

    const view = await viewer.parameters.get(noEntries);
    expect(view.bands).toEqual([100, 90, 80, 70, 60, 50]);
    expect(view.defaultPercentiles).toEqual([0.9, 0.7, 0.5, 0.3, 0.1]);
    const product = view.dimensions.find((d) => d.code === "product");
    expect(product?.weight).toMatchObject({ value: 0.5, source: "organisation", origin: "entered" });
    expect(product?.indicators.find((i) => i.code === "product_rating")?.weight).toMatchObject({ value: 3, source: "organisation", origin: "entered" });
    const logistics = view.dimensions.find((d) => d.code === "logistics");
    expect(logistics?.indicators.find((i) => i.code === "delivery_ontime_rate")?.cutoffs).toMatchObject({ value: [0.99, 0.97, 0.95, 0.92, 0.85], source: "organisation", origin: "entered" });
    expect(logistics?.indicators.find((i) => i.code === "pickup_time_score")).toMatchObject({ cutoffs: { value: null, source: "default" }, weight: { value: 1, source: "default" } });
    expect(await viewer.parameters.categories()).toEqual([{ ruleSet: RULE_SET, categoryCode: "food_drink" }]);

    // 3C数码 has published service weights (25/25/25/25): the platform's figure until the organisation enters its own.
    const digital = await viewer.parameters.get({ ruleSet: RULE_SET, category: "3C数码" });
    const service = digital.dimensions.find((d) => d.code === "service");
    expect(service?.indicators.map((i) => [i.code, i.weight.value, i.weight.source])).toEqual([
      ["aftersale_review_hours", 25, "published"],
      ["chat_response_seconds", 25, "published"],
      ["chat_dissatisfaction_rate", 25, "published"],
      ["platform_escalation_rate", 25, "published"],
    ]);
    expect(digital.category).toEqual({ code: "digital", nameZh: "3C数码", nameEn: "3C Digital" });

    // Saving the set again without a number takes it back to the default.
    await owner.caller.parameters.save({ ...noEntries, indicators: { delivery_ontime_rate: { cutoffs: [0.99, 0.97, 0.95, 0.92, 0.85], weight: null } } });
    const [again] = await score();
    expect(again?.dimensions.product).toMatchObject({ weight: 0.4, weightSource: "default" });
    expect(again?.indicators.delivery_ontime_rate?.bandSource).toBe("organisation");
  });
});
