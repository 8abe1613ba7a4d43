import { WIDTH } from "./score-kernel";

/**
 * The privacy rule of scoring.md §5 applied in memory, for the history backfill, which computes
 * other organisations' values itself instead of reading them through koubei_peer_values. It must
 * decide exactly what the database function decides (the backfill and the one-day path give the
 * same bits): only eligible entities count; a value stays in its category's cohort when at least
 * `minOrgs` other organisations hold that indicator in that category, and is kept at all when as
 * many hold it in some category; the same per entity for the "beats" cohorts.
 */

/** Another organisation's entities on one day, reduced to what ranking needs. */
export type OrgDayValues = {
  categories: readonly string[];
  validOrders: Int32Array;
  /** Entity-major, NaN = missing. */
  values: Float64Array;
};

/** Eligible peers of every other organisation, with the values and counts the kernel's PeerReach holds. */
export type PrivatePeers = {
  size: number;
  categories: string[];
  validOrders: Int32Array;
  values: Float64Array;
  categoryOrgs: Int32Array;
  poolOrgs: Int32Array;
  beatsCategoryOrgs: Int32Array;
  beatsPoolOrgs: Int32Array;
};

const EMPTY: PrivatePeers = {
  size: 0,
  categories: [],
  validOrders: new Int32Array(0),
  values: new Float64Array(0),
  categoryOrgs: new Int32Array(0),
  poolOrgs: new Int32Array(0),
  beatsCategoryOrgs: new Int32Array(0),
  beatsPoolOrgs: new Int32Array(0),
};

type Counts = { byCategory: Map<string, Int32Array>; byPosition: Int32Array; entitiesByCategory: Map<string, number>; organisations: number };

/** How many of the organisations hold each (category, indicator), each category and anything at all: each organisation counted once. */
function countOrganisations(others: readonly OrgDayValues[], minValidOrders: number): Counts {
  const counts: Counts = { byCategory: new Map(), byPosition: new Int32Array(WIDTH), entitiesByCategory: new Map(), organisations: 0 };
  for (const org of others) {
    const held = new Map<string, Uint8Array>();
    org.categories.forEach((category, index) => {
      if ((org.validOrders[index] ?? 0) < minValidOrders) return;
      let flags = held.get(category);
      if (!flags) held.set(category, (flags = new Uint8Array(WIDTH + 1)));
      flags[WIDTH] = 1;
      for (let p = 0; p < WIDTH; p++) if (Number.isFinite(org.values[index * WIDTH + p] ?? Number.NaN)) flags[p] = 1;
    });
    if (held.size > 0) counts.organisations += 1;
    const anywhere = new Uint8Array(WIDTH);
    for (const [category, flags] of held) {
      let row = counts.byCategory.get(category);
      if (!row) counts.byCategory.set(category, (row = new Int32Array(WIDTH)));
      for (let p = 0; p < WIDTH; p++) {
        row[p] = (row[p] ?? 0) + (flags[p] ?? 0);
        anywhere[p] = (anywhere[p] ?? 0) | (flags[p] ?? 0);
      }
      counts.entitiesByCategory.set(category, (counts.entitiesByCategory.get(category) ?? 0) + 1);
    }
    for (let p = 0; p < WIDTH; p++) counts.byPosition[p] = (counts.byPosition[p] ?? 0) + (anywhere[p] ?? 0);
  }
  return counts;
}

/**
 * Other organisations' entities as one organisation may rank against them on one day. `others`
 * are already the organisations it may meet at all (benchmarking, same demo side, not itself).
 */
export function privatePeers(others: readonly OrgDayValues[], minValidOrders: number, minOrgs: number): PrivatePeers {
  const counts = countOrganisations(others, minValidOrders);
  if (counts.organisations < minOrgs) return EMPTY;
  let size = 0;
  for (const org of others) for (let i = 0; i < org.categories.length; i++) if ((org.validOrders[i] ?? 0) >= minValidOrders) size += 1;
  const out: PrivatePeers = {
    size,
    categories: [],
    validOrders: new Int32Array(size),
    values: new Float64Array(size * WIDTH).fill(Number.NaN),
    categoryOrgs: new Int32Array(size * WIDTH),
    poolOrgs: new Int32Array(size * WIDTH),
    beatsCategoryOrgs: new Int32Array(size),
    beatsPoolOrgs: new Int32Array(size).fill(counts.organisations),
  };
  let at = 0;
  for (const org of others) {
    org.categories.forEach((category, index) => {
      if ((org.validOrders[index] ?? 0) < minValidOrders) return;
      const inCategory = counts.byCategory.get(category);
      for (let p = 0; p < WIDTH; p++) {
        const pool = counts.byPosition[p] ?? 0;
        if (pool < minOrgs) continue;
        const cell = at * WIDTH + p;
        out.values[cell] = org.values[index * WIDTH + p] ?? Number.NaN;
        out.poolOrgs[cell] = pool;
        const share = inCategory?.[p] ?? 0;
        out.categoryOrgs[cell] = share >= minOrgs ? share : 0;
      }
      const entities = counts.entitiesByCategory.get(category) ?? 0;
      out.beatsCategoryOrgs[at] = entities >= minOrgs ? entities : 0;
      out.validOrders[at] = org.validOrders[index] ?? 0;
      out.categories.push(category);
      at += 1;
    });
  }
  return out;
}
