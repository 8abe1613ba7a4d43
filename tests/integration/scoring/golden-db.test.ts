import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { refreshAllStaleRollups } from "@/server/scoring/refresh";
import { loadCanonicalSamples, loadExpected } from "../../helpers/canonical-samples";
import { expectMatchesGolden, GOLDEN_DAY, scoreEveryOrg as scoreEveryOrgIn, type ExpectedScore } from "../../helpers/golden-compare";
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
const DAY = GOLDEN_DAY;

let t: TestDatabase;
let ids: Awaited<ReturnType<typeof loadSamplesIntoDb>>;

beforeAll(async () => {
  // The expected files rank both sample organisations together: a trusted group (scoring.md §5).
  t = await openTestDatabase({ peerMinOrgs: 1 });
  ids = await loadSamplesIntoDb(t.handle, loadCanonicalSamples());
  await refreshAllStaleRollups(t.handle);
}, 600_000);
afterAll(async () => {
  await t?.close();
});

const scoreEveryOrg = (kind: EntityKind, ruleSetName: string) => scoreEveryOrgIn(t.handle, ids.orgIds.values(), kind, ruleSetName);

describe("golden samples through the database", () => {
  it.each(["douyin-shop-v1", "douyin-shop-v1.1"])("every shop under %s", async (ruleSetName) => {
    const expected = loadExpected(ruleSetName) as Record<string, ExpectedScore>;
    const scored = await scoreEveryOrg("shop", ruleSetName);
    expect(scored.size).toBe(Object.keys(expected).length);
    for (const [key, want] of Object.entries(expected)) expectMatchesGolden(key, scored.get(ids.shopIds.get(key) ?? ""), want);
  });

  it("every creator account under douyin-creator-v1", async () => {
    const expected = loadExpected("douyin-creator-v1") as Record<string, ExpectedScore>;
    const scored = await scoreEveryOrg("creator", "douyin-creator-v1");
    for (const [key, want] of Object.entries(expected)) expectMatchesGolden(key, scored.get(ids.creatorIds.get(key) ?? ""), want);
  });

  it("serves the stored score, explanation and history through the router, to members only", async () => {
    await scoreEveryOrg("shop", "douyin-shop-v1");
    const expected = loadExpected("douyin-shop-v1") as Record<string, ExpectedScore>;
    const org1 = ids.orgIds.get("org1") ?? "";
    const member = await createUser(t.handle, { email: `member-${Date.now()}@example.test`, password: "password123", name: "m" });
    await withTenant(t.handle, { orgId: org1 }, (tx) => tx.insert(memberships).values({ orgId: org1, userId: member.id, role: "viewer" }));
    const caller = await callerFor(t.handle, member.id, org1);
    const s002 = ids.shopIds.get("s002") ?? "";
    const score = await caller.scores.shop({ id: s002 });
    expect(score.latest?.day).toBe(DAY);
    expect(score.latest?.explanation.overall).toBeCloseTo(expected.s002?.overall ?? NaN, 9);
    expect(score.history.map((h) => h.day)).toContain(DAY);
    const { rows } = await caller.portfolio.page({ pageSize: 100 });
    expect(rows.find((r) => r.id === s002)?.overall?.shown).toBe(score.latest?.explanation.overallShown);
    // A shop of the other organisation is simply not found.
    const otherShop = [...ids.shopIds.entries()].find(([key]) => key !== "s002" && !rows.some((r) => r.id === ids.shopIds.get(key)))?.[1] ?? "";
    await expect(caller.scores.shop({ id: otherShop })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("recomputation is deterministic to the last digit", async () => {
    const first = await scoreEveryOrg("shop", "douyin-shop-v1");
    const second = await scoreEveryOrg("shop", "douyin-shop-v1");
    for (const [id, record] of first) expect(JSON.stringify(second.get(id)?.explanation)).toBe(JSON.stringify(record.explanation));
  });
});
