import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { readForecastRisk } from "@/server/insight/forecast-store";
import { systemScope } from "@/server/lib/scope";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { RISK_HORIZON_DAYS } from "@/server/portfolio/risk";
import { markShopFactsChanged } from "@/server/scoring/refresh";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { createUser } from "@/server/users/service";
import { callerFor } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/** The newest scored day; the rescore stores each shop's 14-day forecast from it. */
const D = "2026-06-01";
let t: TestDatabase;
let orgId: string;
let caller: Awaited<ReturnType<typeof callerFor>>;

beforeAll(async () => {
  t = await openTestDatabase();
  const user = await createUser(t.handle, { email: `risk-${Date.now()}@example.test`, password: "password123", name: "risk owner" });
  orgId = (await createOrganisation(t.handle, { name: "risk", kind: "agency", ownerUserId: user.id })).orgId;
  await withTenant(t.handle, { orgId }, async (tx) => {
    for (let i = 0; i < 8; i++) {
      const [shop] = await tx.insert(shops).values({ orgId, externalId: `risk-${i}`, name: `风险店 ${i}`, categoryCode: "beauty" }).returning();
      const shopId = shop?.id ?? "";
      // Facts stop ten days before D for half of the shops: their windows thin out.
      const until = i % 2 === 0 ? D : addDays(D, -10);
      const facts = generateShopFacts({ seed: 300 + i, keyPrefix: `risk${i}`, firstDay: addDays(until, -80), days: 80, ordersPerDay: 3 + (i % 3), notAfter: shanghaiMidnight(until) });
      await insertShopFacts(tx, orgId, shopId, facts);
      await markShopFactsChanged(tx, orgId, shopId, null);
    }
  });
  await rescoreOrganisation(t.handle, orgId, D);
  caller = await callerFor(t.handle, user.id, orgId);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe("portfolio risk from the stored forecasts", () => {
  it("marks each shop whose forecast falls below a threshold within 7 days, on the newest scores and on their day", async () => {
    const stored = await withTenant(t.handle, { orgId }, async (tx) => {
      const ids = (await tx.select({ id: shops.id }).from(shops)).map((s) => s.id);
      return readForecastRisk(tx, systemScope(orgId), "shop", ids);
    });
    expect(stored.size).toBe(8);
    const expected = new Map(
      [...stored.values()].flatMap((r) => (r.firstFall && r.firstFall.inDays <= RISK_HORIZON_DAYS ? [[r.entityId, { minScore: r.firstFall.minScore, day: r.firstFall.day }] as const] : [])),
    );
    // Whether the generated shops fall is the forecast's business (tested there); the portfolio must show exactly what it stored.
    for (const input of [{}, { day: D }]) {
      const page = await caller.portfolio.page({ ...input, pageSize: 100 });
      expect(page.tiles.riskAvailable).toBe(true);
      expect(page.tiles.atRisk).toBe(expected.size);
      expect(new Map(page.rows.flatMap((r) => (r.risk ? [[r.id, { minScore: r.risk.threshold.minScore, day: r.risk.crossingDay }] as const] : [])))).toEqual(expected);
      expect((await caller.portfolio.page({ ...input, filters: { atRisk: true } })).total).toBe(expected.size);
    }
  });

  it("has no risk for a view of an earlier day: no forecast was made from it", async () => {
    const page = await caller.portfolio.page({ day: addDays(D, -3) });
    expect(page.tiles).toMatchObject({ riskAvailable: false, atRisk: 0 });
    expect(page.rows.every((r) => r.risk === null)).toBe(true);
  });
});
