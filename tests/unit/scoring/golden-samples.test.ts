import { describe, expect, it } from "vitest";
import { computeIndicatorValues, valueMapOf } from "@/server/scoring/indicator-values";
import { getRuleSet, type RuleSetName } from "@/server/scoring/rule-sets";
import { buildDailyRollups } from "@/server/scoring/rollups";
import { scoreDay, type EntityScore } from "@/server/scoring/score-day";
import {
  loadCanonicalSamples,
  loadExpected,
  type SampleEntity,
} from "@/tests/helpers/canonical-samples";

/**
 * The expected files were computed from the canonical samples by an independent implementation
 * of scoring.md. Every entity, every number, to 1e-9.
 */
const DAY = "2026-05-20";
const TOLERANCE = 1e-9;

type ExpectedIndicator = {
  value: number;
  percentile?: number;
  cohortSize?: number;
  fallback?: boolean;
};
type ExpectedEntity = {
  state: "scored" | "insufficient_data";
  validOrders: number;
  overall?: number;
  beatsPercent?: number;
  dimensions?: Record<string, { composite: number; score: number }>;
  indicators: Record<string, ExpectedIndicator>;
};

const samples = loadCanonicalSamples();

function scoreAll(ruleSetName: RuleSetName, entities: readonly SampleEntity[]): EntityScore[] {
  const inputs = entities.map((entity) => {
    const values = computeIndicatorValues(buildDailyRollups(entity.facts), DAY);
    return {
      key: entity.key,
      categoryCode: entity.categoryCode,
      validOrders: values.validOrders,
      values: valueMapOf(values),
    };
  });
  return scoreDay({ ruleSet: getRuleSet(ruleSetName), entities: inputs });
}

function close(
  actual: number | null | undefined,
  expected: number | undefined,
  label: string,
): void {
  expect(actual, label).toBeTypeOf("number");
  expect(expected, label).toBeTypeOf("number");
  expect(
    Math.abs((actual ?? Number.NaN) - (expected ?? Number.NaN)),
    `${label}: ${actual} vs ${expected}`,
  ).toBeLessThanOrEqual(TOLERANCE);
}

const cases = [
  { ruleSetName: "douyin-shop-v1", entities: samples.shops },
  { ruleSetName: "douyin-shop-v1.1", entities: samples.shops },
  { ruleSetName: "douyin-creator-v1", entities: samples.creators },
] as const;

describe.each(cases)(
  "golden samples as of 2026-05-20: $ruleSetName",
  ({ ruleSetName, entities }) => {
    const expected = loadExpected(ruleSetName, DAY) as Record<string, ExpectedEntity>;
    const results = scoreAll(ruleSetName, entities);

    it("scores exactly the entities of the expected file", () => {
      expect(results.map((r) => r.key).sort()).toEqual(Object.keys(expected).sort());
    });

    it.each(results.map((result) => [result.key, result] as const))("%s", (key, result) => {
      const want = expected[key];
      if (!want) throw new Error(`no expected entry for ${key}`);
      expect(result.state, "state").toBe(want.state);
      expect(result.validOrders, "validOrders").toBe(want.validOrders);

      // Missing indicators are absent from the expected file; ours must be absent too.
      expect(Object.keys(result.indicators).sort(), "present indicators").toEqual(
        Object.keys(want.indicators).sort(),
      );
      for (const [code, wantIndicator] of Object.entries(want.indicators)) {
        const got = (result.indicators as Record<string, Partial<ExpectedIndicator> | undefined>)[
          code
        ];
        close(got?.value, wantIndicator.value, `${code}.value`);
        if (result.state === "scored") {
          close(got?.percentile, wantIndicator.percentile, `${code}.percentile`);
          expect(got?.cohortSize, `${code}.cohortSize`).toBe(wantIndicator.cohortSize);
          expect(got?.fallback, `${code}.fallback`).toBe(wantIndicator.fallback);
        }
      }

      if (result.state !== "scored") {
        expect(want.overall).toBeUndefined();
        return;
      }
      const wantDimensions = want.dimensions ?? {};
      expect(Object.keys(result.dimensions).sort(), "dimensions").toEqual(
        Object.keys(wantDimensions).sort(),
      );
      for (const [code, wantDimension] of Object.entries(wantDimensions)) {
        const got = (
          result.dimensions as Record<string, { composite: number; score: number } | undefined>
        )[code];
        close(got?.composite, wantDimension.composite, `${code}.composite`);
        close(got?.score, wantDimension.score, `${code}.score`);
      }
      close(result.overall, want.overall, "overall");
      close(result.beatsPercent, want.beatsPercent, "beatsPercent");
    });
  },
);
