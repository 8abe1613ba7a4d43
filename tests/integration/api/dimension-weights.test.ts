import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { translateError } from "@/server/lib/i18n";
import { addDays, shanghaiMidnight, todayInShanghai } from "@/server/lib/time";
import { createUser } from "@/server/users/service";
import { callerFor, jobQueueFor, ownerWithOrg, QUEUE_MODES, whenRecalculated } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe.each(QUEUE_MODES)("dimension weight overrides (%s)", (mode) => {
  const queue = jobQueueFor(mode, () => t.handle);
  it("an admin sets them per category; the shop is rescored with them and the explanation says so", async () => {
    const { org, caller } = await ownerWithOrg(t.handle, `weights-${mode}`, queue.boss);
    const today = todayInShanghai();
    const created = [];
    for (let i = 0; i < 3; i++) {
      const shop = await caller.shops.create({ name: `美妆 ${i}`, category: "美妆" });
      created.push(shop);
      const facts = generateShopFacts({
        seed: 40 + i,
        keyPrefix: `w${i}`,
        firstDay: addDays(today, -60),
        days: 60,
        ordersPerDay: 3,
        notAfter: shanghaiMidnight(today),
      });
      await withTenant(t.handle, { orgId: org.orgId }, (tx) =>
        insertShopFacts(tx, org.orgId, shop.id, facts),
      );
    }
    const shopId = created[0]?.id ?? "";

    // Invalid weights are refused field by field, in the caller's language.
    const bad = await caller.scores
      .setDimensionWeights({
        ruleSet: "douyin-shop-v1",
        category: "美妆",
        weights: { product: 0.5, logistics: 0.3, service: 0.3 },
      })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TRPCError);
    expect((bad as TRPCError).code).toBe("BAD_REQUEST");
    const issue = JSON.stringify((bad as TRPCError).cause);
    expect(issue).toContain("errors.weightsSum");
    expect(translateError("en", "errors.weightsSum")).toContain("add up to 1");
    expect(translateError("zh-CN", "errors.weightsSum")).toContain("之和必须为 1");
    await expect(
      caller.scores.setDimensionWeights({
        ruleSet: "no-such-rule-set",
        category: "美妆",
        weights: null,
      }),
    ).rejects.toThrow();

    const result = await caller.scores.setDimensionWeights({
      ruleSet: "douyin-shop-v1",
      category: "美妆",
      weights: { product: 0.6, logistics: 0.2, service: 0.2 },
    });
    expect(result).toEqual({ categoryCode: "beauty", shopsToRescore: 3 });
    expect(await caller.scores.dimensionWeights()).toEqual([
      {
        ruleSet: "douyin-shop-v1",
        categoryCode: "beauty",
        weights: { product: 0.6, logistics: 0.2, service: 0.2 },
      },
    ]);

    const score = await whenRecalculated(() => caller.scores.shop({ id: shopId }));
    expect(score.latest?.day).toBe(today);
    const explanation = score.latest?.explanation;
    expect(explanation?.dimensionWeightsOverridden).toBe(true);
    expect(explanation?.dimensions.map((d) => [d.code, d.weight, d.ruleSetWeight])).toEqual([
      ["product", 0.6, 0.4],
      ["logistics", 0.2, 0.3],
      ["service", 0.2, 0.3],
    ]);
    if (explanation?.state === "scored") {
      const weighted = explanation.dimensions.reduce(
        (sum, d) => sum + d.weight * (d.score ?? 0),
        0,
      );
      expect(explanation.overall).toBeCloseTo(weighted, 12);
    }

    // Clearing goes back to the rule set's weights.
    await caller.scores.setDimensionWeights({
      ruleSet: "douyin-shop-v1",
      category: "beauty",
      weights: null,
    });
    expect(await caller.scores.dimensionWeights()).toEqual([]);
    const after = await whenRecalculated(() => caller.scores.shop({ id: shopId }));
    expect(after.latest?.explanation.dimensionWeightsOverridden).toBe(false);
  }, 300_000);
});

describe("dimension weight overrides", () => {
  it("analysts and viewers cannot change them", async () => {
    const { org } = await ownerWithOrg(t.handle, "weights-roles");
    for (const role of ["analyst", "viewer"] as const) {
      const user = await createUser(t.handle, {
        email: `${role}-${Date.now()}@example.test`,
        password: "correct horse battery",
        name: role,
      });
      await withTenant(t.handle, { orgId: org.orgId }, (tx) =>
        tx.insert(memberships).values({ orgId: org.orgId, userId: user.id, role }),
      );
      const caller = await callerFor(t.handle, user.id, org.orgId);
      await expect(
        caller.scores.setDimensionWeights({
          ruleSet: "douyin-shop-v1",
          category: "美妆",
          weights: null,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await caller.scores.dimensionWeights()).toEqual([]);
    }
  });
});
