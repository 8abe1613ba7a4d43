import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entityForecasts, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { forecastOrganisation, forecastsOf } from "@/server/insight/forecast";
import { readForecastRisk, saveForecasts } from "@/server/insight/forecast-store";
import { systemScope } from "@/server/lib/scope";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { markShopFactsChanged } from "@/server/scoring/refresh";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { scoreOrganisationDay } from "@/server/scoring/service";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

const D = "2026-06-01";
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

/** An organisation with `count` shops whose facts stop before `until` 00:00, rescored on `day`. */
async function orgWithShops(name: string, count: number, options: { until: string; day: string; firstDay?: string; days?: number; ordersPerDay?: number }) {
  const org = await createOrganisation(t.handle, { name, kind: "brand", ownerUserId: null });
  const orgId = org.orgId;
  const shopIds: string[] = [];
  await withTenant(t.handle, { orgId }, async (tx) => {
    for (let i = 0; i < count; i++) {
      const [shop] = await tx.insert(shops).values({ orgId, externalId: `${name}-${i}`, name: `${name} ${i}`, categoryCode: "beauty" }).returning();
      const shopId = shop?.id ?? "";
      shopIds.push(shopId);
      const facts = generateShopFacts({ seed: 100 + i, keyPrefix: `${name}${i}`, firstDay: options.firstDay ?? addDays(options.until, -100), days: options.days ?? 100, ordersPerDay: options.ordersPerDay ?? 4, notAfter: shanghaiMidnight(options.until) });
      await insertShopFacts(tx, orgId, shopId, facts);
      await markShopFactsChanged(tx, orgId, shopId, null);
    }
  });
  await rescoreOrganisation(t.handle, orgId, options.day);
  return { orgId, shopIds };
}

describe("forecast if no new facts arrive", () => {
  it("is stored for every shop by the rescore, and each day equals that day's score when no fact arrives (backtest, whole cohort quiet)", async () => {
    const { orgId, shopIds } = await orgWithShops("quiet", 6, { until: D, day: D });
    const stored = await withTenant(t.handle, { orgId }, (tx) => tx.select().from(entityForecasts).where(eq(entityForecasts.orgId, orgId)));
    expect(stored).toHaveLength(6);
    const first = stored.find((f) => f.entityId === shopIds[0]);
    expect(first?.madeForDay).toBe(D);
    const days = first?.days as { day: string; overall: number | null }[];
    expect(days.map((d) => d.day)).toEqual(Array.from({ length: 14 }, (_, i) => addDays(D, i + 1)));

    // Score D+7 for real: nobody received a fact, so the forecast made on D must be that score to the last bit.
    const actual = await scoreOrganisationDay(t.handle, { orgId, kind: "shop", day: addDays(D, 7) });
    for (const record of actual) {
      const forecast = stored.find((f) => f.entityId === record.entity.id);
      const day7 = (forecast?.days as { day: string; overall: number | null; dimensions: Record<string, number> }[])[6];
      expect(day7?.day).toBe(addDays(D, 7));
      expect(day7?.overall).toBe(record.explanation.overall);
      for (const dimension of record.explanation.dimensions) expect(day7?.dimensions[dimension.code]).toBe(dimension.score ?? undefined);
    }
  }, 300_000);

  it("backtest: shops that received no new facts are forecast within a small error while their peers' facts moved on", async () => {
    const { orgId, shopIds } = await orgWithShops("backtest", 8, { until: D, day: D });
    const forecasts = await withTenant(t.handle, { orgId }, (tx) => tx.select().from(entityForecasts).where(eq(entityForecasts.orgId, orgId)));
    const current = new Map(forecasts.map((f) => [f.entityId, f]));
    // Three shops keep selling for a week; the other five receive nothing.
    const busy = shopIds.slice(0, 3);
    await withTenant(t.handle, { orgId }, async (tx) => {
      for (const [i, shopId] of busy.entries()) {
        const facts = generateShopFacts({ seed: 900 + i, keyPrefix: `late${i}`, firstDay: D, days: 7, ordersPerDay: 8, quality: 1, notAfter: shanghaiMidnight(addDays(D, 7)) });
        await insertShopFacts(tx, orgId, shopId, facts);
        await markShopFactsChanged(tx, orgId, shopId, D);
      }
    });
    await rescoreOrganisation(t.handle, orgId, addDays(D, 7));
    const actual = await scoreOrganisationDay(t.handle, { orgId, kind: "shop", day: addDays(D, 7) });
    const day7Of = (id: string) => (current.get(id)?.days as { overall: number | null }[])[6]?.overall;
    // The busy shops did move: the forecast could not know their new facts.
    expect(actual.filter((r) => busy.includes(r.entity.id)).some((r) => r.explanation.overall !== day7Of(r.entity.id))).toBe(true);
    const quiet = actual.filter((r) => !busy.includes(r.entity.id) && r.explanation.overall !== null);
    expect(quiet.length).toBeGreaterThan(0);
    let forecastError = 0;
    for (const record of quiet) {
      forecastError += Math.abs((day7Of(record.entity.id) ?? Number.NaN) - (record.explanation.overall ?? Number.NaN));
    }
    // The only source of error is the peers' new facts; a few of eight peers moving cannot move a quiet shop far.
    expect(forecastError / quiet.length).toBeLessThan(0.2);
  }, 300_000);

  it("rolls the window forward: orders leave the main window and the shop falls out of scoring on the day they do", async () => {
    // Every order was paid on one day, D−85: the main window (D+k−90 … D+k−1) loses them on D+6.
    const paidDay = addDays(D, -85);
    const { orgId, shopIds } = await orgWithShops("leaving", 2, { until: addDays(paidDay, 1), day: D, firstDay: paidDay, days: 1, ordersPerDay: 60 });
    const [forecast] = await forecastOrganisation(t.handle, { orgId, kind: "shop", day: D, entityIds: [shopIds[0] ?? ""] });
    expect(forecast?.currentOverall).not.toBeNull();
    const states = forecast?.days.map((d) => d.state);
    expect(states?.slice(0, 5)).toEqual(Array(5).fill("scored"));
    expect(states?.slice(5)).toEqual(Array(9).fill("insufficient_data"));
    expect(forecast?.days[5]).toMatchObject({ day: addDays(D, 6), overall: null, band: null, dimensions: {} });
  }, 300_000);

  it("stores forecasts slice by slice as they are built, the same as built all at once, replacing the old ones", async () => {
    const { orgId } = await orgWithShops("slices", 5, { until: D, day: D });
    const request = { orgId, kind: "shop" as const, day: D };
    const whole = await forecastOrganisation(t.handle, request);
    expect(whole).toHaveLength(5);
    // The rescore stored these five already: saving again must replace them, not add beside them.
    // Built outside the transaction, as the rescore does: the ranking reads in transactions of its own.
    const lazily = await forecastsOf(t.handle, request);
    const saved = await withTenant(t.handle, { orgId }, (tx) => saveForecasts(tx, orgId, "shop", lazily, 2));
    expect(saved).toBe(5);
    const stored = await withTenant(t.handle, { orgId }, (tx) => tx.select().from(entityForecasts).where(and(eq(entityForecasts.orgId, orgId), eq(entityForecasts.entityKind, "shop"))));
    expect(stored).toHaveLength(5);
    const byId = new Map(stored.map((row) => [row.entityId, row]));
    for (const forecast of whole) expect(byId.get(forecast.entityId)).toMatchObject({ ruleSet: forecast.ruleSet, madeForDay: D, currentOverall: forecast.currentOverall, days: forecast.days, crossings: forecast.crossings });
  }, 300_000);

  it("reads the risk of visible entities only, from the stored forecast", async () => {
    const { orgId, shopIds } = await orgWithShops("risk", 3, { until: D, day: D });
    const risks = await withTenant(t.handle, { orgId }, (tx) => readForecastRisk(tx, systemScope(orgId), "shop", [...shopIds, "00000000-0000-4000-8000-000000000000"]));
    expect([...risks.keys()].sort()).toEqual([...shopIds].sort());
    for (const risk of risks.values()) {
      expect(risk.madeForDay).toBe(D);
      for (const crossing of risk.crossings) expect(crossing.inDays).toBeGreaterThan(0);
    }
    const limited = { ...systemScope(orgId), role: "viewer" as const, shopIds: [shopIds[0] ?? ""] };
    const seen = await withTenant(t.handle, { orgId }, (tx) => readForecastRisk(tx, limited, "shop", shopIds));
    expect([...seen.keys()]).toEqual([shopIds[0]]);
    const stored = await withTenant(t.handle, { orgId }, (tx) => tx.select().from(entityForecasts).where(and(eq(entityForecasts.orgId, orgId), eq(entityForecasts.entityKind, "shop"))));
    expect(stored).toHaveLength(3);
  }, 300_000);
});
