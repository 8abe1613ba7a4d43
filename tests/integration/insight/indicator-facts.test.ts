import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { withTenant } from "@/server/db/tenant";
import { indicatorFacts } from "@/server/insight/indicator-facts";
import { systemScope } from "@/server/lib/scope";
import { refreshAllStaleRollups } from "@/server/scoring/refresh";
import { RULE_SET_NAMES, getRuleSet } from "@/server/scoring/rule-sets";
import { scoreOrganisationDay } from "@/server/scoring/service";
import { loadCanonicalSamples } from "../../helpers/canonical-samples";
import { importSampleExports, loadSamplesIntoDb } from "../../helpers/load-samples-into-db";
import { DOUYIN_EXPORTS_DIR } from "../../helpers/sample-paths";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/**
 * The drill-down on a real database: four shops come in through the importer from the platform's
 * exports, the rest are written directly. For every indicator of every rule set, the listed
 * facts of each entity add up to the numerator and denominator of the explanation the scoring
 * service stores for that entity and day — on the golden day and on a day after the last fact.
 */
const IMPORTED = new Set(fs.readdirSync(DOUYIN_EXPORTS_DIR));
const DAYS = ["2026-05-20", "2026-07-01"];
const TOLERANCE = 1e-6;

let t: TestDatabase;
let ids: Awaited<ReturnType<typeof loadSamplesIntoDb>>;

beforeAll(async () => {
  t = await openTestDatabase({ peerMinOrgs: 1 });
  const samples = loadCanonicalSamples();
  ids = await loadSamplesIntoDb(t.handle, samples, { withoutFactsOf: IMPORTED });
  await importSampleExports(t.handle, samples, ids, IMPORTED);
  await refreshAllStaleRollups(t.handle);
}, 600_000);
afterAll(async () => {
  await t?.close();
});

/** The entities checked: every imported shop, a few written ones, and every creator account. */
function checkedEntities(kind: EntityKind): string[] {
  // Creator accounts gather orders across shops, so each check reads far more: every third one
  // (each category and both organisations among them) keeps the file's cost near the shops'.
  if (kind === "creator") return [...ids.creatorIds.values()].filter((_, i) => i % 3 === 0);
  const written = [...ids.shopIds.entries()].filter(([key]) => !IMPORTED.has(key)).slice(0, 4);
  return [...[...IMPORTED].map((key) => ids.shopIds.get(key) ?? ""), ...written.map(([, id]) => id)];
}

describe("the facts behind an indicator", () => {
  for (const ruleSetName of RULE_SET_NAMES) {
    it(`add up to the stored explanation's numerator and denominator for every ${ruleSetName} indicator`, async () => {
      const ruleSet = getRuleSet(ruleSetName);
      const kind = ruleSet.entityKind;
      const wanted = new Set(checkedEntities(kind));
      let compared = 0;
      for (const day of DAYS) {
        for (const orgId of ids.orgIds.values()) {
          const records = await scoreOrganisationDay(t.handle, { orgId, kind, day, ruleSetName });
          for (const record of records.filter((r) => wanted.has(r.entity.id))) {
            await withTenant(t.handle, { orgId }, async (tx) => {
              for (const indicator of record.explanation.dimensions.flatMap((d) => d.indicators)) {
                const listed = await indicatorFacts(tx, systemScope(orgId), { kind, id: record.entity.id, indicator: indicator.code, day });
                const numerator = listed.lines.reduce((sum, line) => sum + line.numerator, 0);
                const denominator = listed.lines.reduce((sum, line) => sum + line.denominator, 0);
                const label = `${record.entity.externalId} ${indicator.code} ${day}`;
                expect(Math.abs(numerator - (indicator.numerator ?? 0)), label).toBeLessThanOrEqual(TOLERANCE);
                expect(Math.abs(denominator - (indicator.denominator ?? 0)), label).toBeLessThanOrEqual(TOLERANCE);
                expect(listed.indicator.numerator, label).toBe(indicator.numerator);
                expect(listed.indicator.denominator, label).toBe(indicator.denominator);
                expect(listed.rows).toHaveLength(listed.lines.length);
                compared++;
              }
            });
          }
        }
      }
      expect(compared).toBeGreaterThanOrEqual(DAYS.length * wanted.size * 5);
    }, 300_000);
  }

  it("shows order numbers and products of imported shops, and no buyer data", async () => {
    const shopKey = [...IMPORTED].sort()[0] ?? "";
    const orgKey = loadCanonicalSamples().shops.find((s) => s.key === shopKey)?.orgKey ?? "";
    const orgId = ids.orgIds.get(orgKey) ?? "";
    const listed = await withTenant(t.handle, { orgId }, (tx) =>
      indicatorFacts(tx, systemScope(orgId), { kind: "shop", id: ids.shopIds.get(shopKey) ?? "", indicator: "quality_return_rate", day: "2026-05-20" }),
    );
    const returns = listed.rows.filter((row) => row.countsInNumerator);
    expect(returns.length).toBeGreaterThan(0);
    for (const row of returns) {
      expect(row.hurting).toBe(true);
      expect(row.ref).toBe(row.orderId);
      expect(row.ref).not.toMatch(/^\t|:/);
    }
    expect(listed.rows.some((row) => row.productName)).toBe(true);
    // Exactly these fields: order numbers, products, days, reasons and the weights; nothing of the buyer.
    const fields = new Set(listed.rows.flatMap((row) => Object.keys(row)));
    expect([...fields].sort()).toEqual(
      ["chatTurns", "chatTurnsAnswered", "complaintKind", "countsInNumerator", "day", "denominator", "hours", "hurting", "kind", "leavesWindowOn", "numerator", "orderId", "productName", "reason", "ref", "shopName", "stars", "weight"].sort(),
    );
  });

  it("refuses an indicator code the catalogue does not have", async () => {
    const orgId = [...ids.orgIds.values()][0] ?? "";
    const shopId = [...ids.shopIds.values()][0] ?? "";
    await expect(withTenant(t.handle, { orgId }, (tx) => indicatorFacts(tx, systemScope(orgId), { kind: "shop", id: shopId, indicator: "no_such_indicator" }))).rejects.toMatchObject({ code: "BAD_INPUT", messageKey: "errors.unknownIndicator" });
  });
});
