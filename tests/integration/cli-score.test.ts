import { describe, expect, it } from "vitest";
import { loadCanonicalSamples, loadExpected } from "../helpers/canonical-samples";
import { loadSamplesIntoDb } from "../helpers/load-samples-into-db";
import { cliDatabase, runCli } from "../helpers/run-cli";

/** The `koubei score` JSON contract, on the golden samples, as acceptance checks use it. */
type ScoreLine = {
  entity: { kind: string; id: string; externalId: string; name: string; category: string };
  ruleSet: string;
  date: string;
  state: string;
  validOrders: number;
  overall: number | null;
  beatsPercent: number | null;
  dimensions: Record<string, { composite: number; score: number }>;
  indicators: Record<string, { value: number; numerator: number; denominator: number; percentile?: number; cohortSize?: number; cohortCategory?: string | null; fallback?: boolean; weight?: number; contribution?: number }>;
};

// The expected files rank both sample organisations together: a trusted group (scoring.md §5).
const cli = cliDatabase("koubei-cli-score-", { peerMinOrgs: 1, seed: async (handle) => void (await loadSamplesIntoDb(handle, loadCanonicalSamples())) });

describe("koubei score", () => {
  it("prints one shop's explained score matching the independent implementation", () => {
    const result = runCli(["score", "--org", "sample org1", "--shop", "s002", "--date", "2026-05-20"], cli.env);
    expect(result.status, result.stderr).toBe(0);
    const line = result.json as ScoreLine;
    const expected = loadExpected("douyin-shop-v1").s002 as { overall: number; beatsPercent: number; indicators: Record<string, { value: number; percentile: number; cohortSize: number }> };
    expect(line.entity).toMatchObject({ kind: "shop", externalId: "s002", category: "服饰内衣" });
    expect(line.ruleSet).toBe("douyin-shop-v1");
    expect(line.state).toBe("scored");
    expect(Math.abs((line.overall ?? NaN) - expected.overall)).toBeLessThan(1e-9);
    expect(Math.abs((line.beatsPercent ?? NaN) - expected.beatsPercent)).toBeLessThan(1e-9);
    expect(Object.keys(line.dimensions).sort()).toEqual(["logistics", "product", "service"]);
    const grr = line.indicators.good_review_rate;
    expect(grr?.cohortCategory).toBe("服饰内衣");
    expect(Math.abs((grr?.percentile ?? NaN) - (expected.indicators.good_review_rate?.percentile ?? NaN))).toBeLessThan(1e-9);
    expect(grr?.numerator).toBeGreaterThan(0);
    expect(typeof grr?.contribution).toBe("number");
  }, 300_000);

  it("--all --rule-set prints one line per entity of that kind; --creator takes the author id", () => {
    const all = runCli(["score", "--org", "sample org2", "--all", "--date", "2026-05-20", "--rule-set", "douyin-shop-v1.1"], cli.env);
    expect(all.status, all.stderr).toBe(0);
    const lines = all.json as ScoreLine[];
    const expected = loadExpected("douyin-shop-v1.1") as Record<string, { state: string; overall?: number }>;
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      expect(line.ruleSet).toBe("douyin-shop-v1.1");
      const want = expected[line.entity.externalId];
      expect(line.state).toBe(want?.state);
      if (want?.overall !== undefined) expect(Math.abs((line.overall ?? NaN) - want.overall)).toBeLessThan(1e-9);
    }
    const creator = runCli(["score", "--org", "sample org1", "--creator", "a10", "--date", "2026-05-20"], cli.env);
    expect(creator.status, creator.stderr).toBe(0);
    const c = creator.json as ScoreLine;
    const wantCreator = loadExpected("douyin-creator-v1")["org1:a10"] as { overall: number };
    expect(c.entity.kind).toBe("creator");
    expect(Math.abs((c.overall ?? NaN) - wantCreator.overall)).toBeLessThan(1e-9);
  }, 300_000);

  it("refuses a rule set of the wrong kind and a bad date", () => {
    expectRefusal(["score", "--org", "sample org1", "--shop", "s002", "--date", "2026-13-40"], { status: 64, code: "USAGE", message: /--date must be YYYY-MM-DD, got 2026-13-40/ });
    expectRefusal(["score", "--org", "sample org1", "--shop", "s002", "--date", "2026-05-20", "--rule-set", "douyin-creator-v1"], { status: 64, code: "USAGE", message: /douyin-creator-v1 is for creators/ });
  }, 120_000);

  it("refuses bad usage with exit 64 and unknown names with exit 2, each with its reason on stderr", () => {
    expectRefusal(["score", "--shop", "s002"], { status: 64, code: "USAGE", message: /--org is required/ });
    expectRefusal(["score", "--org", "sample org1", "--date", "2026-05-20"], { status: 64, code: "USAGE", message: /exactly one of --shop, --creator or --all/ });
    expectRefusal(["score", "--org", "sample org1", "--shop", "s002", "--all"], { status: 64, code: "USAGE", message: /exactly one of --shop, --creator or --all/ });
    expectRefusal(["score", "--org", "sample org1", "--shop", "s002", "--rule-set", "no-such-rules"], { status: 64, code: "USAGE", message: /unknown rule set no-such-rules/ });
    expectRefusal(["score", "--org", "no such org", "--shop", "s002"], { status: 2, code: "NOT_FOUND", message: /no such org/ });
    expectRefusal(["score", "--org", "sample org1", "--shop", "s999", "--date", "2026-05-20"], { status: 2, code: "NOT_FOUND", message: /shop/i });
    expectRefusal(["score", "--org", "sample org1", "--creator", "nobody", "--date", "2026-05-20"], { status: 2, code: "NOT_FOUND", message: /creator/i });
    // s011 belongs to the other organisation: named from org1 it does not exist.
    expectRefusal(["score", "--org", "sample org1", "--shop", "s011", "--date", "2026-05-20"], { status: 2, code: "NOT_FOUND", message: /shop/i });
  }, 300_000);
});

/** A refusal is one JSON error line on stderr with this code, nothing on stdout, and this exit code (a crash exits 1 with INTERNAL). */
function expectRefusal(args: string[], want: { status: number; code: string; message: RegExp }) {
  const result = runCli(args, cli.env);
  const label = args.join(" ");
  expect(result.status, `${label}: ${result.stderr}`).toBe(want.status);
  expect(result.stdout, label).toBe("");
  const lines = result.stderr.trim().split("\n").filter(Boolean);
  const error = (JSON.parse(lines.at(-1) ?? "{}") as { error?: { code?: string; message?: string } }).error;
  expect(error?.code, label).toBe(want.code);
  expect(error?.message, label).toMatch(want.message);
}
