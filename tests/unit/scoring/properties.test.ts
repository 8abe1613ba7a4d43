import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import type { EntityFacts, OrderFact } from "@/server/scoring/facts";
import { computeIndicatorValues, valueMapOf } from "@/server/scoring/indicator-values";
import { INDICATORS } from "@/server/scoring/indicators";
import { cohortPercentiles, percentileRank } from "@/server/scoring/percentile";
import { getRuleSet, RULE_SET_NAMES } from "@/server/scoring/rule-sets";
import type { RuleSet } from "@/server/scoring/rule-sets/schema";
import { buildDailyRollups } from "@/server/scoring/rollups";
import { scoreDay, type EntityScore, type ScoredEntity } from "@/server/scoring/score-day";
import { better, entitiesArb, ruleSetArb, value } from "./score-arbitraries";

describe("percentile properties", () => {
  it("stays in [0, 1] and is monotone in the value", () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 60 }), better, (values, direction) => {
        const percentiles = cohortPercentiles(values, direction);
        values.forEach((a, i) => {
          const pa = percentiles[i] ?? Number.NaN;
          expect(pa).toBeGreaterThanOrEqual(0);
          expect(pa).toBeLessThanOrEqual(1);
          values.forEach((b, j) => {
            const pb = percentiles[j] ?? Number.NaN;
            const bIsBetter = direction === "higher" ? b >= a : b <= a;
            if (bIsBetter) expect(pb).toBeGreaterThanOrEqual(pa);
          });
        });
      }),
    );
  });

  it("never rises when a better peer joins", () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 40 }),
        value,
        fc.double({ min: 1e-5, max: 100, noNaN: true }),
        better,
        (peers, own, gap, direction) => {
          const cohort = [own, ...peers];
          const betterPeer = direction === "higher" ? own + gap : own - gap;
          expect(percentileRank(own, [...cohort, betterPeer], direction)).toBeLessThanOrEqual(
            percentileRank(own, cohort, direction),
          );
        },
      ),
    );
  });
});

describe("scoreDay properties", () => {
  it("keeps every score in [3, 5]", () => {
    fc.assert(
      fc.property(entitiesArb, ruleSetArb, (entities, ruleSet) => {
        for (const result of scoreDay({ ruleSet, entities })) {
          if (result.state !== "scored") continue;
          expect(result.overall).toBeGreaterThanOrEqual(3);
          expect(result.overall).toBeLessThanOrEqual(5);
          for (const dimension of Object.values(result.dimensions)) {
            expect(dimension?.score).toBeGreaterThanOrEqual(3);
            expect(dimension?.score).toBeLessThanOrEqual(5);
          }
          expect(result.beatsPercent).toBeGreaterThanOrEqual(0);
          expect(result.beatsPercent).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  // The [3, 5] bound holds whatever happens inside, since the curve and the clamp enforce it. The
  // properties below are derived from the inputs and the rule set instead, so a wrong weight,
  // direction, composite or eligibility rule breaks them.
  it("scores exactly the entities with enough valid orders", () => {
    fc.assert(
      fc.property(entitiesArb, ruleSetArb, (entities, ruleSet) => {
        const states = scoreDay({ ruleSet, entities }).map((r) => r.state);
        expect(states).toEqual(entities.map((e) => (e.validOrders >= ruleSet.eligibility.minValidOrders ? "scored" : "insufficient_data")));
      }),
    );
  });

  it("builds each composite from the rule set's weights and each overall from the dimension weights", () => {
    fc.assert(
      fc.property(entitiesArb, ruleSetArb, (entities, ruleSet) => {
        for (const result of scored(scoreDay({ ruleSet, entities }))) {
          let overall = 0;
          for (const dimension of ruleSet.dimensions) {
            const explained = result.dimensions[dimension.code];
            const present = dimension.indicators.filter((i) => result.indicators[i.code] !== undefined);
            const weightSum = present.reduce((sum, i) => sum + i.weight, 0);
            const composite = present.length === 0 ? 0.5 : present.reduce((sum, i) => sum + i.weight * (result.indicators[i.code]?.percentile ?? NaN), 0) / weightSum;
            expect(explained?.composite).toBeCloseTo(composite, 12);
            expect(explained?.presentIndicators).toBe(present.length);
            overall += dimension.weight * (explained?.score ?? NaN);
          }
          expect(result.overall).toBeCloseTo(overall, 12);
          const dimensionScores = Object.values(result.dimensions).map((d) => d?.score ?? NaN);
          expect(result.overall).toBeGreaterThanOrEqual(Math.min(...dimensionScores) - 1e-12);
          expect(result.overall).toBeLessThanOrEqual(Math.max(...dimensionScores) + 1e-12);
          // The explanation adds up: baseline plus every indicator's contribution is the overall.
          const contributions = Object.values(result.indicators).reduce((sum, i) => sum + (i?.contribution ?? NaN), 0);
          expect(result.baseline + contributions).toBeCloseTo(result.overall, 9);
        }
      }),
    );
  });

  it("ranks every indicator in its own direction and maps composites through a rising curve", () => {
    fc.assert(
      fc.property(entitiesArb, ruleSetArb, (entities, ruleSet) => {
        const results = scored(scoreDay({ ruleSet, entities }));
        for (const a of results) {
          for (const b of results) {
            for (const code of indicatorCodes(ruleSet)) {
              const ia = a.indicators[code];
              const ib = b.indicators[code];
              // Only two members of one cohort compare: the same category's, or both of the fallback (every holder).
              const sameCohort = ia && ib && (ia.fallback && ib.fallback ? true : !ia.fallback && !ib.fallback && a.categoryCode === b.categoryCode);
              if (!ia || !ib || !sameCohort) continue;
              // Values closer than the comparison rounding are ties by design (§5).
              if (Math.abs(ib.value - ia.value) <= 10 ** -ruleSet.comparisonDecimals) continue;
              const bIsBetter = INDICATORS[code].better === "higher" ? ib.value > ia.value : ib.value < ia.value;
              if (bIsBetter) expect(ib.percentile, code).toBeGreaterThan(ia.percentile);
            }
            for (const dimension of ruleSet.dimensions) {
              const da = a.dimensions[dimension.code];
              const db = b.dimensions[dimension.code];
              if (da && db && db.composite > da.composite) expect(db.score).toBeGreaterThanOrEqual(da.score);
            }
          }
        }
      }),
    );
  });

  it("never lowers an entity's overall score when one of its indicators gets better", () => {
    fc.assert(
      fc.property(entitiesArb, ruleSetArb, fc.nat(), fc.nat(), fc.double({ min: 1e-3, max: 200, noNaN: true }), (entities, ruleSet, pickEntity, pickCode, gap) => {
        const index = pickEntity % entities.length;
        const entity = entities[index];
        const codes = indicatorCodes(ruleSet).filter((c) => entity?.values[c] !== undefined);
        const code = codes[pickCode % Math.max(1, codes.length)];
        const before = scoreDay({ ruleSet, entities })[index];
        if (!entity || !code || before?.state !== "scored") return;
        const old = entity.values[code] ?? NaN;
        const improved = INDICATORS[code].better === "higher" ? old + gap : old - gap;
        const changed = entities.map((e, i) => (i === index ? { ...e, values: { ...e.values, [code]: improved } } : e));
        const after = scoreDay({ ruleSet, entities: changed })[index];
        expect(after?.state).toBe("scored");
        expect(after?.overall ?? NaN).toBeGreaterThanOrEqual(before.overall - 1e-12);
      }),
    );
  });

  it("is deterministic: the same input (in any order) gives identical output", () => {
    fc.assert(
      fc.property(entitiesArb, ruleSetArb, fc.integer(), (entities, ruleSet, seed) => {
        const first = scoreDay({ ruleSet, entities });
        const again = scoreDay({ ruleSet, entities: structuredClone(entities) });
        expect(JSON.stringify(again)).toBe(JSON.stringify(first));
        const shuffled = shuffle(entities, seed);
        const byKey = new Map(
          scoreDay({ ruleSet, entities: shuffled }).map((r) => [r.key, JSON.stringify(r)]),
        );
        for (const result of first) expect(byKey.get(result.key)).toBe(JSON.stringify(result));
      }),
    );
  });
});

describe("as of D", () => {
  const DAY = "2026-05-20";
  const midnight = shanghaiMidnight(DAY).getTime();
  const HOUR = 3_600_000;

  it("facts dated on or after D never change the score for D", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const random = prng(seed);
        const shops = Array.from({ length: 6 }, (_, i) => pastFacts(random, `s${i}`));
        const later = shops.map((facts, i) => withLaterFacts(facts, random, `s${i}`));
        for (const ruleSet of RULE_SET_NAMES.map((name) => getRuleSet(name))) {
          expect(JSON.stringify(scoreShops(later, ruleSet))).toBe(
            JSON.stringify(scoreShops(shops, ruleSet)),
          );
        }
      }),
      { numRuns: 25 },
    );
  });

  function scoreShops(shops: EntityFacts[], ruleSet: ReturnType<typeof getRuleSet>) {
    const entities = shops.map((facts, i) => {
      const computed = computeIndicatorValues(buildDailyRollups(facts), DAY);
      return {
        key: `s${i}`,
        categoryCode: "apparel",
        validOrders: computed.validOrders,
        values: valueMapOf(computed),
        computed,
      };
    });
    return { scores: scoreDay({ ruleSet, entities }), values: entities.map((e) => e.computed) };
  }

  /** Facts strictly before D 00:00, with pickups, deliveries and after-sales left open for later. */
  function pastFacts(random: () => number, prefix: string): EntityFacts {
    const before = (maxDaysBack: number) =>
      new Date(midnight - 1 - Math.floor(random() * maxDaysBack * 24 * HOUR));
    const orders: OrderFact[] = Array.from({ length: 25 + Math.floor(random() * 30) }, (_, i) => {
      const paidAt = before(110);
      const picked = random() < 0.8 ? new Date(paidAt.getTime() + random() * 60 * HOUR) : null;
      const delivered =
        picked && random() < 0.9 ? new Date(picked.getTime() + random() * 100 * HOUR) : null;
      return {
        orderId: `${prefix}-${i}`,
        paidAt,
        orderType: random() < 0.9 ? "normal" : "gift",
        status: random() < 0.95 ? "completed" : "cancelled",
        pickedUpAt: picked && picked.getTime() < midnight ? picked : null,
        deliveredAt:
          delivered && delivered.getTime() < midnight && picked && picked.getTime() < midnight
            ? delivered
            : null,
        authorId: null,
      };
    });
    const afterBefore = (from: Date) =>
      new Date(from.getTime() + random() * Math.max(0, midnight - 1 - from.getTime()));
    return {
      orders,
      reviews: orders
        .filter(() => random() < 0.6)
        .map((o) => ({
          orderId: o.orderId,
          reviewedAt: afterBefore(o.paidAt),
          productStars: stars(random),
          logisticsStars: stars(random),
          serviceStars: stars(random),
        })),
      afterSales: orders
        .filter(() => random() < 0.3)
        .map((o, i) => {
          const appliedAt = afterBefore(o.paidAt);
          const completed = random() < 0.7 ? afterBefore(appliedAt) : null;
          return {
            aftersaleId: `${prefix}-as${i}`,
            orderId: o.orderId,
            type: pick(random, ["refund_only", "return_refund", "exchange"] as const),
            reasonCategory: pick(random, [
              "quality",
              "logistics",
              "size",
              "no_reason",
              "other",
            ] as const),
            appliedAt,
            completedAt: completed,
            completedBy: completed ? pick(random, ["merchant", "platform"] as const) : null,
            exempt: random() < 0.1,
          };
        }),
      complaints: orders
        .filter(() => random() < 0.1)
        .map((o, i) => ({
          caseId: `${prefix}-c${i}`,
          orderId: o.orderId,
          createdAt: afterBefore(o.paidAt),
          kind: pick(random, ["complaint", "dispute"] as const),
          merchantResponsible: random() < 0.5,
        })),
      chats: Array.from({ length: 20 }, (_, i) => ({
        sessionId: `${prefix}-chat${i}`,
        startedAt: before(100),
        customerTurns: 1 + Math.floor(random() * 8),
        turnsAnsweredWithin3min: Math.floor(random() * 2),
      })),
    };
  }

  /** Adds what happens from D 00:00 on: new orders and facts, and pickups, deliveries, after-sales of old orders. */
  function withLaterFacts(facts: EntityFacts, random: () => number, prefix: string): EntityFacts {
    const after = () => new Date(midnight + Math.floor(random() * 20 * 24 * HOUR));
    const newOrders: OrderFact[] = Array.from({ length: 10 }, (_, i) => ({
      orderId: `${prefix}-late-${i}`,
      paidAt: after(),
      orderType: "normal",
      status: "completed",
      pickedUpAt: null,
      deliveredAt: null,
      authorId: null,
    }));
    const orders = facts.orders.map((o) => ({
      ...o,
      pickedUpAt: o.pickedUpAt ?? (random() < 0.7 ? after() : null),
      deliveredAt: o.deliveredAt ?? (random() < 0.5 ? after() : null),
    }));
    const touched = [...orders, ...newOrders];
    return {
      orders: touched,
      reviews: [
        ...facts.reviews,
        ...touched
          .filter(() => random() < 0.4)
          .map((o) => ({
            orderId: o.orderId,
            reviewedAt: after(),
            productStars: 1,
            logisticsStars: 1,
            serviceStars: 1,
          })),
      ],
      afterSales: [
        ...facts.afterSales.map((a) =>
          a.completedAt ? a : { ...a, completedAt: after(), completedBy: "merchant" as const },
        ),
        ...touched
          .filter(() => random() < 0.4)
          .map((o, i) => ({
            aftersaleId: `${prefix}-late-as${i}`,
            orderId: o.orderId,
            type: "refund_only" as const,
            reasonCategory: "quality" as const,
            appliedAt: after(),
            completedAt: null,
            completedBy: null,
            exempt: false,
          })),
      ],
      complaints: [
        ...facts.complaints,
        ...touched
          .filter(() => random() < 0.3)
          .map((o, i) => ({
            caseId: `${prefix}-late-c${i}`,
            orderId: o.orderId,
            createdAt: after(),
            kind: "complaint" as const,
            merchantResponsible: true,
          })),
      ],
      chats: [
        ...facts.chats,
        ...Array.from({ length: 10 }, (_, i) => ({
          sessionId: `${prefix}-late-chat${i}`,
          startedAt: after(),
          customerTurns: 5,
          turnsAnsweredWithin3min: 0,
        })),
      ],
    };
  }

  it("a day's window really moves: the same facts scored a day later can differ", () => {
    const random = prng(7);
    const facts = pastFacts(random, "s");
    const today = computeIndicatorValues(buildDailyRollups(facts), DAY);
    const tomorrow = computeIndicatorValues(buildDailyRollups(facts), addDays(DAY, 1));
    expect(JSON.stringify(tomorrow.indicators)).not.toBe(JSON.stringify(today.indicators));
  });
});

function scored(results: EntityScore[]): ScoredEntity[] {
  return results.filter((r): r is ScoredEntity => r.state === "scored");
}

function indicatorCodes(ruleSet: RuleSet) {
  return ruleSet.dimensions.flatMap((d) => d.indicators.map((i) => i.code));
}

function stars(random: () => number): number | null {
  return random() < 0.1 ? null : 1 + Math.floor(random() * 5);
}

function pick<T>(random: () => number, options: readonly T[]): T {
  const choice = options[Math.floor(random() * options.length)];
  if (choice === undefined) throw new Error("empty options");
  return choice;
}

/** Small seeded generator (mulberry32) so a failing seed replays exactly. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const random = prng(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const a = copy[i];
    const b = copy[j];
    if (a === undefined || b === undefined) continue;
    copy[i] = b;
    copy[j] = a;
  }
  return copy;
}
