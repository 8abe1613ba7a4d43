import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships, scoreSnapshots } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { updateEntity } from "@/server/entities/service";
import { systemScope } from "@/server/lib/scope";
import { createUser } from "@/server/users/service";
import { callerFor } from "../../helpers/callers";
import { loadCurrentSamples, loadExpectedCurrent } from "../../helpers/current-samples";
import { loadCurrentSamplesIntoDb, type LoadedCurrentSamples } from "../../helpers/load-current-samples-into-db";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/**
 * 对比规则 (issue 16): a 5-point shop's days recomputed under a 100-point rule set through the
 * router, as the independent implementation scores them, with nothing stored as a score; members
 * of another organisation read nothing; the shop's own rule set and 5-point rule sets are refused.
 */
const DAY = "2026-05-20";
let t: TestDatabase;
let loaded: LoadedCurrentSamples;
const samples = loadCurrentSamples();
const shopIdOf = (key: string) => [...loaded.shopKeyOf].find(([, k]) => k === key)?.[0] ?? "";

async function viewerOf(orgKey: string) {
  const orgId = loaded.orgIds.get(orgKey) ?? "";
  const user = await createUser(t.handle, { email: `compare-${orgKey}-${Date.now()}@example.test`, password: "correct horse battery", name: `viewer ${orgKey}` });
  await withTenant(t.handle, { orgId }, (tx) => tx.insert(memberships).values({ orgId, userId: user.id, role: "viewer" }));
  return { orgId, caller: await callerFor(t.handle, user.id, orgId) };
}

beforeAll(async () => {
  t = await openTestDatabase({ peerMinOrgs: 1 });
  loaded = await loadCurrentSamplesIntoDb(t.handle, samples);
}, 900_000);
afterAll(async () => {
  await t?.close();
});

describe("scores.compareShop", () => {
  it("recomputes a douyin-shop-v1 shop under douyin-shop-2026-07 as the expected file has it, storing no snapshot", async () => {
    const { orgId, caller } = await viewerOf("org1");
    const shopId = shopIdOf("b01");
    expect((await caller.shops.get({ id: shopId })).ruleSet).toBe("douyin-shop-v1");
    const expected = loadExpectedCurrent("douyin-shop-2026-07").b01 as { score100: number; score5: number; state: string };

    const comparison = await caller.scores.compareShop({ id: shopId, ruleSet: "douyin-shop-2026-07", to: DAY, days: 3 });
    expect(comparison).toMatchObject({ ownRuleSet: "douyin-shop-v1", from: "2026-05-18", to: DAY, ruleSet: { name: "douyin-shop-2026-07", scoreBounds: { min: 50, max: 100 } } });
    expect(comparison.days.map((d) => d.day)).toEqual(["2026-05-18", "2026-05-19", DAY]);
    const last = comparison.days.at(-1);
    expect(Math.abs((last?.overall ?? NaN) - expected.score100)).toBeLessThan(1e-9);
    expect(last).toMatchObject({ state: expected.state, score5: expected.score5 });
    expect(Object.keys(last?.dimensions ?? {}).sort()).toEqual(["logistics", "product", "service"]);

    const stored = await withTenant(t.handle, { orgId }, (tx) =>
      tx.select({ day: scoreSnapshots.day }).from(scoreSnapshots).where(and(eq(scoreSnapshots.orgId, orgId), eq(scoreSnapshots.entityId, shopId), eq(scoreSnapshots.ruleSet, "douyin-shop-2026-07"))),
    );
    expect(stored).toEqual([]);
  }, 600_000);

  it("lets no member of another organisation read it", async () => {
    const shopId = shopIdOf("b01");
    const otherOrgKey = [...loaded.orgIds.keys()].find((key) => key !== "org1") ?? "";
    const { caller } = await viewerOf(otherOrgKey);
    await expect(caller.scores.compareShop({ id: shopId, ruleSet: "douyin-shop-2026-07", to: DAY, days: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const intruder = await callerFor(t.handle, (await createUser(t.handle, { email: `intruder-${Date.now()}@example.test`, password: "correct horse battery", name: "intruder" })).id, loaded.orgIds.get("org1") ?? "");
    await expect(intruder.scores.compareShop({ id: shopId, ruleSet: "douyin-shop-2026-07", to: DAY, days: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses the shop's own rule set, 5-point and unknown rule sets, in words", async () => {
    const { orgId, caller } = await viewerOf("org1");
    // Another shop of b01's organisation, switched to today's 2026-09 rules.
    const switched = shopIdOf(samples.find((s) => s.orgKey === "org1" && s.key !== "b01")?.key ?? "");
    await withTenant(t.handle, { orgId }, (tx) => updateEntity(tx, systemScope(orgId), "shop", { id: switched, ruleSet: "douyin-shop-2026-09" }));
    const refusal = (ruleSet: string, id: string) => caller.scores.compareShop({ id, ruleSet, to: DAY, days: 1 });
    await expect(refusal("douyin-shop-2026-09", switched)).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { messageKey: "errors.compareOwnRuleSet" } });
    await expect(refusal("douyin-shop-v1.1", shopIdOf("b01"))).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { messageKey: "errors.compareNotPointsRuleSet" } });
    await expect(refusal("douyin-shop-v1", shopIdOf("b01"))).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { messageKey: "errors.compareNotPointsRuleSet" } });
    await expect(refusal("no-such-rules", shopIdOf("b01"))).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { messageKey: "errors.compareNotPointsRuleSet" } });
    await expect(caller.scores.compareShop({ id: shopIdOf("b01"), ruleSet: "douyin-shop-2026-07", to: "2099-01-01" })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { messageKey: "errors.scoreDayInFuture" } });
  });
});
