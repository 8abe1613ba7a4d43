import { expect } from "vitest";
import type { DbHandle } from "@/db/client";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { scoreOrganisationDay, type ScoredRecord } from "@/server/scoring/service";

/** The day the expected files were computed for, and how far a number may drift from them. */
export const GOLDEN_DAY = "2026-05-20";
export const GOLDEN_TOLERANCE = 1e-9;

/** One entity in `expected-<day>-<rule set>.json` (numbers unrounded). */
export type ExpectedScore = {
  state: string;
  validOrders: number;
  overall?: number;
  beatsPercent?: number;
  dimensions?: Record<string, { composite: number; score: number }>;
  indicators: Record<string, { value: number; percentile?: number; cohortSize?: number; fallback?: boolean }>;
};

/** Scores every entity of the kind in each organisation as of the golden day, keyed by entity id. */
export async function scoreEveryOrg(handle: DbHandle, orgIds: Iterable<string>, kind: EntityKind, ruleSetName: string): Promise<Map<string, ScoredRecord>> {
  const byId = new Map<string, ScoredRecord>();
  for (const orgId of orgIds) {
    for (const record of await scoreOrganisationDay(handle, { orgId, kind, day: GOLDEN_DAY, ruleSetName })) byId.set(record.entity.id, record);
  }
  return byId;
}

/** Asserts that a scored record matches the independent implementation's numbers, field by field. */
export function expectMatchesGolden(key: string, record: ScoredRecord | undefined, expected: ExpectedScore): void {
  expect(record, key).toBeDefined();
  const e = record?.explanation;
  if (!e) return;
  expect(e.state, key).toBe(expected.state);
  expect(e.validOrders, key).toBe(expected.validOrders);
  if (expected.overall !== undefined) expect(e.overall, key).toBeCloseTo(expected.overall, 9);
  if (expected.beatsPercent !== undefined) expect(Math.abs((e.beatsPercent ?? NaN) - expected.beatsPercent), key).toBeLessThan(GOLDEN_TOLERANCE);
  for (const dim of e.dimensions) {
    const want = expected.dimensions?.[dim.code];
    if (!want) continue;
    expect(Math.abs((dim.composite ?? NaN) - want.composite), `${key} ${dim.code}.composite`).toBeLessThan(GOLDEN_TOLERANCE);
    expect(Math.abs((dim.score ?? NaN) - want.score), `${key} ${dim.code}.score`).toBeLessThan(GOLDEN_TOLERANCE);
  }
  const present = e.dimensions.flatMap((d) => d.indicators).filter((i) => !i.missing);
  expect(present.map((i) => i.code).sort(), key).toEqual(Object.keys(expected.indicators).sort());
  for (const ind of present) {
    const want = expected.indicators[ind.code];
    if (!want) continue;
    expect(Math.abs((ind.value ?? NaN) - want.value), `${key} ${ind.code}.value`).toBeLessThan(GOLDEN_TOLERANCE);
    if (want.percentile !== undefined) {
      expect(Math.abs((ind.percentile ?? NaN) - want.percentile), `${key} ${ind.code}.percentile`).toBeLessThan(GOLDEN_TOLERANCE);
      expect(ind.cohortSize, `${key} ${ind.code}.cohortSize`).toBe(want.cohortSize);
      expect(ind.fallback, `${key} ${ind.code}.fallback`).toBe(want.fallback);
    }
  }
}
