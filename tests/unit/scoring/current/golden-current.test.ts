import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";
import { scoreCurrentDay } from "@/server/scoring/current/score-current";
import type { CurrentScore } from "@/server/scoring/current/result";
import { loadCurrentSamples } from "@/tests/helpers/current-samples";
import { SAMPLES_DIR } from "@/tests/helpers/sample-paths";

const DAY = "2026-05-20";
const TOLERANCE = 1e-9;
const samples = loadCurrentSamples();

type Expected = Record<string, unknown>;

/** Every number and flag of the expected object must be in the actual one (absent indicators are missing: value null). */
function compare(actual: unknown, expected: unknown, where: string, problems: string[]): void {
  if (typeof expected === "number") {
    if (typeof actual !== "number" || !(Math.abs(actual - expected) <= TOLERANCE)) problems.push(`${where}: ${String(actual)} ≠ ${expected}`);
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) problems.push(`${where}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    else expected.forEach((e, i) => compare(actual[i], e, `${where}[${i}]`, problems));
  } else if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") problems.push(`${where}: missing`);
    else for (const [k, v] of Object.entries(expected)) compare((actual as Record<string, unknown>)[k], v, `${where}.${k}`, problems);
  } else if (actual !== expected) problems.push(`${where}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}

describe.each(["douyin-shop-2026-07", "douyin-shop-2026-09", "tiktok-shop-sps"])("%s on the current samples", (name) => {
  const expected = JSON.parse(readFileSync(path.join(SAMPLES_DIR, `current/expected-${DAY}-${name}.json`), "utf8")) as Record<string, Expected>;
  const ruleSet = findPointsRuleSet(name);
  if (!ruleSet) throw new Error(name);
  const results = new Map<string, CurrentScore>(scoreCurrentDay({ ruleSet, day: DAY, shops: samples }).map((r) => [r.key, r]));

  it("scores every shop of the expected file, and only those", () => {
    expect([...results.keys()].sort()).toEqual(Object.keys(expected).sort());
  });

  it("matches every number of the independent implementation", () => {
    const problems: string[] = [];
    for (const [key, want] of Object.entries(expected)) {
      const got = results.get(key);
      compare(got, want, key, problems);
      const indicators = (want.indicators ?? {}) as Record<string, unknown>;
      for (const [code, result] of Object.entries(got?.indicators ?? {})) {
        if (!(code in indicators) && result.value !== null) problems.push(`${key}.indicators.${code}: ${result.value} where the expected file has it missing`);
      }
    }
    const kinds = new Map<string, number>();
    for (const p of problems) {
      const k = p.split(":")[0]?.replace(/^[^.]+\./, "") ?? "";
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    expect({ kinds: Object.fromEntries(kinds), first: problems.slice(0, 12) }).toEqual({ kinds: {}, first: [] });
  });
});
