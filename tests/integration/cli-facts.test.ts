import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { getRuleSet, type RuleSetName } from "@/server/scoring/rule-sets";
import { loadCanonicalSamples } from "../helpers/canonical-samples";
import { loadSamplesIntoDb } from "../helpers/load-samples-into-db";
import { cliDatabase, runCli } from "../helpers/run-cli";

/**
 * The `koubei facts` contract as acceptance checks use it: one line per fact, whose numerator and
 * denominator add up to the indicator's numerator and denominator in `koubei score` for the same
 * entity and day, for every indicator of every rule set.
 */
type FactLine = { ref: string; day: string; leavesWindowOn: string; weight: number; numerator: number; denominator: number };
type ScoreLine = { ruleSet: string; indicators: Record<string, { numerator: number; denominator: number }> };

const cli = cliDatabase("koubei-cli-facts-", {
  // The expected files rank both sample organisations together: a trusted group (scoring.md §5).
  peerMinOrgs: 1,
  seed: async (handle) => {
    const ids = await loadSamplesIntoDb(handle, loadCanonicalSamples());
    // One shop scored under v1.1, so its pickup and transit indicators are in `koubei score` too.
    const orgId = ids.orgIds.get("org1") ?? "";
    await withTenant(handle, { orgId }, (tx) => tx.update(shops).set({ ruleSet: "douyin-shop-v1.1" }).where(and(eq(shops.orgId, orgId), eq(shops.externalId, "s004"))));
  },
});

/**
 * The first, middle and last indicator of each rule set: each command pays for its own start, and
 * the sums themselves are checked for every indicator on both databases in-process
 * (tests/integration/insight/indicator-facts); here the command's lines are what is under test.
 */
const spread = (codes: string[]) => [...new Set([codes[0], codes[Math.floor(codes.length / 2)], codes[codes.length - 1]])].filter((c): c is string => Boolean(c));

const CASES: { ruleSet: RuleSetName; entity: string[]; day: string; only?: string[] }[] = [
  { ruleSet: "douyin-shop-v1", entity: ["--shop", "s002"], day: "2026-05-20" },
  { ruleSet: "douyin-shop-v1.1", entity: ["--shop", "s004"], day: "2026-05-20" },
  { ruleSet: "douyin-creator-v1", entity: ["--creator", "a10"], day: "2026-05-20" },
  // A day no history holds, after the last fact: computed from the roll-ups all the same.
  { ruleSet: "douyin-shop-v1", entity: ["--shop", "s002"], day: "2026-07-01", only: ["quality_return_rate", "avg_delivery_hours"] },
];

describe("koubei facts", () => {
  for (const { ruleSet, entity, day, only } of CASES) {
    it(`adds up to koubei score for every ${ruleSet} indicator (${entity.join(" ")}, ${day})`, () => {
      const score = runCli(["score", "--org", "sample org1", ...entity, "--date", day], cli.env);
      expect(score.status, score.stderr).toBe(0);
      const scored = score.json as ScoreLine;
      expect(scored.ruleSet).toBe(ruleSet);
      const codes = only ?? spread(getRuleSet(ruleSet).dimensions.flatMap((d) => d.indicators.map((i) => i.code)));
      expect(Object.keys(scored.indicators).length).toBeGreaterThan(0);
      for (const code of codes) {
        const result = runCli(["facts", "--org", "sample org1", ...entity, "--indicator", code, "--date", day], cli.env);
        expect(result.status, result.stderr).toBe(0);
        const lines = result.stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as FactLine);
        const want = scored.indicators[code] ?? { numerator: 0, denominator: 0 };
        const sum = (pick: (l: FactLine) => number) => lines.reduce((total, l) => total + pick(l), 0);
        expect(Math.abs(sum((l) => l.numerator) - want.numerator), code).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(sum((l) => l.denominator) - want.denominator), code).toBeLessThanOrEqual(1e-6);
        for (const line of lines) {
          expect(Object.keys(line).sort(), code).toEqual(["day", "denominator", "leavesWindowOn", "numerator", "ref", "weight"]);
          expect(line.ref, code).toMatch(/\S/);
          expect(line.numerator !== 0 || line.denominator !== 0, code).toBe(true);
          expect(line.leavesWindowOn > day, code).toBe(true);
          expect(line.weight).toBeGreaterThan(0);
        }
      }
    }, 600_000);
  }

  it("a rate lists each fact with its weight as denominator and, when it counts, as numerator; a mean weighs its hours", () => {
    const rate = runCli(["facts", "--org", "sample org1", "--shop", "s002", "--indicator", "good_review_rate", "--date", "2026-05-20"], cli.env);
    const rateLines = rate.stdout.trim().split("\n").map((l) => JSON.parse(l) as FactLine);
    expect(rateLines.length).toBeGreaterThan(10);
    for (const line of rateLines) {
      expect(line.denominator).toBeCloseTo(line.weight, 12);
      expect([0, line.denominator]).toContainEqual(line.numerator);
    }
    const mean = runCli(["facts", "--org", "sample org1", "--shop", "s002", "--indicator", "avg_delivery_hours", "--date", "2026-05-20"], cli.env);
    for (const line of mean.stdout.trim().split("\n").map((l) => JSON.parse(l) as FactLine)) {
      expect(line.denominator).toBeCloseTo(line.weight, 12);
      expect(line.numerator / line.weight).toBeGreaterThan(0);
    }
  }, 300_000);

  it("refuses bad usage with exit 64 and an unknown indicator with exit 2", () => {
    const usage = runCli(["facts", "--org", "sample org1", "--shop", "s002"], cli.env);
    expect(usage.status).toBe(64);
    expect(usage.stderr).toMatch(/--indicator is required/);
    const both = runCli(["facts", "--org", "sample org1", "--shop", "s002", "--creator", "a10", "--indicator", "good_review_rate"], cli.env);
    expect(both.status).toBe(64);
    const unknown = runCli(["facts", "--org", "sample org1", "--shop", "s002", "--indicator", "nope", "--date", "2026-05-20"], cli.env);
    expect(unknown.status, unknown.stderr).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toMatch(/BAD_INPUT/);
  }, 300_000);
});
