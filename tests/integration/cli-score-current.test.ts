import { describe, expect, it } from "vitest";
import { currentDifferences, loadCurrentSamples, loadExpectedCurrent } from "../helpers/current-samples";
import { loadCurrentSamplesIntoDb } from "../helpers/load-current-samples-into-db";
import { cliDatabase, runCli } from "../helpers/run-cli";

/** `koubei score --rule-set douyin-shop-2026-07|douyin-shop-2026-09` (a contract used by acceptance checks), on the current samples. */
type CurrentLine = {
  entity: { kind: string; id: string; externalId: string; name: string; category: string };
  ruleSet: string;
  date: string;
  state: "growth" | "formal";
  validOrders: number;
  score100: number;
  score5: number;
  dimensions: Record<string, { score: number; weight: number }>;
  indicators: Record<string, { value: number | null; numerator: number | null; denominator: number | null; percentile: number | null; band: number | null; weight: number | null; protected: boolean | null }>;
  bonuses: unknown[];
  deductions: unknown[];
};

const DAY = "2026-05-20";
// The expected files rank both sample organisations together: a trusted group (scoring.md §5).
const cli = cliDatabase("koubei-cli-score-current-", { peerMinOrgs: 1, seed: async (handle) => void (await loadCurrentSamplesIntoDb(handle, loadCurrentSamples())) });

const CONTRACT_KEYS = ["entity", "ruleSet", "date", "state", "validOrders", "score100", "score5", "dimensions", "indicators", "bonuses", "deductions"];
const INDICATOR_KEYS = ["value", "numerator", "denominator", "percentile", "band", "weight", "protected"];

describe("koubei score --rule-set (the 100-point rules)", () => {
  // One shop under 2026-09 here; --all below prints every shop of org1 under 2026-07 (each CLI call costs seconds on the embedded database).
  it.each(["douyin-shop-2026-09"])("prints one shop under %s as the independent implementation scored it", (ruleSet) => {
    const result = runCli(["score", "--org", "current org1", "--shop", "b01", "--rule-set", ruleSet, "--date", DAY], cli.env);
    expect(result.status, result.stderr).toBe(0);
    const line = result.json as CurrentLine;
    for (const key of CONTRACT_KEYS) expect(line, key).toHaveProperty(key);
    expect(line.entity).toMatchObject({ kind: "shop", externalId: "b01" });
    expect([line.ruleSet, line.date, line.state]).toEqual([ruleSet, DAY, "formal"]);
    for (const indicator of Object.values(line.indicators)) for (const key of INDICATOR_KEYS) expect(indicator).toHaveProperty(key);
    // b01 has no refunded after-sale in the window: the indicator is printed, missing.
    expect(line.indicators.aftersale_review_hours).toMatchObject({ value: null, numerator: null, denominator: null });
    expect(currentDifferences("b01", line, loadExpectedCurrent(ruleSet).b01 ?? {})).toEqual([]);
  });

  it("prints every shop of the organisation with --all, growth-stage shops with their flat score", () => {
    const result = runCli(["score", "--org", "current org1", "--all", "--rule-set", "douyin-shop-2026-07", "--date", DAY], cli.env);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.json as CurrentLine[];
    for (const line of lines) for (const key of CONTRACT_KEYS) expect(line, key).toHaveProperty(key);
    const expected = loadExpectedCurrent("douyin-shop-2026-07");
    const org1 = loadCurrentSamples().filter((s) => s.orgKey === "org1").map((s) => s.key);
    expect(lines.map((l) => l.entity.externalId).sort()).toEqual([...org1].sort());
    const problems = lines.flatMap((line) => currentDifferences(line.entity.externalId, line, expected[line.entity.externalId] ?? {}));
    expect(problems.slice(0, 10)).toEqual([]);
    const growth = lines.find((l) => l.state === "growth");
    expect(growth?.dimensions).toEqual({});
    expect([60, 70]).toContain(growth?.score100);
  });

  it("recomputes a shop's days under another rule set to compare (--from/--to), the last as the expected file", () => {
    const result = runCli(["score", "--org", "current org1", "--shop", "b01", "--rule-set", "douyin-shop-2026-09", "--from", "2026-05-18", "--to", DAY], cli.env);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.json as CurrentLine[];
    expect(lines.map((l) => l.date)).toEqual(["2026-05-18", "2026-05-19", DAY]);
    expect(currentDifferences("b01", lines[2], loadExpectedCurrent("douyin-shop-2026-09").b01 ?? {})).toEqual([]);
    expect(runCli(["score", "--org", "current org1", "--shop", "b01", "--rule-set", "douyin-shop-2026-09", "--from", DAY, "--to", "2026-05-18"], cli.env).status).not.toBe(0);
  });

  it("refuses a creator under a shop rule set", () => {
    const result = runCli(["score", "--org", "current org1", "--creator", "a1", "--rule-set", "douyin-shop-2026-07", "--date", DAY], cli.env);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("douyin-shop-2026-07");
  });
});
