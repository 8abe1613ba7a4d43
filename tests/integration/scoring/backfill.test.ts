import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisations, scoreSnapshots, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { backfillScores } from "@/server/scoring/backfill";
import { summaryFromColumns, type ScoreExplanation, type ScoreSummary } from "@/server/scoring/explain";
import { refreshAllStaleRollups } from "@/server/scoring/refresh";
import { scoreOrganisationDay } from "@/server/scoring/service";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

const TODAY = "2026-06-01";
let t: TestDatabase;
const orgIds: Record<"own" | "peer" | "private", string> = { own: "", peer: "", private: "" };

async function seedOrg(name: string, shopCount: number, seedBase: number): Promise<string> {
  const { orgId } = await createOrganisation(t.handle, { name, kind: "agency", ownerUserId: null });
  await withTenant(t.handle, { orgId }, async (tx) => {
    for (let i = 0; i < shopCount; i++) {
      const category = i % 3 === 0 ? "apparel" : "beauty";
      const [shop] = await tx.insert(shops).values({ orgId, externalId: `${name}-${i}`, name: `${name} ${i}`, categoryCode: category }).returning();
      const facts = generateShopFacts({
        seed: seedBase + i,
        keyPrefix: `${name}${i}`,
        firstDay: addDays(TODAY, -110),
        days: 110,
        ordersPerDay: 2 + (i % 3),
        notAfter: shanghaiMidnight(TODAY),
      });
      await insertShopFacts(tx, orgId, shop?.id ?? "", facts);
    }
  });
  return orgId;
}

beforeAll(async () => {
  // Two benchmarking organisations rank together only in a trusted group (scoring.md §5).
  t = await openTestDatabase({ peerMinOrgs: 1 });
  orgIds.own = await seedOrg("own", 5, 10);
  orgIds.peer = await seedOrg("peer", 4, 20);
  orgIds.private = await seedOrg("private", 3, 30);
  await withTenant(t.handle, { orgId: orgIds.private }, (tx) => tx.update(organisations).set({ benchmarking: false }).where(eq(organisations.orgId, orgIds.private)));
  await refreshAllStaleRollups(t.handle);
}, 600_000);
afterAll(async () => {
  await t?.close();
});

async function storedResults(orgId: string, day: string) {
  const rows = await withTenant(t.handle, { orgId }, (tx) =>
    tx.select().from(scoreSnapshots).where(and(eq(scoreSnapshots.orgId, orgId), eq(scoreSnapshots.day, day))),
  );
  return new Map(rows.map((r) => [r.entityId, r]));
}

/** Each older day's stored summary of the own organisation against a one-day scoring of that day, to the last digit. */
async function expectSameAsOneDayScores(): Promise<void> {
  for (let back = 1; back <= 3; back++) {
    const day = addDays(TODAY, -back);
    const summaries = await storedResults(orgIds.own, day);
    expect(summaries.size).toBe(5);
    const full = await scoreOrganisationDay(t.handle, { orgId: orgIds.own, kind: "shop", day });
    expect(full.length).toBe(5);
    let scored = 0;
    for (const record of full) {
      const stored = summaries.get(record.entity.id);
      if (!stored) throw new Error(`no summary stored for ${record.entity.id} on ${day}`);
      expect(stored.result).toBeNull();
      const summary = summaryFromColumns(record.ruleSet, stored);
      const e = record.explanation;
      expect(stored?.state).toBe(e.state);
      expect(stored?.overall).toBe(e.overall);
      expect(stored?.beatsPercent).toBe(e.beatsPercent);
      expect(summary.validOrders).toBe(e.validOrders);
      // An indicator the explanation leaves out must not appear in the summary either.
      const explained = new Set<string>(e.dimensions.flatMap((d) => d.indicators.map((i) => i.code)));
      for (const code of Object.keys(summary.indicators)) expect(explained.has(code), `${day} ${code}`).toBe(true);
      for (const dimension of e.dimensions) {
        const s = summary.dimensions.find((d) => d.code === dimension.code);
        expect(s?.composite, `${day} ${dimension.code}`).toBe(dimension.composite);
        expect(s?.score, `${day} ${dimension.code}`).toBe(dimension.score);
        for (const indicator of dimension.indicators) {
          const si = summary.indicators[indicator.code as keyof ScoreSummary["indicators"]];
          expect(si?.value ?? null, `${day} ${indicator.code}`).toBe(indicator.value);
          if (e.state === "scored") expect(si?.percentile ?? null, `${day} ${indicator.code}`).toBe(indicator.percentile);
        }
      }
      if (e.state === "scored") scored += 1;
    }
    // The comparison means something only if shops were ranked against a cohort.
    expect(scored).toBeGreaterThan(0);
  }
}

describe("history backfill", () => {
  it("stores the same numbers, to the last digit, as scoring each day on its own", async () => {
    const from = addDays(TODAY, -3);
    // The private organisation is scored too, but it does not benchmark: it must not be anyone's peer.
    const snapshots = await backfillScores(t.handle, { orgIds: [orgIds.own, orgIds.private], from, to: TODAY });
    expect(snapshots).toBe((5 + 3) * 4);

    // The newest day carries the full explanation; older days carry summaries.
    const newest = await storedResults(orgIds.own, TODAY);
    expect(newest.size).toBe(5);
    for (const row of newest.values()) expect((row.result as unknown as ScoreExplanation).dimensions[0]?.indicators.length).toBeGreaterThan(0);

    await expectSameAsOneDayScores();
  });

  it("writes nothing for the organisations it only ranks against", async () => {
    const beforePeer = await storedResults(orgIds.peer, addDays(TODAY, -2));
    expect(beforePeer.size).toBe(0);
    const privateRows = await storedResults(orgIds.private, addDays(TODAY, -2));
    expect(privateRows.size).toBe(3);
  });

  it("rewrites days it stored before with the same numbers (the upsert path)", async () => {
    const day = addDays(TODAY, -2);
    const backfill = () => backfillScores(t.handle, { orgIds: [orgIds.own], from: addDays(TODAY, -3), to: TODAY });
    await backfill();
    const before = await storedResults(orgIds.own, day);
    expect(before.size).toBe(5);
    for (const row of before.values()) expect(row.indicatorValues).not.toBeNull();
    await backfill();
    const after = await storedResults(orgIds.own, day);
    expect(after.size).toBe(5);
    for (const [entityId, row] of before) {
      const again = after.get(entityId);
      expect(again?.computedAt.getTime()).toBeGreaterThan(row.computedAt.getTime());
      expect({ ...again, computedAt: null }).toEqual({ ...row, computedAt: null });
    }
  });

  it("applies the privacy rule of cohorts as the one-day path does", async () => {
    // Two other organisations must share a cohort: apparel gets a second one, beauty keeps one
    // (its peers then rank only across categories).
    await t.setPeerMinOrgs(2);
    await seedOrg("peer2", 1, 40);
    await refreshAllStaleRollups(t.handle);
    const from = addDays(TODAY, -3);
    await backfillScores(t.handle, { orgIds: [orgIds.own], from, to: TODAY });
    await expectSameAsOneDayScores();
    const [record] = await scoreOrganisationDay(t.handle, { orgId: orgIds.own, kind: "shop", day: TODAY });
    const cohort = record?.explanation.dimensions[0]?.indicators.find((i) => !i.missing)?.cohort;
    expect(cohort).toMatchObject({ scope: "peers", organisations: 3 });
  });
});
