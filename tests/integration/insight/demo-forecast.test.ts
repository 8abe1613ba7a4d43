import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entityForecasts } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { demoShops, seedDemoOrganisation } from "@/server/demo/seed";
import { entityForecast } from "@/server/insight/outlook";
import { systemScope } from "@/server/lib/scope";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("demo organisation forecast", () => {
  it("shows a stored forecast for every demo shop on first sign-in, read fast", async () => {
    const seeded = await seedDemoOrganisation(t.handle, new Date("2026-06-01T04:00:00Z"));
    const orgId = seeded.orgId ?? "";
    const stored = await withTenant(t.handle, { orgId }, (tx) => tx.select().from(entityForecasts).where(eq(entityForecasts.orgId, orgId)));
    const shopForecasts = stored.filter((f) => f.entityKind === "shop");
    // Forecasts are of the 5-point shops: the one on today's 100-point rules has none (the outlook refuses points shops).
    expect(shopForecasts).toHaveLength(demoShops().filter((s) => findPointsRuleSet(s.ruleSet) === undefined).length);
    for (const forecast of shopForecasts) {
      expect(forecast.madeForDay).toBe("2026-06-01");
      expect(forecast.days).toHaveLength(14);
    }
    const shopId = shopForecasts[0]?.entityId ?? "";
    const started = performance.now();
    const read = await withTenant(t.handle, { orgId }, (tx) => entityForecast(tx, systemScope(orgId), "shop", shopId));
    expect(performance.now() - started).toBeLessThan(300);
    expect(read.forecast?.days[0]?.day).toBe("2026-06-02");
    expect(read.forecast?.days.every((d) => d.overall === null || d.overallShown !== null)).toBe(true);
  }, 300_000);
});
