import { and, eq, lte } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checklistCheckpoints, reviews, scoreSnapshots } from "@/db/schema";
import { recordDueCheckpoints } from "@/server/checklists/effects";
import { playbookEffects } from "@/server/checklists/effect-summary";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { INDICATOR_ORDER } from "@/server/scoring/indicators";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { getRuleSet } from "@/server/scoring/rule-sets";
import { shownScoreOf } from "@/server/scoring/score-display";
import { insertChecklist, LOGISTICS_PLAYBOOK } from "../../helpers/checklists";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { agencyWithShops } from "./setup";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const START = "2026-03-01";
const ruleSet = getRuleSet("douyin-shop-v1");
const shown = (score: number) => shownScoreOf(ruleSet, score).shown;

type HandMade = { overall: number; logistics: number; hours: number; hoursPercentile: number; goodRate: number };

/** One history day as the backfill stores it (a summary: packed columns, no explanation), with made-up numbers. */
async function storeDay(orgId: string, shopId: string, day: string, n: HandMade) {
  const values = INDICATOR_ORDER.map(() => Number.NaN);
  const percentiles = INDICATOR_ORDER.map(() => Number.NaN);
  values[INDICATOR_ORDER.indexOf("avg_delivery_hours")] = n.hours;
  percentiles[INDICATOR_ORDER.indexOf("avg_delivery_hours")] = n.hoursPercentile;
  values[INDICATOR_ORDER.indexOf("logistics_good_review_rate")] = n.goodRate;
  percentiles[INDICATOR_ORDER.indexOf("logistics_good_review_rate")] = 0.5;
  const dimensionScores = ruleSet.dimensions.flatMap((d) => [0.5, d.code === "logistics" ? n.logistics : 4.6]);
  await withTenant(t.handle, { orgId }, (tx) =>
    tx.insert(scoreSnapshots).values({
      orgId,
      entityKind: "shop",
      entityId: shopId,
      ruleSet: ruleSet.name,
      day,
      state: "scored",
      validOrders: 500,
      overall: n.overall,
      beatsPercent: 0.4,
      result: null,
      dimensionScores,
      indicatorValues: values,
      indicatorPercentiles: percentiles,
      rollupVersion: 1,
    }),
  );
}

async function checkpointsOf(orgId: string, checklistId: string) {
  return withTenant(t.handle, { orgId }, (tx) =>
    tx
      .select()
      .from(checklistCheckpoints)
      .where(and(eq(checklistCheckpoints.orgId, orgId), eq(checklistCheckpoints.checklistId, checklistId)))
      .orderBy(checklistCheckpoints.offsetDays),
  );
}

describe("effect checkpoints on hand-made score histories", () => {
  it("records each checkpoint once its day is scored, from the stored numbers, and averages them per playbook", async () => {
    const org = await agencyWithShops(t.handle, "effect");
    const first = await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "shop", entityId: org.shopA.id, definition: LOGISTICS_PLAYBOOK, startDay: START });
    await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "shop", entityId: org.shopB.id, definition: LOGISTICS_PLAYBOOK, startDay: START });
    const cancelled = await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "shop", entityId: org.shopB.id, definition: LOGISTICS_PLAYBOOK, startDay: START });
    await org.caller.checklists.close({ id: cancelled.checklist.id, outcome: "cancelled" });

    await storeDay(org.orgId, org.shopA.id, START, { overall: 4.41, logistics: 4.2, hours: 78, hoursPercentile: 0.02, goodRate: 0.9 });
    await storeDay(org.orgId, org.shopA.id, addDays(START, 7), { overall: 4.47, logistics: 4.35, hours: 70, hoursPercentile: 0.1, goodRate: 0.92 });
    await storeDay(org.orgId, org.shopA.id, addDays(START, 14), { overall: 4.55, logistics: 4.5, hours: 60, hoursPercentile: 0.3, goodRate: 0.95 });
    await storeDay(org.orgId, org.shopB.id, START, { overall: 4.6, logistics: 4.5, hours: 50, hoursPercentile: 0.5, goodRate: 0.96 });
    await storeDay(org.orgId, org.shopB.id, addDays(START, 7), { overall: 4.62, logistics: 4.52, hours: 46, hoursPercentile: 0.6, goodRate: 0.96 });

    // Today is day 20, but the newest scored day decides: shop A has day 14, shop B day 7.
    const today = addDays(START, 20);
    expect(await recordDueCheckpoints(t.handle, org.orgId, today)).toBe(5);
    expect(await recordDueCheckpoints(t.handle, org.orgId, today)).toBe(0);
    expect(await checkpointsOf(org.orgId, cancelled.checklist.id)).toEqual([]);

    const recorded = await checkpointsOf(org.orgId, first.checklist.id);
    expect(recorded.map((c) => [c.offsetDays, c.day])).toEqual([
      [0, START],
      [7, addDays(START, 7)],
      [14, addDays(START, 14)],
    ]);
    expect(recorded[0]?.snapshot).toEqual({
      day: START,
      overall: shown(4.41),
      dimensions: { product: shown(4.6), logistics: shown(4.2), service: shown(4.6) },
      indicators: { avg_delivery_hours: { value: 78, percentile: 0.02 }, logistics_good_review_rate: { value: 0.9, percentile: 0.5 } },
    });

    const panel = (await org.caller.checklists.get({ id: first.checklist.id })).effect;
    expect(panel.columns.map((c) => [c.offsetDays, c.day, c.pending])).toEqual([
      [0, START, false],
      [7, addDays(START, 7), false],
      [14, addDays(START, 14), false],
      [30, addDays(START, 30), true],
    ]);
    expect(panel.indicators.map((i) => i.code)).toEqual(["avg_delivery_hours", "logistics_good_review_rate"]);

    const [effect] = await withTenant(t.handle, { orgId: org.orgId }, (tx) => playbookEffects(tx, org.orgId));
    expect(effect).toMatchObject({ playbookCode: LOGISTICS_PLAYBOOK.code, checklists: 2 });
    const mean = (a: number, b: number) => Number(((a + b) / 2).toFixed(6));
    const change = (from: number, to: number) => Number((to - from).toFixed(6));
    expect(effect?.at["7"]).toEqual({
      measured: 2,
      overall: mean(change(shown(4.41), shown(4.47)), change(shown(4.6), shown(4.62))),
      indicators: { avg_delivery_hours: mean(-8, -4), logistics_good_review_rate: mean(change(0.9, 0.92), 0) },
    });
    expect(effect?.at["14"]).toEqual({ measured: 1, overall: change(shown(4.41), shown(4.55)), indicators: { avg_delivery_hours: -18, logistics_good_review_rate: change(0.9, 0.95) } });
    expect(effect?.at["30"]).toEqual({ measured: 0, overall: null, indicators: { avg_delivery_hours: null, logistics_good_review_rate: null } });
    expect(await org.caller.checklists.effects()).toEqual([effect]);

    // Day 30 scored later: only that checkpoint is added.
    await storeDay(org.orgId, org.shopA.id, addDays(START, 30), { overall: 4.7, logistics: 4.8, hours: 48, hoursPercentile: 0.55, goodRate: 0.97 });
    expect(await recordDueCheckpoints(t.handle, org.orgId, addDays(START, 30))).toBe(1);
    expect((await checkpointsOf(org.orgId, first.checklist.id)).map((c) => c.offsetDays)).toEqual([0, 7, 14, 30]);
  });
});

describe("effect checkpoints after a rescore", () => {
  it("are recorded by the rescore from the stored explanation the score page reads", async () => {
    const org = await agencyWithShops(t.handle, "rescored");
    const day = "2026-05-12";
    await withTenant(t.handle, { orgId: org.orgId }, (tx) =>
      insertShopFacts(tx, org.orgId, org.shopA.id, generateShopFacts({ seed: 5, keyPrefix: "eff", firstDay: "2026-04-01", days: 40, ordersPerDay: 3 })),
    );
    const { checklist } = await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "shop", entityId: org.shopA.id, definition: LOGISTICS_PLAYBOOK, startDay: day });
    await rescoreOrganisation(t.handle, org.orgId, day);
    const [start] = await checkpointsOf(org.orgId, checklist.id);
    const explanation = (await org.caller.scores.shop({ id: org.shopA.id, day })).latest?.explanation;
    expect(explanation?.day).toBe(day);
    const indicator = (code: string) => explanation?.dimensions.flatMap((d) => d.indicators).find((i) => i.code === code);
    expect(start?.snapshot).toEqual({
      day,
      overall: explanation?.overallShown,
      dimensions: Object.fromEntries((explanation?.dimensions ?? []).map((d) => [d.code, d.scoreShown])),
      indicators: {
        avg_delivery_hours: { value: indicator("avg_delivery_hours")?.value ?? null, percentile: indicator("avg_delivery_hours")?.percentile ?? null },
        logistics_good_review_rate: { value: indicator("logistics_good_review_rate")?.value ?? null, percentile: indicator("logistics_good_review_rate")?.percentile ?? null },
      },
    });
  });
});

describe("queue work beside a checklist", () => {
  it("counts the bad reviews resolved since the start at each checkpoint come, and nothing for days still to come", async () => {
    const org = await agencyWithShops(t.handle, "handled");
    const today = todayInShanghai();
    await withTenant(t.handle, { orgId: org.orgId }, (tx) =>
      insertShopFacts(tx, org.orgId, org.shopA.id, generateShopFacts({ seed: 9, keyPrefix: "handled", firstDay: addDays(today, -30), days: 25, ordersPerDay: 4 })),
    );
    const { checklist } = await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "shop", entityId: org.shopA.id, definition: LOGISTICS_PLAYBOOK, startDay: addDays(today, -7) });
    const [bad] = await withTenant(t.handle, { orgId: org.orgId }, (tx) =>
      tx.select({ orderId: reviews.orderId, reviewedAt: reviews.reviewedAt }).from(reviews).where(and(eq(reviews.orgId, org.orgId), eq(reviews.shopId, org.shopA.id), lte(reviews.productStars, 2))).limit(1),
    );
    expect(bad).toBeDefined();
    await org.caller.queues.updateReview({ shopId: org.shopA.id, orderId: bad?.orderId ?? "", reviewedAt: bad?.reviewedAt.toISOString() ?? "", status: "resolved" });
    const view = await org.caller.checklists.get({ id: checklist.id });
    expect(view.effect.columns.map((c) => c.handled)).toEqual([
      { reviewsResolved: 0, appealsUpheld: 0 },
      { reviewsResolved: 1, appealsUpheld: 0 },
      null,
      null,
    ]);
  });
});
