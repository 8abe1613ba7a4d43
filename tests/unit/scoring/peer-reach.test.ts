import { describe, expect, it } from "vitest";
import { getRuleSet } from "@/server/scoring/rule-sets";
import { scoreDay, type EntityScore, type ScoreDayEntity, type ScoredEntity } from "@/server/scoring/score-day";
import { WIDTH } from "@/server/scoring/score-kernel";
import type { PeerCellReach } from "@/server/scoring/store/peer-values";

/** How the kernel uses what koubei_peer_values decided (scoring.md §5, privacy of cohorts). */
const v1 = getRuleSet("douyin-shop-v1");

const own = (i: number, category = "apparel"): ScoreDayEntity => ({ key: `own-${category}-${i}`, categoryCode: category, validOrders: 100, values: { good_review_rate: 0.5 + i / 100 } });

function peer(i: number, reach: { category: number; pool: number }): ScoreDayEntity {
  const cells: PeerCellReach = {
    categoryOrgs: new Int32Array(WIDTH).fill(reach.category),
    poolOrgs: new Int32Array(WIDTH).fill(reach.pool),
    beatsCategoryOrgs: reach.category,
    beatsPoolOrgs: reach.pool,
  };
  return { key: `peer-${i}`, categoryCode: "apparel", validOrders: 100, values: { good_review_rate: 0.2 + i / 100 }, peer: cells };
}

function scored(result: EntityScore | undefined): ScoredEntity {
  if (result?.state !== "scored") throw new Error(`expected a scored entity, got ${result?.state}`);
  return result;
}

const ownApparel = Array.from({ length: 20 }, (_, i) => own(i));
const ownBeauty = Array.from({ length: 3 }, (_, i) => own(i, "beauty"));

describe("peer reach in the kernel", () => {
  it("keeps a peer that may rank only across categories out of its category's cohort", () => {
    const peers = Array.from({ length: 5 }, (_, i) => peer(i, { category: 0, pool: 5 }));
    const results = scoreDay({ ruleSet: v1, entities: [...ownApparel, ...ownBeauty, ...peers] });
    const apparel = scored(results[0]);
    expect(apparel.indicators.good_review_rate).toMatchObject({ cohortSize: 20, fallback: false, cohort: { scope: "own", organisations: 1, entities: 20 } });
    // The peers' lower values would lift this percentile if they were counted.
    expect(apparel.indicators.good_review_rate?.percentile).toBeCloseTo(0.5 / 20, 12);
    expect(apparel.beatsCohort).toEqual({ scope: "own", organisations: 1, entities: 20 });
    // Too small a category falls back to every holder, peers included, as the pool allows.
    const beauty = scored(results[20]);
    expect(beauty.indicators.good_review_rate).toMatchObject({ cohortSize: 28, fallback: true, cohort: { scope: "peers", organisations: 6, entities: 28 } });
    expect(beauty.beatsCohort).toEqual({ scope: "peers", organisations: 6, entities: 28 });
  });

  it("ranks a peer in its category when enough organisations share it", () => {
    const peers = Array.from({ length: 5 }, (_, i) => peer(i, { category: 5, pool: 5 }));
    const results = scoreDay({ ruleSet: v1, entities: [...ownApparel, ...peers] });
    const apparel = scored(results[0]);
    expect(apparel.indicators.good_review_rate).toMatchObject({ cohortSize: 25, fallback: false, cohort: { scope: "peers", organisations: 6, entities: 25 } });
    expect(apparel.indicators.good_review_rate?.percentile).toBeCloseTo(5.5 / 25, 12);
  });

  it("without peers, says the cohort is the organisation's own", () => {
    const results = scoreDay({ ruleSet: v1, entities: ownApparel });
    expect(scored(results[0]).indicators.good_review_rate?.cohort).toEqual({ scope: "own", organisations: 1, entities: 20 });
  });
});
