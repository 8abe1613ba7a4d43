import { and, eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, shops } from "@/db/schema";
import type { CalibrationResult } from "@/server/calibration/service";
import { withTenant } from "@/server/db/tenant";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { startBoss } from "@/server/jobs/boss";
import { registerCalibrationWorker } from "@/server/jobs/calibration";
import { systemScope } from "@/server/lib/scope";
import { importPlatformScores } from "@/server/platform-scores/service";
import type { CurrentShop } from "@/server/scoring/current/facts";
import type { CurrentScore } from "@/server/scoring/current/result";
import { scoreCurrentDay } from "@/server/scoring/current/score-current";
import { scoreShopsUnderCurrentRules } from "@/server/scoring/current/service";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";
import { createUser } from "@/server/users/service";
import { callerFor, ownerWithOrg, trpcCodeOf } from "../../helpers/callers";
import { JULY_INDICATORS, syntheticFactRows, syntheticShop, targetsOf, TRUE_PARAMETERS } from "../../helpers/synthetic-current";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/**
 * Calibration through the database: 24 shops of one category with facts, the platform's scores of
 * them (made with known cut-offs and weights) imported as files, a run in the background (pg-boss)
 * and inline, the parameters found within tolerance (cut-offs within the gap between neighbouring
 * values, weights within 0.02), agreement before and after, and adopting them as the entries.
 */

const DAY = "2026-06-01";
const ruleSet = findPointsRuleSet("douyin-shop-2026-07");
if (!ruleSet) throw new Error("no rule set");

let t: TestDatabase;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let other: Awaited<ReturnType<typeof ownerWithOrg>>;
let boss: PgBoss | null = null;
const made: CurrentShop[] = Array.from({ length: 24 }, (_, i) => syntheticShop({ key: `c${String(i).padStart(2, "0")}`, categoryCode: "food_drink", day: DAY, targets: targetsOf(i) }));
const platform: CurrentScore[] = scoreCurrentDay({ ruleSet, day: DAY, shops: made.map((s) => ({ ...s, categoryNames: ["food_drink", "食品饮料", "Food & Beverages"] })), entriesOf: () => TRUE_PARAMETERS });
const shopIds: string[] = [];

/** The platform's report of a shop-day as a file would hold it (English headers, two decimals). */
function reportFile(score: CurrentScore): Uint8Array {
  const lines = ["date,metric,value,score", `${DAY},overall,,${(score.score100 ?? 0).toFixed(2)}`];
  for (const [code, d] of Object.entries(score.dimensions)) lines.push(`${DAY},${code},,${d.score.toFixed(2)}`);
  for (const code of JULY_INDICATORS) lines.push(`${DAY},${code},${score.indicators[code]?.value ?? ""},${score.indicators[code]?.band ?? ""}`);
  return new TextEncoder().encode(lines.join("\n"));
}

async function addShops(orgId: string, shopsToAdd: readonly CurrentShop[], reports: readonly CurrentScore[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, shop] of shopsToAdd.entries()) {
    const id = await withTenant(t.handle, { orgId }, async (tx) => {
      const [row] = await tx.insert(shops).values({ orgId, externalId: shop.key, name: shop.key, categoryCode: "food_drink" }).returning({ id: shops.id });
      if (!row) throw new Error("no shop");
      await insertShopFacts(tx, orgId, row.id, syntheticFactRows(shop));
      return row.id;
    });
    const report = reports[i];
    if (report) await withTenant(t.handle, { orgId }, (tx) => importPlatformScores(tx, systemScope(orgId), { shopId: id, source: { bytes: reportFile(report) }, fileName: `${shop.key}.csv`, today: "2026-06-30" }));
    ids.push(id);
  }
  return ids;
}

beforeAll(async () => {
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "calibration");
  other = await ownerWithOrg(t.handle, "calibration-other");
  // Another organisation with shops of the same category whose platform scores say the opposite: never read.
  const inverted = platform.slice(0, 6).map((s) => ({ ...s, score100: 150 - (s.score100 ?? 100) }));
  await addShops(other.org.orgId, made.slice(0, 6).map((s) => ({ ...s, key: `x${s.key}` })), inverted);
  // The first 12 shops' reports only, for now.
  shopIds.push(...(await addShops(owner.org.orgId, made.slice(0, 12), platform.slice(0, 12))));
}, 600_000);
afterAll(async () => {
  await boss?.stop({ graceful: false, timeout: 5000 });
  await t?.close();
});

async function finished(caller: typeof owner.caller, id: string, timeoutMs = 540_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await caller.calibration.get({ id });
    if (!["queued", "running"].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`calibration still ${run.status} at ${run.progress}%`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const start = { ruleSet: "douyin-shop-2026-07", category: "food_drink" } as const;

function expectRecovered(result: CalibrationResult | null) {
  const fitted = result?.fitted;
  expect(fitted).toBeTruthy();
  for (const code of JULY_INDICATORS) {
    const cutoffs = fitted?.cutoffs[code] ?? [];
    expect(cutoffs, code).toHaveLength(5);
    // Every shop's value falls in the band the platform gave it (each cut-off lies in the gap its shops leave).
    platform.forEach((score) => {
      const value = score.indicators[code]?.value ?? Number.NaN;
      const higher = code === "product_rating" || code === "pickup_time_score" || code === "delivery_ontime_rate";
      const rank = cutoffs.findIndex((cut) => (higher ? value >= cut : value <= cut));
      expect([100, 90, 80, 70, 60, 50][rank < 0 ? 5 : rank], code).toBe(score.indicators[code]?.band);
    });
    expect(Math.abs((fitted?.indicatorWeights[code] ?? 0) - TRUE_PARAMETERS.indicatorWeights[code]), code).toBeLessThan(0.02);
  }
  for (const [code, weight] of Object.entries(TRUE_PARAMETERS.dimensionWeights)) expect(Math.abs((fitted?.dimensionWeights[code] ?? 0) - weight)).toBeLessThan(0.02);
  expect(result?.after?.meanAbsoluteError).toBeLessThan(0.05);
  expect(result?.after?.withinOnePoint).toBe(1);
  expect(result?.before.meanAbsoluteError).toBeGreaterThan(result?.after?.meanAbsoluteError ?? Infinity);
}

describe("calibration (校准)", () => {
  it("says there is not enough data below 20 shop-days, reading only the organisation's own snapshots", async () => {
    const run = await owner.caller.calibration.start(start);
    expect(run.status).toBe("queued");
    const done = await finished(owner.caller, run.id);
    expect(done.status).toBe("insufficient");
    expect(done.result).toMatchObject({ minimumShopDays: 20, reportedShopDays: 12, observations: 12, shops: 12, fitted: null, after: null });
    expect(await trpcCodeOf(owner.caller.calibration.adopt({ id: run.id }))).toBe("CONFLICT");
  }, 300_000);

  it("runs inline without a queue: recovers the platform's parameters, agrees after, and an administrator adopts them in one step", async () => {
    shopIds.push(...(await addShops(owner.org.orgId, made.slice(12), platform.slice(12))));
    const run = await owner.caller.calibration.start(start);
    const done = await finished(owner.caller, run.id);
    expect(done.status).toBe("succeeded");
    expect(done.progress).toBe(100);
    expect(done.result).toMatchObject({ reportedShopDays: 24, observations: 24, shops: 24, days: { first: DAY, last: DAY } });
    expectRecovered(done.result);
    expect(await owner.caller.calibration.latest(start)).toMatchObject({ id: run.id, status: "succeeded" });

    // Only an administrator adopts.
    const invite = await owner.caller.members.invite({ role: "analyst", shopIds: [] });
    const analystUser = await createUser(t.handle, { email: `analyst-${Date.now()}@example.test`, password: "correct horse battery", name: "analyst" });
    await (await callerFor(t.handle, analystUser.id)).auth.acceptInvitation({ token: invite.token });
    const analyst = await callerFor(t.handle, analystUser.id, owner.org.orgId);
    expect(await trpcCodeOf(analyst.calibration.adopt({ id: run.id }))).toBe("FORBIDDEN");
    expect(await trpcCodeOf(analyst.calibration.start(start))).toBe("FORBIDDEN");
    expect((await analyst.calibration.get({ id: run.id })).status).toBe("succeeded");

    const adopted = await owner.caller.calibration.adopt({ id: run.id });
    expect(adopted.adopted).toBe(9 + 9 + 3);
    expect(adopted.run.adoptedAt).not.toBeNull();
    const view = await owner.caller.parameters.get(start);
    for (const dimension of view.dimensions) {
      expect(dimension.weight).toMatchObject({ source: "organisation", origin: "calibration", calibrationRunId: run.id });
      for (const indicator of dimension.indicators) {
        expect(indicator.cutoffs).toMatchObject({ source: "organisation", origin: "calibration", value: done.result?.fitted?.cutoffs[indicator.code] });
        expect(indicator.weight).toMatchObject({ source: "organisation", origin: "calibration" });
      }
    }
    // Koubei's scores now agree with the platform's.
    const scored = await scoreShopsUnderCurrentRules(t.handle, { orgId: owner.org.orgId, ruleSetName: "douyin-shop-2026-07", day: DAY });
    for (const [i, id] of shopIds.entries()) {
      const ours = scored.find((s) => s.shop.id === id)?.score;
      expect(Math.abs((ours?.score100 ?? 0) - (platform[i]?.score100 ?? 0))).toBeLessThan(0.05);
      expect(ours?.indicators.product_rating?.bandSource).toBe("organisation");
    }
    const [entry] = await withTenant(t.handle, { orgId: owner.org.orgId }, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.orgId, owner.org.orgId), eq(auditLog.action, "calibration.adopt"))));
    expect(entry?.data).toMatchObject({ runId: run.id });
    // An edited number becomes the administrator's; the others stay adopted.
    const cutoffs = view.dimensions[0]?.indicators[0]?.cutoffs?.value ?? [];
    await owner.caller.parameters.save({
      ...start,
      dimensions: Object.fromEntries(view.dimensions.map((d) => [d.code, { weight: d.weight.value }])),
      indicators: Object.fromEntries(
        view.dimensions.flatMap((d) => d.indicators).map((i, k) => [i.code, { cutoffs: k === 0 ? cutoffs.map((c) => c + 0.001) : (i.cutoffs?.value ?? null), weight: i.weight.value }]),
      ),
    });
    const edited = await owner.caller.parameters.get(start);
    expect(edited.dimensions[0]?.indicators[0]?.cutoffs?.origin).toBe("entered");
    expect(edited.dimensions[0]?.indicators[1]?.cutoffs?.origin).toBe("calibration");
    // Each run scores every reported shop-day twice: minutes on a loaded two-core machine.
  }, 600_000);

  it("runs as a pg-boss job: queued, picked up by the worker, finished with the same numbers", async () => {
    boss = await startBoss(t.handle);
    await registerCalibrationWorker(boss, t.handle, { pollingIntervalSeconds: 0.5 });
    const queued = await callerFor(t.handle, owner.user.id, owner.org.orgId, "en", boss);
    const run = await queued.calibration.start(start);
    expect(run.status).toBe("queued");
    // A second run of the same category is refused while this one is waiting or running.
    expect(await trpcCodeOf(queued.calibration.start(start))).toBe("CONFLICT");
    const done = await finished(queued, run.id);
    expect(done.status).toBe("succeeded");
    expect(done.result?.observations).toBe(24);
    // The adopted entries are the "before" now: Koubei already agrees.
    expect(done.result?.before.meanAbsoluteError).toBeLessThan(0.05);
    expectRecovered({ ...(done.result as CalibrationResult), before: { observations: 24, meanAbsoluteError: 1, withinOnePoint: 0 } });
    expect(await trpcCodeOf(other.caller.calibration.get({ id: run.id }))).toBe("NOT_FOUND");
  }, 600_000);
});
