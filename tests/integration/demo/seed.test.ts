import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertEndpoints, alertRules, creators, entityAnnotations, entityForecasts, notifications, organisations, scoreSnapshots, shops, users } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { DEMO_CREATOR_MERCHANTS, DEMO_CREATORS, DEMO_EMAIL, DEMO_TODAYS_RULES_SHOP, demoShops, seedDemoOrganisation } from "@/server/demo/seed";
import { scoreExplanationSchema } from "@/lib/contracts/explanation";
import { creatorMerchants } from "@/server/entities/creator-merchants";
import { previewDigest } from "@/server/digest/deliver";
import { visibleGoalProgress } from "@/server/goals/service";
import { entityForecast } from "@/server/insight/outlook";
import { systemScope } from "@/server/lib/scope";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";
import { PUBLISHED_DEMO_PASSWORD } from "@/server/demo/settings";
import { afterSalesQueue } from "@/server/queues/after-sales";
import { scoreShopsUnderCurrentRules } from "@/server/scoring/current/service";
import { listAppeals } from "@/server/queues/appeals";
import { pickupQueue } from "@/server/queues/pickup";
import { listProblemLog } from "@/server/queues/problem-log";
import { reviewLedger } from "@/server/queues/review-ledger";
import { findUserByEmail, hashPassword, verifyCredentials } from "@/server/users/service";
import { callerFor } from "../../helpers/callers";
import { DEMO_SLOW_SHIPPER } from "@/server/demo/playbooks";
import { suggestPlaybooks } from "@/server/playbooks/suggest";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
/** The organisation the first test seeds; the next ones read it. */
let demoOrgId = "";
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("demo organisation", () => {
  it("is seeded once, with a full 服饰内衣 cohort that scores and ranks", async () => {
    const now = new Date("2026-06-01T04:00:00Z");
    const first = await seedDemoOrganisation(t.handle, now);
    expect(first.created).toBe(true);
    expect(await seedDemoOrganisation(t.handle, now)).toEqual({ created: false, orgId: null, password: null });
    const orgId = first.orgId ?? "";
    demoOrgId = orgId;
    await verifyCredentials(t.handle, { email: DEMO_EMAIL, password: first.password ?? "" });
    const [org] = await withTenant(t.handle, { orgId }, (tx) => tx.select().from(organisations).where(eq(organisations.orgId, orgId)));
    expect(org?.demo).toBe(true);

    const apparel = demoShops().filter((s) => s.category === "apparel");
    expect(apparel.length).toBeGreaterThanOrEqual(20);

    // Seeding scored it (no job queue here, so before it returned), with no other command.
    const snaps = await withTenant(t.handle, { orgId }, (tx) =>
      tx
        .select({ shopId: shops.id, name: shops.name, ruleSet: scoreSnapshots.ruleSet, category: shops.categoryCode, state: scoreSnapshots.state, result: scoreSnapshots.result, overall: scoreSnapshots.overall })
        .from(scoreSnapshots)
        .innerJoin(shops, and(eq(shops.orgId, scoreSnapshots.orgId), eq(shops.id, scoreSnapshots.entityId)))
        .where(and(eq(scoreSnapshots.orgId, orgId), eq(scoreSnapshots.day, "2026-06-01"))),
    );
    expect(snaps).toHaveLength(demoShops().length);
    // One shop is on today's 100-point rules: its stored day is a 100-point explanation with the current rules' section.
    const todays = snaps.filter((s) => s.ruleSet !== "douyin-shop-v1");
    expect(todays.map((s) => [s.name, s.ruleSet])).toEqual([[DEMO_TODAYS_RULES_SHOP.name, "douyin-shop-2026-07"]]);
    const todaysExplanation = scoreExplanationSchema.parse(todays[0]?.result);
    expect(todaysExplanation.current?.family).toBe("douyin-100");
    expect(todaysExplanation.ruleSet.scoreBounds.max).toBe(100);
    expect(todays[0]?.overall).toBeGreaterThanOrEqual(50);
    expect(todays[0]?.overall).toBeLessThanOrEqual(100);
    const fivePoint = snaps.filter((s) => s.ruleSet === "douyin-shop-v1");
    const scoredApparel = fivePoint.filter((s) => s.category === "apparel" && s.state === "scored");
    expect(scoredApparel.length).toBeGreaterThanOrEqual(20);
    const overalls = scoredApparel.map((s) => s.overall ?? 0);
    expect(Math.max(...overalls) - Math.min(...overalls)).toBeGreaterThan(0.3);
    // A full category cohort: no fallback for the good-review rate.
    const sample = scoredApparel[0]?.result as { dimensions: { indicators: { code: string; fallback: boolean | null; cohortSize: number | null }[] }[] };
    const grr = sample.dimensions.flatMap((d) => d.indicators).find((i) => i.code === "good_review_rate");
    expect(grr?.fallback).toBe(false);
    expect(grr?.cohortSize).toBeGreaterThanOrEqual(20);

    // The first shop's history carries a couple of annotations, on days inside its 90-day chart.
    const notes = await withTenant(t.handle, { orgId }, (tx) => tx.select().from(entityAnnotations).where(eq(entityAnnotations.orgId, orgId)));
    expect(notes).toHaveLength(2);
    expect(notes.every((n) => n.entityKind === "shop" && n.day > "2026-03-03" && n.day < "2026-06-01")).toBe(true);

    // The first creator's own orders: its 合作商家 (merchants sold for) table is alive on first sign-in.
    const merchants = await withTenant(t.handle, { orgId }, async (tx) => {
      const [creator] = await tx.select().from(creators).where(and(eq(creators.orgId, orgId), eq(creators.externalId, DEMO_CREATORS[0]?.externalId ?? "")));
      return creatorMerchants(tx, systemScope(orgId), { id: creator?.id ?? "", day: "2026-06-01" });
    });
    expect(merchants.merchants.map((m) => m.merchantShopId).sort()).toEqual(DEMO_CREATOR_MERCHANTS.map((m) => m.shopId).sort());
    expect(merchants.merchants.every((m) => m.orders > 0 && m.goodReviewRate !== null)).toBe(true);
    // Each merchant is also a shop of the demo directory: its public card sits beside the creator's figures.
    expect(merchants.merchants.every((m) => m.card !== null && typeof m.card.overall === "number")).toBe(true);

    // Alerts: rules and an example endpoint, evaluated by the seeding rescore, so the bell has notifications.
    const alerts = await withTenant(t.handle, { orgId }, async (tx) => ({
      rules: await tx.select().from(alertRules).where(eq(alertRules.orgId, orgId)),
      endpoints: await tx.select().from(alertEndpoints).where(eq(alertEndpoints.orgId, orgId)),
      notes: await tx.select().from(notifications).where(and(eq(notifications.orgId, orgId), eq(notifications.kind, "alert"))),
    }));
    expect(alerts.rules.map((r) => r.ruleText).sort()).toEqual(["logistics drop>0.2 in 7d", "overall<4.6", "stale>3d"]);
    expect(alerts.endpoints).toHaveLength(1);
    const underBound = fivePoint.filter((s) => s.state === "scored" && (s.overall ?? 5) < 4.6).length;
    expect(underBound).toBeGreaterThan(0);
    expect(alerts.notes.filter((n) => n.messageKey === "alerts.message.threshold").length).toBeGreaterThanOrEqual(underBound);
    // Applied playbooks with weeks of history: done items with evidence, open and overdue ones, recurring occurrences, checkpoints.
    const owner = await callerFor(t.handle, (await findUserByEmail(t.handle, DEMO_EMAIL))?.id ?? null, orgId);
    // The shop on today's rules on first sign-in: its portfolio row on the 100-point scale with the thresholds of the risk column, its page's current rules.
    const portfolio = await owner.portfolio.page({ search: DEMO_TODAYS_RULES_SHOP.name });
    const todaysRow = portfolio.rows.find((r) => r.name === DEMO_TODAYS_RULES_SHOP.name);
    expect(todaysRow?.ruleSet).toBe("douyin-shop-2026-07");
    expect(todaysRow?.scale.scoreBounds).toEqual({ min: 50, max: 100 });
    expect(todaysRow?.overall?.shown).toBeGreaterThanOrEqual(50);
    expect(todaysRow?.currentThresholds?.length).toBeGreaterThan(0);
    const todaysPage = await owner.scores.shop({ id: todaysRow?.id ?? "" });
    expect(todaysPage.latest?.day).toBe("2026-06-01");
    expect(todaysPage.latest?.explanation.current?.stage).toMatch(/^(growth|formal)$/);
    expect(todaysPage.currentThresholds?.length).toBeGreaterThan(0);
    const applied = await owner.checklists.list({ today: "2026-06-01" });
    expect(applied).toHaveLength(3);
    expect(applied.some((c) => c.entityKind === "creator")).toBe(true);
    const oldest = await owner.checklists.get({ id: applied[0]?.id ?? "" });
    const items = oldest.steps.flatMap((s) => s.items);
    expect(items.filter((i) => i.cadence === "daily").length).toBeGreaterThanOrEqual(35);
    expect(items.some((i) => i.status === "done" && i.evidenceNote)).toBe(true);
    expect(applied[0]?.itemsOverdue).toBeGreaterThan(0);
    expect(oldest.effect.columns.map((c) => c.pending)).toEqual([false, false, false, false]);
    expect(typeof oldest.effect.columns[3]?.snapshot?.overall).toBe("number");
    const recent = await owner.checklists.get({ id: applied[1]?.id ?? "" });
    expect(recent.effect.columns.map((c) => c.pending)).toEqual([false, false, true, true]);
    // The slow shipper is below a logistics trigger: its page suggests a logistics playbook on first sign-in.
    const suggested = await withTenant(t.handle, { orgId }, async (tx) => {
      const [slow] = await tx.select().from(shops).where(and(eq(shops.orgId, orgId), eq(shops.name, DEMO_SLOW_SHIPPER)));
      return suggestPlaybooks(tx, systemScope(orgId), { kind: "shop", id: slow?.id ?? "" });
    });
    expect(suggested.day).toBe("2026-06-01");
    expect(suggested.suggestions.filter((s) => s.dimension === "logistics").length).toBeGreaterThan(0);
    // 今日待办: something in every queue on first sign-in, relative to the seed's "now".
    const scope = systemScope(orgId);
    const queues = await withTenant(t.handle, { orgId }, async (tx) => ({
      pickup: await pickupQueue(tx, scope, {}, now),
      afterSales: await afterSalesQueue(tx, scope, {}, now),
      reviews: await reviewLedger(tx, scope, { shopId: (await tx.select({ id: shops.id }).from(shops).where(and(eq(shops.orgId, orgId), eq(shops.name, demoShops()[0]?.name ?? ""))))[0]?.id ?? "" }, now),
      appeals: await listAppeals(tx, scope, {}),
      problems: await listProblemLog(tx, scope, {}),
    }));
    expect(queues.pickup.some((r) => r.msLeft <= 0)).toBe(true);
    expect(queues.pickup.some((r) => r.msLeft > 0)).toBe(true);
    expect(queues.afterSales.length).toBeGreaterThanOrEqual(3);
    expect(new Set(queues.reviews.map((r) => r.status))).toEqual(new Set(["new", "contacted", "resolved", "appealed"]));
    expect(queues.reviews.some((r) => r.exempt)).toBe(true);
    expect(new Set(queues.appeals.map((a) => a.outcome))).toEqual(new Set(["upheld", "pending"]));
    expect(queues.problems.length).toBeGreaterThanOrEqual(2);
    // Goals on first sign-in: one on track, one at risk, and a brief to preview that tells of them.
    const demoGoals = await withTenant(t.handle, { orgId }, (tx) => visibleGoalProgress(tx, systemScope(orgId), { today: "2026-06-01" }));
    expect(demoGoals.map((g) => g.status).sort()).toEqual(["at_risk", "on_track"]);
    const brief = await withTenant(t.handle, { orgId }, (tx) => previewDigest(tx, systemScope(orgId), "daily", "2026-06-01", "zh-CN"));
    expect(brief.sections.find((s) => s.section === "goals")?.lines).toHaveLength(2);
    expect(brief.sections.find((s) => s.section === "scores")?.lines.length).toBeGreaterThan(0);
  }, 300_000);

  it("shows a stored forecast for every 5-point demo shop on first sign-in, read without recomputing", async () => {
    const orgId = demoOrgId;
    const stored = await withTenant(t.handle, { orgId }, (tx) => tx.select().from(entityForecasts).where(eq(entityForecasts.orgId, orgId)));
    const shopForecasts = stored.filter((f) => f.entityKind === "shop");
    // The shop on today's 100-point rules has none: the outlook refuses points shops.
    expect(shopForecasts).toHaveLength(demoShops().filter((s) => findPointsRuleSet(s.ruleSet) === undefined).length);
    for (const forecast of shopForecasts) {
      expect(forecast.madeForDay).toBe("2026-06-01");
      expect(forecast.days).toHaveLength(14);
    }
    const shopId = shopForecasts[0]?.entityId ?? "";
    const read = await withTenant(t.handle, { orgId }, (tx) => entityForecast(tx, systemScope(orgId), "shop", shopId));
    // The stored forecast is what is read (its day of making, not a fresh one).
    expect(read.forecast?.madeForDay).toBe("2026-06-01");
    expect(read.forecast?.days[0]?.day).toBe("2026-06-02");
    expect(read.forecast?.days.every((d) => d.overall === null || d.overallShown !== null)).toBe(true);
  });

  it("scores under douyin-shop-2026-07 from its current rules' facts: formal shops with bands, protection, a bonus or a deduction", async () => {
    const orgId = demoOrgId;
    const types = await withTenant(t.handle, { orgId }, (tx) => tx.select({ storeType: shops.storeType }).from(shops).where(eq(shops.orgId, orgId)));
    expect(new Set(types.map((s) => s.storeType))).toEqual(new Set(["flagship", "franchise", "specialty", "ordinary"]));
    const scored = await scoreShopsUnderCurrentRules(t.handle, { orgId, ruleSetName: "douyin-shop-2026-07", day: "2026-06-01" });
    expect(scored).toHaveLength(demoShops().length);
    const formal = scored.filter((s) => s.score.state === "formal");
    expect(formal.length).toBeGreaterThanOrEqual(20);
    const indicators = formal.flatMap((s) => Object.values(s.score.indicators));
    // Every indicator is measured from the generated facts, and ranks in a cohort with a band.
    for (const code of ["product_rating", "quality_return_rate", "pickup_time_score", "delivery_ontime_rate", "fulfilment_return_rate", "aftersale_review_hours", "chat_response_seconds", "chat_dissatisfaction_rate", "platform_escalation_rate"] as const) {
      expect(formal.filter((s) => typeof s.score.indicators[code]?.percentile === "number").length, code).toBeGreaterThanOrEqual(20);
    }
    expect(new Set(indicators.map((i) => i.band)).size).toBeGreaterThanOrEqual(4);
    expect(indicators.some((i) => i.protected === true)).toBe(true);
    expect(indicators.some((i) => i.protected === false)).toBe(true);
    expect(formal.some((s) => s.score.bonuses.length > 0 || s.score.deductions.length > 0)).toBe(true);
    const totals = formal.map((s) => s.score.score100 ?? 0);
    expect(Math.max(...totals) - Math.min(...totals)).toBeGreaterThan(3);
    expect(totals.every((v) => v >= 50 && v <= 100)).toBe(true);
  }, 60_000);

  it("has a generated password, stored hashed only, that a fixed one or a restart never publishes", async () => {
    const ownerRow = async () => (await withTenant(t.handle, { orgId: null }, (tx) => tx.select().from(users).where(eq(users.email, DEMO_EMAIL))))[0];
    const before = await ownerRow();
    expect(before?.passwordHash).toMatch(/^\$argon2id\$/);
    await expect(verifyCredentials(t.handle, { email: DEMO_EMAIL, password: PUBLISHED_DEMO_PASSWORD })).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    // A deployment seeded by an older version, with the published password: the next start replaces it.
    await withTenant(t.handle, { orgId: null }, async (tx) => tx.update(users).set({ passwordHash: await hashPassword(PUBLISHED_DEMO_PASSWORD) }).where(eq(users.email, DEMO_EMAIL)));
    const renewed = await seedDemoOrganisation(t.handle);
    expect(renewed.created).toBe(false);
    expect(renewed.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    await verifyCredentials(t.handle, { email: DEMO_EMAIL, password: renewed.password ?? "" });
    expect((await ownerRow())?.sessionVersion).toBe((before?.sessionVersion ?? 0) + 1);

    // KOUBEI_DEMO_PASSWORD (the e2e server) sets a known one, once.
    process.env.KOUBEI_DEMO_PASSWORD = "fixed-for-the-tests";
    try {
      expect((await seedDemoOrganisation(t.handle)).password).toBe("fixed-for-the-tests");
      expect((await seedDemoOrganisation(t.handle)).password).toBeNull();
      await verifyCredentials(t.handle, { email: DEMO_EMAIL, password: "fixed-for-the-tests" });
    } finally {
      delete process.env.KOUBEI_DEMO_PASSWORD;
    }
  }, 60_000);
});
