import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentIndicatorValues, organisations, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { createOrganisation } from "@/server/orgs/service";
import { ruleSetIndicators, type CurrentPeer } from "@/server/scoring/current/score-current";
import { currentPeersOf } from "@/server/scoring/current/store/current-values";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/**
 * scoring.md §5 for the 100-point rule sets: koubei_current_peer_values applies the same privacy
 * rule as koubei_peer_values (one masking text, db/peer-cohorts.ts). Values are written straight
 * into the cache the cohorts read, as an attacker would choose its own shops' facts.
 */
const DAY = "2026-06-01";
const RULE_SET = "douyin-shop-2026-07";
const MIN_ORGS = 3;
const ruleSet = findPointsRuleSet(RULE_SET);
if (!ruleSet) throw new Error(RULE_SET);
const codes = ruleSetIndicators(ruleSet);
const [FIRST, SECOND] = codes;

let t: TestDatabase;
let asker = "";

async function org(name: string, options: { demo?: boolean; benchmarking?: boolean } = {}): Promise<string> {
  const { orgId } = await createOrganisation(t.handle, { name, kind: "brand", ownerUserId: null, demo: options.demo });
  if (options.benchmarking === false) await withTenant(t.handle, { orgId }, (tx) => tx.update(organisations).set({ benchmarking: false }).where(eq(organisations.orgId, orgId)));
  return orgId;
}

/** A shop of `orgId` in `category` whose cached values are `value` at every position (null: only FIRST has one). */
async function shop(orgId: string, category: string, value: number, options: { eligible?: boolean; archived?: boolean; onlyFirst?: boolean } = {}): Promise<void> {
  await withTenant(t.handle, { orgId }, async (tx) => {
    const [row] = await tx
      .insert(shops)
      .values({ orgId, externalId: `s-${Math.random().toString(36).slice(2)}`, name: "shop", categoryCode: category, ruleSet: RULE_SET, archivedAt: options.archived ? new Date() : null })
      .returning();
    if (!row) throw new Error("no shop");
    const values = codes.map((code) => (options.onlyFirst && code !== FIRST ? Number.NaN : value));
    await tx.insert(currentIndicatorValues).values({ orgId, shopId: row.id, ruleSet: RULE_SET, day: DAY, factsVersion: row.rollupVersion, categoryCode: category, eligible: options.eligible ?? true, values });
  });
}

const peersSeenBy = (orgId: string): Promise<CurrentPeer[]> => withTenant(t.handle, { orgId }, (tx) => currentPeersOf(tx, ruleSet, DAY));
const valuesOf = (peers: readonly CurrentPeer[], code = FIRST) => peers.flatMap((p) => (code && p.values[code] !== undefined ? [p.values[code]] : [])).sort();

beforeAll(async () => {
  t = await openTestDatabase({ peerMinOrgs: MIN_ORGS });
  asker = await org("asker");
  await shop(asker, "apparel", 0.5);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("other organisations' shops in the current rules' cohorts", () => {
  it("shows nothing while fewer than the minimum of other organisations hold an indicator", async () => {
    for (const name of ["a", "b"]) await shop(await org(name), "apparel", 0.9);
    const peers = await peersSeenBy(asker);
    expect(valuesOf(peers)).toEqual([]);
  });

  it("lets values in once enough organisations hold them, with their category's count only where the category has enough", async () => {
    const c = await org("c");
    await shop(c, "beauty", 0.7);
    const peers = await peersSeenBy(asker);
    expect(valuesOf(peers)).toEqual([0.7, 0.9, 0.9]);
    // apparel holds two other organisations (< 3): its values rank only in the all-categories cohort; the pool counts three.
    expect(peers.map((p) => [p.categoryCode, FIRST ? p.categoryOrgs[FIRST] : -1]).sort()).toEqual([
      ["apparel", 0],
      ["apparel", 0],
      ["beauty", 0],
    ]);
    await shop(c, "apparel", 0.8);
    const after = await peersSeenBy(asker);
    expect(after.filter((p) => p.categoryCode === "apparel").map((p) => (FIRST ? p.categoryOrgs[FIRST] : -1))).toEqual([3, 3, 3]);
  });

  it("counts organisations per indicator: a value others lack stays hidden", async () => {
    const d = await org("d");
    await shop(d, "apparel", 0.6, { onlyFirst: true });
    const peers = await peersSeenBy(asker);
    expect(valuesOf(peers, FIRST)).toContain(0.6);
    // SECOND is held by a, b and c only among others: still three, so visible; d contributes no SECOND value.
    expect(valuesOf(peers, SECOND)).toEqual([0.7, 0.8, 0.9, 0.9]);
  });

  it("leaves out the asker's own shops, ineligible and archived shops, organisations that do not benchmark, and demo organisations", async () => {
    const before = valuesOf(await peersSeenBy(asker)).length;
    const e = await org("e");
    await shop(e, "apparel", 0.11, { eligible: false });
    await shop(e, "apparel", 0.12, { archived: true });
    await shop(await org("private", { benchmarking: false }), "apparel", 0.13);
    await shop(await org("demo", { demo: true }), "apparel", 0.14);
    await shop(asker, "apparel", 0.15);
    const peers = await peersSeenBy(asker);
    expect(valuesOf(peers)).toHaveLength(before);
    for (const hidden of [0.11, 0.12, 0.13, 0.14, 0.15, 0.5]) expect(valuesOf(peers)).not.toContain(hidden);
  });

  it("gives a non-benchmarking asker nothing", async () => {
    const quiet = await org("quiet asker", { benchmarking: false });
    expect(await peersSeenBy(quiet)).toEqual([]);
  });
});
