import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { scoreSnapshots } from "@/db/schema";
import { scoreExplanationSchema } from "@/lib/contracts/explanation";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { AppError } from "@/server/lib/errors";
import { translateError } from "@/server/lib/i18n";
import { logger } from "@/server/lib/logger";
import { addDays, shanghaiMidnight, todayInShanghai } from "@/server/lib/time";
import { refreshAllStaleRollups } from "@/server/scoring/refresh";
import { scoreOrganisationDay } from "@/server/scoring/service";
import { ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/**
 * What the score page reads back from score_snapshots.result: the explanation is checked against
 * its contract, older rows are upgraded from their rule set, and a damaged row is refused clearly.
 */
let t: TestDatabase;
let setup: Awaited<ReturnType<typeof scoredShop>>;
const today = todayInShanghai();

async function scoredShop() {
  const { org, caller } = await ownerWithOrg(t.handle, "explain");
  const shop = await caller.shops.create({ name: "美妆 解释", category: "美妆" });
  const facts = generateShopFacts({
    seed: 7,
    keyPrefix: "x",
    firstDay: addDays(today, -60),
    days: 60,
    ordersPerDay: 3,
    notAfter: shanghaiMidnight(today),
  });
  await withTenant(t.handle, { orgId: org.orgId }, (tx) => insertShopFacts(tx, org.orgId, shop.id, facts));
  await refreshAllStaleRollups(t.handle);
  const [record] = await scoreOrganisationDay(t.handle, { orgId: org.orgId, kind: "shop", day: today });
  if (!record) throw new Error("the shop was not scored");
  return { orgId: org.orgId, shopId: shop.id, caller, stored: record.explanation };
}

async function storeResult(result: Record<string, unknown>) {
  await withTenant(t.handle, { orgId: setup.orgId }, (tx) =>
    tx
      .update(scoreSnapshots)
      .set({ result })
      .where(and(eq(scoreSnapshots.orgId, setup.orgId), eq(scoreSnapshots.entityId, setup.shopId), eq(scoreSnapshots.day, today))),
  );
}

/** The stored explanation as a plain JSON object, to damage or age. */
function storedJson(): Record<string, unknown> & { ruleSet: Record<string, unknown>; dimensions: Record<string, unknown>[] } {
  return JSON.parse(JSON.stringify(setup.stored)) as ReturnType<typeof storedJson>;
}

beforeAll(async () => {
  t = await openTestDatabase();
  setup = await scoredShop();
});
afterAll(async () => {
  await t?.close();
});

describe("stored score explanations", () => {
  it("are served as stored, and history and portfolio show the same shown score and band", async () => {
    expect(setup.stored.state).toBe("scored");
    const score = await setup.caller.scores.shop({ id: setup.shopId });
    const explanation = score.latest?.explanation;
    expect(explanation).toEqual(setup.stored);
    expect(scoreExplanationSchema.safeParse(explanation).success).toBe(true);
    expect(score.history.at(-1)).toMatchObject({ day: today, overallShown: setup.stored.overallShown });
    const row = (await setup.caller.portfolio.page({})).rows.find((r) => r.id === setup.shopId);
    expect(row?.overall).toEqual({ shown: setup.stored.overallShown, band: setup.stored.band });
    expect(row?.scale).toEqual({
      scoreBounds: setup.stored.ruleSet.scoreBounds,
      thresholds: setup.stored.ruleSet.thresholds,
      displayDecimals: setup.stored.ruleSet.displayDecimals,
    });
    expect(row?.dimensions.map((d) => d.score)).toEqual(setup.stored.dimensions.map((d) => (d.scoreShown === null ? null : { shown: d.scoreShown, band: d.band })));
  });

  it("stays readable when stored before the display fields: they come from the row's rule set", async () => {
    const older = storedJson();
    delete older.ruleSet.displayDecimals;
    for (const dimension of older.dimensions) {
      delete dimension.scoreShown;
      delete dimension.band;
    }
    await storeResult(older);
    const score = await setup.caller.scores.shop({ id: setup.shopId });
    expect(score.latest?.explanation).toEqual(setup.stored);
    await storeResult(storedJson());
  });

  it("stays readable when stored before the privacy rule of cohorts: who the cohort held is unknown (null)", async () => {
    const older = storedJson();
    delete older.beatsCohort;
    for (const dimension of older.dimensions) for (const indicator of dimension.indicators as Record<string, unknown>[]) delete indicator.cohort;
    await storeResult(older);
    const explanation = (await setup.caller.scores.shop({ id: setup.shopId })).latest?.explanation;
    expect(setup.stored.beatsCohort).not.toBeNull();
    expect(explanation?.beatsCohort).toBeNull();
    expect(explanation?.dimensions.flatMap((d) => d.indicators).every((i) => i.cohort === null)).toBe(true);
    expect(explanation?.overallShown).toBe(setup.stored.overallShown);
    await storeResult(storedJson());
  });

  it.each([
    ["a shown score that is text", (x: ReturnType<typeof storedJson>) => ({ ...x, overallShown: "4.62" })],
    ["no dimensions", (x: ReturnType<typeof storedJson>) => ({ ...x, dimensions: undefined })],
    ["a scored row without its shown score", (x: ReturnType<typeof storedJson>) => ({ ...x, overallShown: null })],
    ["a rule set without thresholds", (x: ReturnType<typeof storedJson>) => ({ ...x, ruleSet: { ...x.ruleSet, thresholds: "4.4" } })],
  ])("refuses a damaged row (%s) with a clear, logged error", async (_, damage) => {
    await storeResult(damage(storedJson()));
    const logged = vi.spyOn(logger, "error");
    try {
      const error = await setup.caller.scores.shop({ id: setup.shopId }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("INTERNAL_SERVER_ERROR");
      expect((error as TRPCError).message).toBe("errors.scoreUnreadable");
      expect(logged).toHaveBeenCalledWith(
        expect.objectContaining({ orgId: setup.orgId, entityId: setup.shopId, day: today }),
        "stored score explanation does not match its contract",
      );
    } finally {
      logged.mockRestore();
      await storeResult(storedJson());
    }
  });

  it("names the damaged day in the user's language", async () => {
    await storeResult({ ...storedJson(), band: 4.6 });
    try {
      const error = await setup.caller.scores.shop({ id: setup.shopId }).catch((e: unknown) => e);
      const cause = (error as TRPCError).cause;
      expect(cause).toBeInstanceOf(AppError);
      expect((cause as AppError).details.params).toEqual({ day: today });
      expect(translateError("en", "errors.scoreUnreadable", { day: today })).toContain(`stored score of ${today} is damaged`);
      expect(translateError("zh-CN", "errors.scoreUnreadable", { day: today })).toContain("已损坏");
    } finally {
      await storeResult(storedJson());
    }
  });
});
