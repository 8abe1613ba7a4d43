import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { refreshAllStaleRollups } from "@/server/scoring/refresh";
import { scoreOrganisationDay, type ScoredRecord } from "@/server/scoring/service";
import { loadCanonicalSamples, loadExpected } from "../../helpers/canonical-samples";
import { loadSamplesIntoDb } from "../../helpers/load-samples-into-db";
import { callerFor } from "../../helpers/callers";
import { createUser } from "@/server/users/service";
import { withTenant } from "@/server/db/tenant";
import { memberships } from "@/db/schema";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/**
 * The same expected files as the unit goldens, but through the database: facts tables → roll-ups
 * → cached values → cross-organisation cohort (two organisations) → snapshots.
 */
const DAY = "2026-05-20";
const TOLERANCE = 1e-9;

type Expected = {
  state: string;
  validOrders: number;
  overall?: number;
  beatsPercent?: number;
  dimensions?: Record<string, { composite: number; score: number }>;
  indicators: Record<string, { value: number; percentile?: number; cohortSize?: number; fallback?: boolean }>;
};

let t: TestDatabase;
let ids: Awaited<ReturnType<typeof loadSamplesIntoDb>>;

beforeAll(async () => {
  t = await openTestDatabase();
  ids = await loadSamplesIntoDb(t.handle, loadCanonicalSamples());
  await refreshAllStaleRollups(t.handle);
}, 600_000);
afterAll(async () => {
  await t?.close();
});

async function scoreEveryOrg(kind: EntityKind, ruleSetName: string): Promise<Map<string, ScoredRecord>> {
  const byId = new Map<string, ScoredRecord>();
  for (const orgId of ids.orgIds.values()) {
    for (const record of await scoreOrganisationDay(t.handle, { orgId, kind, day: DAY, ruleSetName })) byId.set(record.entity.id, record);
  }
  return byId;
}

function compare(key: string, record: ScoredRecord | undefined, expected: Expected) {
  expect(record, key).toBeDefined();
  const e = record?.explanation;
  if (!e) return;
  expect(e.state, key).toBe(expected.state);
  expect(e.validOrders, key).toBe(expected.validOrders);
  if (expected.overall !== undefined) expect(e.overall, key).toBeCloseTo(expected.overall, 9);
  if (expected.beatsPercent !== undefined) expect(Math.abs((e.beatsPercent ?? NaN) - expected.beatsPercent), key).toBeLessThan(TOLERANCE);
  for (const dim of e.dimensions) {
    const want = expected.dimensions?.[dim.code];
    if (!want) continue;
    expect(Math.abs((dim.composite ?? NaN) - want.composite), `${key} ${dim.code}.composite`).toBeLessThan(TOLERANCE);
    expect(Math.abs((dim.score ?? NaN) - want.score), `${key} ${dim.code}.score`).toBeLessThan(TOLERANCE);
  }
  const present = e.dimensions.flatMap((d) => d.indicators).filter((i) => !i.missing);
  expect(present.map((i) => i.code).sort(), key).toEqual(Object.keys(expected.indicators).sort());
  for (const ind of present) {
    const want = expected.indicators[ind.code];
    if (!want) continue;
    expect(Math.abs((ind.value ?? NaN) - want.value), `${key} ${ind.code}.value`).toBeLessThan(TOLERANCE);
    if (want.percentile !== undefined) {
      expect(Math.abs((ind.percentile ?? NaN) - want.percentile), `${key} ${ind.code}.percentile`).toBeLessThan(TOLERANCE);
      expect(ind.cohortSize, `${key} ${ind.code}.cohortSize`).toBe(want.cohortSize);
      expect(ind.fallback, `${key} ${ind.code}.fallback`).toBe(want.fallback);
    }
  }
}

describe("golden samples through the database", () => {
  it.each(["douyin-shop-v1", "douyin-shop-v1.1"])("every shop under %s", async (ruleSetName) => {
    const expected = loadExpected(ruleSetName) as Record<string, Expected>;
    const scored = await scoreEveryOrg("shop", ruleSetName);
    expect(scored.size).toBe(Object.keys(expected).length);
    for (const [key, want] of Object.entries(expected)) compare(key, scored.get(ids.shopIds.get(key) ?? ""), want);
  });

  it("every creator account under douyin-creator-v1", async () => {
    const expected = loadExpected("douyin-creator-v1") as Record<string, Expected>;
    const scored = await scoreEveryOrg("creator", "douyin-creator-v1");
    for (const [key, want] of Object.entries(expected)) compare(key, scored.get(ids.creatorIds.get(key) ?? ""), want);
  });

  it("serves the stored score, explanation and history through the router, to members only", async () => {
    await scoreEveryOrg("shop", "douyin-shop-v1");
    const expected = loadExpected("douyin-shop-v1") as Record<string, Expected>;
    const org1 = ids.orgIds.get("org1") ?? "";
    const member = await createUser(t.handle, { email: `member-${Date.now()}@example.test`, password: "password123", name: "m" });
    await withTenant(t.handle, { orgId: org1 }, (tx) => tx.insert(memberships).values({ orgId: org1, userId: member.id, role: "viewer" }));
    const caller = await callerFor(t.handle, member.id, org1);
    const s002 = ids.shopIds.get("s002") ?? "";
    const score = await caller.scores.shop({ id: s002 });
    expect(score.latest?.day).toBe(DAY);
    expect(score.latest?.explanation.overall).toBeCloseTo(expected.s002?.overall ?? NaN, 9);
    expect(score.history.map((h) => h.day)).toContain(DAY);
    const rows = await caller.scores.portfolio();
    expect(rows.find((r) => r.shop.id === s002)?.score?.overall).toBeCloseTo(expected.s002?.overall ?? NaN, 9);
    // A shop of the other organisation is simply not found.
    const otherShop = [...ids.shopIds.entries()].find(([key]) => key !== "s002" && !rows.some((r) => r.shop.id === ids.shopIds.get(key)))?.[1] ?? "";
    await expect(caller.scores.shop({ id: otherShop })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("recomputation is deterministic to the last digit", async () => {
    const first = await scoreEveryOrg("shop", "douyin-shop-v1");
    const second = await scoreEveryOrg("shop", "douyin-shop-v1");
    for (const [id, record] of first) expect(JSON.stringify(second.get(id)?.explanation)).toBe(JSON.stringify(record.explanation));
  });
});
