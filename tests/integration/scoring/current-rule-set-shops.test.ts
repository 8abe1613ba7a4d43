import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant";
import { updateEntity } from "@/server/entities/service";
import { whatIf } from "@/server/insight/outlook";
import { systemScope } from "@/server/lib/scope";
import { portfolioFile } from "@/server/portfolio/export";
import { portfolioPage } from "@/server/portfolio/page";
import { CURRENT_HISTORY_DAYS } from "@/server/scoring/current/backfill";
import { entityScore } from "@/server/scoring/queries";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { loadCurrentSamples, loadExpectedCurrent } from "../../helpers/current-samples";
import { loadCurrentSamplesIntoDb, type LoadedCurrentSamples } from "../../helpers/load-current-samples-into-db";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/**
 * A shop switched to today's rules is scored by them wherever the app reads stored scores: the
 * score read (explanation with the current section), its history, and the portfolio; tools built
 * on the 5-point internals refuse it in words.
 */
const DAY = "2026-05-20";
let t: TestDatabase;
let loaded: LoadedCurrentSamples;
let orgId: string;
let shopId: string;

beforeAll(async () => {
  t = await openTestDatabase({ peerMinOrgs: 1 });
  loaded = await loadCurrentSamplesIntoDb(t.handle, loadCurrentSamples());
  orgId = loaded.orgIds.get("org1") ?? "";
  shopId = [...loaded.shopKeyOf].find(([, key]) => key === "b01")?.[0] ?? "";
  // One rescore of b01's organisation after the switch: its 5-point shops and b01 under today's rules
  // (the other organisation's shops join b01's cohorts through the current rules' value cache).
  const updated = await withTenant(t.handle, { orgId }, (tx) => updateEntity(tx, systemScope(orgId), "shop", { id: shopId, ruleSet: "douyin-shop-2026-07" }));
  expect(updated.rescoreScheduled).toBe(true);
  await rescoreOrganisation(t.handle, orgId, DAY);
}, 900_000);
afterAll(async () => {
  await t?.close();
});

describe("a shop under douyin-shop-2026-07", () => {
  it("reads its stored score as the independent implementation computed it, with the current section", async () => {
    const expected = loadExpectedCurrent("douyin-shop-2026-07").b01 as { score100: number; score5: number };
    const score = await withTenant(t.handle, { orgId }, (tx) => entityScore(tx, systemScope(orgId), "shop", shopId, { today: DAY }));
    const e = score.latest?.explanation;
    expect(score.entity.ruleSet).toBe("douyin-shop-2026-07");
    expect(score.latest?.day).toBe(DAY);
    expect(Math.abs((e?.overall ?? NaN) - expected.score100)).toBeLessThan(1e-9);
    expect(e?.current).toMatchObject({ family: "douyin-100", stage: "formal", score5: expected.score5 });
    expect(score.dimensions.map((d) => d.code)).toEqual(["product", "logistics", "service"]);
    expect(score.history.length).toBe(CURRENT_HISTORY_DAYS);
    expect(score.history.at(-1)?.overallShown).toBe(e?.overallShown);
    // 84.9 with product 80 on the day: 精选联盟 (≥ 70, product ≥ 65) and lucky-bag (product 75+, logistics 75+, service 70+) are met.
    const thresholds = new Map((score.currentThresholds ?? []).map((th) => [th.code, th]));
    expect(thresholds.get("alliance")).toMatchObject({ status: "met", minScore: 70, minDimensions: { product: 65 } });
    expect(thresholds.get("lucky_bag")?.status).toBe("met");
    expect(thresholds.get("brand_badge")).toMatchObject({ days: 30, daysKnown: 30 });
    expect(thresholds.has("restricted_exit")).toBe(false);
  });

  it("shows in the portfolio on the 100-point scale beside the 5-point shops", async () => {
    const page = await withTenant(t.handle, { orgId }, (tx) => portfolioPage(tx, systemScope(orgId), { filters: { kind: "shop" } }));
    const row = page.rows.find((r) => r.id === shopId);
    expect(row?.scale.scoreBounds).toEqual({ min: 50, max: 100 });
    expect(row?.overall?.shown).toBe(84.9);
    const other = page.rows.find((r) => r.id !== shopId && r.overall !== null);
    expect(other?.scale.scoreBounds).toEqual({ min: 3, max: 5 });
    // The risk column names the 100-point thresholds; 5-point rows keep the forecast risk.
    expect(row?.currentThresholds?.find((th) => th.code === "alliance")).toMatchObject({ status: "met" });
    expect(other?.currentThresholds).toBeNull();
    const file = await portfolioFile("csv", page.rows, { locale: "en" });
    expect(String(file.body)).toContain("Thresholds not met (100-point rules)");
  });

  it("what-if, built on the 5-point indicators, refuses it in words", async () => {
    await expect(withTenant(t.handle, { orgId }, (tx) => whatIf(tx, systemScope(orgId), "shop", { id: shopId, changes: [] }))).rejects.toMatchObject({ messageKey: "errors.notUnderCurrentRules" });
  });
});
