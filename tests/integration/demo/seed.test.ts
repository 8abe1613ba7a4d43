import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreSnapshots, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { DEMO_EMAIL, demoShops, seedDemoOrganisation } from "@/server/demo/seed";
import { verifyCredentials } from "@/server/users/service";
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
    expect((await seedDemoOrganisation(t.handle, now)).created).toBe(false);
    const orgId = first.orgId ?? "";
    await verifyCredentials(t.handle, { email: DEMO_EMAIL, password: "koubei-demo-2026" });

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
  }, 300_000);
});
