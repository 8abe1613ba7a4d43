import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { indicatorValues, organisations, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { createOrganisation } from "@/server/orgs/service";
import { INDICATOR_ORDER, type IndicatorCode, type IndicatorValueMap } from "@/server/scoring/indicators";
import { privatePeers, type OrgDayValues } from "@/server/scoring/peer-privacy";
import { WIDTH } from "@/server/scoring/score-kernel";
import { scoreOrganisationDay, type ScoredRecord } from "@/server/scoring/service";
import { peersOf } from "@/server/scoring/store/peer-values";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/**
 * scoring.md §5, privacy of cohorts: another organisation's entities join a cohort only when at
 * least KOUBEI_PEER_MIN_ORGS other organisations share it. Indicator values are written straight
 * into the cache the cohorts read (with the shop's roll-up version, so they count as fresh), which
 * lets each test choose them exactly, as an attacker would choose its own shops' facts.
 */
const DAY = "2026-06-01";
const ELIGIBLE = 100;

let t: TestDatabase | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function database(peerMinOrgs?: number): Promise<TestDatabase> {
  t = await openTestDatabase({ peerMinOrgs });
  return t;
}

const db = () => {
  if (!t) throw new Error("no database");
  return t;
};

/** Every indicator present at a middling value, with `changes` on top; undefined removes one. */
function valuesWith(changes: Partial<Record<IndicatorCode, number | undefined>> = {}): IndicatorValueMap {
  const values: IndicatorValueMap = {};
  for (const code of INDICATOR_ORDER) values[code] = code.endsWith("hours") ? 30 : 0.9;
  for (const [code, value] of Object.entries(changes)) {
    if (value === undefined) delete values[code as IndicatorCode];
    else values[code as IndicatorCode] = value;
  }
  return values;
}

async function org(name: string, options: { demo?: boolean } = {}): Promise<string> {
  return (await createOrganisation(db().handle, { name, kind: "brand", ownerUserId: null, demo: options.demo })).orgId;
}

async function shop(orgId: string, category: string, values: IndicatorValueMap, validOrders = ELIGIBLE): Promise<string> {
  return withTenant(db().handle, { orgId }, async (tx) => {
    const [row] = await tx.insert(shops).values({ orgId, externalId: `s-${Math.random().toString(36).slice(2)}`, name: "shop", categoryCode: category }).returning();
    if (!row) throw new Error("no shop");
    await tx.insert(indicatorValues).values({
      orgId,
      entityKind: "shop",
      entityId: row.id,
      day: DAY,
      rollupVersion: row.rollupVersion,
      categoryCode: category,
      validOrders,
      values: INDICATOR_ORDER.map((code) => values[code] ?? null) as number[],
    });
    return row.id;
  });
}

async function setValue(orgId: string, shopId: string, values: IndicatorValueMap): Promise<void> {
  await withTenant(db().handle, { orgId }, (tx) =>
    tx
      .update(indicatorValues)
      .set({ values: INDICATOR_ORDER.map((code) => values[code] ?? null) as number[] })
      .where(and(eq(indicatorValues.orgId, orgId), eq(indicatorValues.entityId, shopId))),
  );
}

async function setBenchmarking(orgId: string, benchmarking: boolean): Promise<void> {
  await withTenant(db().handle, { orgId }, (tx) => tx.update(organisations).set({ benchmarking }).where(eq(organisations.orgId, orgId)));
}

const score = (orgId: string) => scoreOrganisationDay(db().handle, { orgId, kind: "shop", day: DAY });

function indicator(record: ScoredRecord | undefined, code: IndicatorCode) {
  const found = record?.explanation.dimensions.flatMap((d) => d.indicators).find((i) => i.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
}

/** Each shop's percentile for the indicator, in a fixed order (the attacker's own shops). */
async function percentiles(orgId: string, shopIds: readonly string[], code: IndicatorCode): Promise<(number | null)[]> {
  const records = new Map((await score(orgId)).map((r) => [r.entity.id, r]));
  return shopIds.map((id) => indicator(records.get(id), code).percentile);
}

describe("private peer cohorts", () => {
  it("an attacker's 19 shops in a quiet category learn nothing of the one other shop there", async () => {
    await database();
    const attacker = await org("attacker");
    const grid = Array.from({ length: 19 }, (_, i) => 40 + i);
    const own: string[] = [];
    for (const hours of grid) own.push(await shop(attacker, "personal_care", valuesWith({ avg_delivery_hours: hours })));
    const victim = await org("victim");
    const victimShop = await shop(victim, "personal_care", valuesWith({ avg_delivery_hours: 41.5 }));
    // Three more organisations elsewhere: four others in all, one short of the default five.
    for (const name of ["b1", "b2", "b3"]) {
      const id = await org(name);
      for (let i = 0; i < 3; i++) await shop(id, "apparel", valuesWith({ avg_delivery_hours: 20 + i }));
    }

    const seen: (number | null)[][] = [];
    for (const hours of [41.5, 49.5, 57.5]) {
      await setValue(victim, victimShop, valuesWith({ avg_delivery_hours: hours }));
      seen.push(await percentiles(attacker, own, "avg_delivery_hours"));
    }
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    const records = await score(attacker);
    expect(indicator(records[0], "avg_delivery_hours").cohort).toEqual({ scope: "own", organisations: 1, entities: 19 });
    expect(records[0]?.explanation.beatsCohort).toEqual({ scope: "own", organisations: 1, entities: 19 });

    // The same attack where every organisation counts (a trusted group) reads the victim's value: the test can fail.
    await db().setPeerMinOrgs(1);
    const trusted: (number | null)[][] = [];
    for (const hours of [41.5, 49.5]) {
      await setValue(victim, victimShop, valuesWith({ avg_delivery_hours: hours }));
      trusted.push(await percentiles(attacker, own, "avg_delivery_hours"));
    }
    expect(trusted[1]).not.toEqual(trusted[0]);
  }, 120_000);

  it("lets other organisations in at five of them, not four, per indicator, and never to one that does not share", async () => {
    await database();
    const asker = await org("asker");
    const askerShops: string[] = [];
    for (let i = 0; i < 10; i++) askerShops.push(await shop(asker, "apparel", valuesWith({ good_review_rate: 0.8 + i / 100, delivery_hours: 10 + i })));
    const others: string[] = [];
    const addOther = async (n: number) => {
      const id = await org(`other${n}`);
      // Only the first other organisation records pickup-to-delivery hours.
      for (let i = 0; i < 3; i++) await shop(id, "apparel", valuesWith({ good_review_rate: 0.85 + i / 100, delivery_hours: n === 1 ? 12 : undefined }));
      others.push(id);
    };
    for (let n = 1; n <= 4; n++) await addOther(n);

    let record = (await score(asker))[0];
    expect(indicator(record, "good_review_rate").cohort).toEqual({ scope: "own", organisations: 1, entities: 10 });

    await addOther(5);
    record = (await score(asker))[0];
    expect(indicator(record, "good_review_rate").cohort).toEqual({ scope: "peers", organisations: 6, entities: 25 });
    expect(indicator(record, "good_review_rate").fallback).toBe(false);
    expect(record?.explanation.beatsCohort).toEqual({ scope: "peers", organisations: 6, entities: 25 });
    // Five organisations share the category, but one alone holds this indicator: its values stay out.
    const v11 = await scoreOrganisationDay(db().handle, { orgId: asker, kind: "shop", day: DAY, ruleSetName: "douyin-shop-v1.1" });
    expect(indicator(v11[0], "delivery_hours").cohort).toEqual({ scope: "own", organisations: 1, entities: 10 });
    expect(indicator(v11[0], "good_review_rate").cohort).toEqual({ scope: "peers", organisations: 6, entities: 25 });
    const peers = await withTenant(db().handle, { orgId: asker }, (tx) => peersOf(tx, "shop", DAY, 30));
    expect(peers).toHaveLength(15);
    expect(peers.filter((p) => p.values.delivery_hours !== undefined)).toHaveLength(0);

    // An organisation that does not share gets no one else's values, and its own leave every cohort.
    await setBenchmarking(asker, false);
    record = (await score(asker))[0];
    expect(indicator(record, "good_review_rate").cohort).toEqual({ scope: "own", organisations: 1, entities: 10 });
    expect(await withTenant(db().handle, { orgId: asker }, (tx) => peersOf(tx, "shop", DAY, 30))).toHaveLength(0);
    const firstOther = others[0] ?? "";
    const seenByOther = (await score(firstOther))[0];
    // Four sharing organisations besides itself: one short.
    expect(indicator(seenByOther, "good_review_rate").cohort).toEqual({ scope: "own", organisations: 1, entities: 3 });
  }, 120_000);

  it("keeps demo organisations apart from real ones, even when every organisation counts", async () => {
    await database(1);
    const demo = await org("demo", { demo: true });
    const otherDemo = await org("demo 2", { demo: true });
    const real = await org("real");
    const otherReal = await org("real 2");
    for (const id of [demo, otherDemo, real, otherReal]) for (let i = 0; i < 3; i++) await shop(id, "apparel", valuesWith({ good_review_rate: 0.8 + i / 50 }));

    expect(indicator((await score(real))[0], "good_review_rate").cohort).toEqual({ scope: "peers", organisations: 2, entities: 6 });
    expect(indicator((await score(demo))[0], "good_review_rate").cohort).toEqual({ scope: "peers", organisations: 2, entities: 6 });
    await setBenchmarking(otherDemo, false);
    expect(indicator((await score(demo))[0], "good_review_rate").cohort).toEqual({ scope: "own", organisations: 1, entities: 3 });
  }, 120_000);

  it("decides in memory (the history backfill) exactly what the database function decides", async () => {
    await database(2);
    type Seeded = { category: string; validOrders: number; values: IndicatorValueMap };
    const plan: Seeded[][] = [
      // The asker.
      [{ category: "apparel", validOrders: 50, values: valuesWith() }],
      [
        { category: "apparel", validOrders: 50, values: valuesWith({ delivery_hours: undefined }) },
        { category: "beauty", validOrders: 50, values: valuesWith({ complaint_rate: 0.01 }) },
        { category: "beauty", validOrders: 10, values: valuesWith({ complaint_rate: 0.5 }) },
      ],
      [
        { category: "apparel", validOrders: 80, values: valuesWith({ delivery_hours: 5 }) },
        { category: "shoes_bags", validOrders: 40, values: valuesWith({ refund_only_hours: undefined }) },
      ],
      [{ category: "beauty", validOrders: 29, values: valuesWith() }],
      [{ category: "apparel", validOrders: 31, values: valuesWith({ good_review_rate: undefined, pickup_24h_rate: 0.3 }) }],
    ];
    const orgIds: string[] = [];
    for (const [n, entities] of plan.entries()) {
      const id = await org(`org${n}`);
      orgIds.push(id);
      for (const e of entities) await shop(id, e.category, e.values, e.validOrders);
    }
    const asker = orgIds[0] ?? "";
    const canonical = (rows: { categoryCode: string; validOrders: number; values: number[]; categoryOrgs: number[]; poolOrgs: number[]; beatsCategoryOrgs: number; beatsPoolOrgs: number }[]) =>
      rows.map((r) => JSON.stringify({ ...r, values: r.values.map((v) => (Number.isFinite(v) ? v : null)) })).sort();

    for (const minValidOrders of [0, 30, 45]) {
      const fromDb = await withTenant(db().handle, { orgId: asker }, (tx) => peersOf(tx, "shop", DAY, minValidOrders));
      const others: OrgDayValues[] = plan.slice(1).map((entities) => ({
        categories: entities.map((e) => e.category),
        validOrders: Int32Array.from(entities, (e) => e.validOrders),
        values: Float64Array.from(entities.flatMap((e) => INDICATOR_ORDER.map((code) => e.values[code] ?? Number.NaN))),
      }));
      const inMemory = privatePeers(others, minValidOrders, 2);
      const memoryRows = Array.from({ length: inMemory.size }, (_, i) => ({
        categoryCode: inMemory.categories[i] ?? "",
        validOrders: inMemory.validOrders[i] ?? 0,
        values: [...inMemory.values.subarray(i * WIDTH, (i + 1) * WIDTH)],
        categoryOrgs: [...inMemory.categoryOrgs.subarray(i * WIDTH, (i + 1) * WIDTH)],
        poolOrgs: [...inMemory.poolOrgs.subarray(i * WIDTH, (i + 1) * WIDTH)],
        beatsCategoryOrgs: inMemory.beatsCategoryOrgs[i] ?? 0,
        beatsPoolOrgs: inMemory.beatsPoolOrgs[i] ?? 0,
      }));
      const dbRows = fromDb.map((p) => ({
        categoryCode: p.categoryCode,
        validOrders: p.validOrders,
        values: INDICATOR_ORDER.map((code) => p.values[code] ?? Number.NaN),
        categoryOrgs: [...p.reach.categoryOrgs],
        poolOrgs: [...p.reach.poolOrgs],
        beatsCategoryOrgs: p.reach.beatsCategoryOrgs,
        beatsPoolOrgs: p.reach.beatsPoolOrgs,
      }));
      expect(canonical(dbRows), `minValidOrders ${minValidOrders}`).toEqual(canonical(memoryRows));
      expect(dbRows.length, `minValidOrders ${minValidOrders}`).toBeGreaterThan(0);
    }
    // Some values rank only across categories, some not at all: the rule is exercised, not idle.
    const rows = await withTenant(db().handle, { orgId: asker }, (tx) => peersOf(tx, "shop", DAY, 30));
    expect(rows.some((r) => r.reach.categoryOrgs.some((n) => n === 0) && r.reach.poolOrgs.some((n) => n > 0))).toBe(true);
    expect(rows.some((r) => r.values.delivery_hours === undefined)).toBe(true);
  }, 120_000);
});
