import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creators, entityAnnotations, organisations, scoreSnapshots, shops, users } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { DEMO_CREATOR_MERCHANTS, DEMO_CREATORS, DEMO_EMAIL, demoShops, seedDemoOrganisation } from "@/server/demo/seed";
import { creatorMerchants } from "@/server/entities/creator-merchants";
import { previewDigest } from "@/server/digest/deliver";
import { visibleGoalProgress } from "@/server/goals/service";
import { systemScope } from "@/server/lib/scope";
import { PUBLISHED_DEMO_PASSWORD } from "@/server/demo/settings";
import { hashPassword, verifyCredentials } from "@/server/users/service";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
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
    await verifyCredentials(t.handle, { email: DEMO_EMAIL, password: first.password ?? "" });
    const [org] = await withTenant(t.handle, { orgId }, (tx) => tx.select().from(organisations).where(eq(organisations.orgId, orgId)));
    expect(org?.demo).toBe(true);

    const apparel = demoShops().filter((s) => s.category === "apparel");
    expect(apparel.length).toBeGreaterThanOrEqual(20);

    // Seeding scored it (no job queue here, so before it returned), with no other command.
    const snaps = await withTenant(t.handle, { orgId }, (tx) =>
      tx
        .select({ shopId: shops.id, category: shops.categoryCode, state: scoreSnapshots.state, result: scoreSnapshots.result, overall: scoreSnapshots.overall })
        .from(scoreSnapshots)
        .innerJoin(shops, and(eq(shops.orgId, scoreSnapshots.orgId), eq(shops.id, scoreSnapshots.entityId)))
        .where(and(eq(scoreSnapshots.orgId, orgId), eq(scoreSnapshots.day, "2026-06-01"))),
    );
    expect(snaps).toHaveLength(demoShops().length);
    const scoredApparel = snaps.filter((s) => s.category === "apparel" && s.state === "scored");
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

    // Goals on first sign-in: one on track, one at risk, and a brief to preview that tells of them.
    const demoGoals = await withTenant(t.handle, { orgId }, (tx) => visibleGoalProgress(tx, systemScope(orgId), { today: "2026-06-01" }));
    expect(demoGoals.map((g) => g.status).sort()).toEqual(["at_risk", "on_track"]);
    const brief = await withTenant(t.handle, { orgId }, (tx) => previewDigest(tx, systemScope(orgId), "daily", "2026-06-01", "zh-CN"));
    expect(brief.sections.find((s) => s.section === "goals")?.lines).toHaveLength(2);
    expect(brief.sections.find((s) => s.section === "scores")?.lines.length).toBeGreaterThan(0);
  }, 300_000);

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
