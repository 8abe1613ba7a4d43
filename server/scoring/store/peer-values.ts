import { sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import type { Day } from "@/server/lib/time";
import { fromValueArray, type IndicatorValueMap } from "../indicators";
import type { DimensionWeights } from "../rule-sets/schema";
import { privatePeers, type OrgDayValues, type PrivatePeers } from "../peer-privacy";
import { WIDTH, type PackedCohort, type PeerReach } from "../score-kernel";
import { allOrganisationIds } from "../refresh";
import { ensureIndicatorValues, type ScorableEntity } from "./indicator-cache";

/**
 * The one place scoring reads across organisations. Reviewed rule: what comes back is a category,
 * an order count, indicator values and how many other organisations share each cohort, with no
 * organisation, entity id or name, and it is used only to rank; only percentiles and counts ever
 * reach a user. Which values come back at all is the database's decision (koubei_peer_values,
 * scoring.md §5 privacy of cohorts), not this code's.
 */
export type AnonymousPeer = {
  categoryCode: string;
  validOrders: number;
  values: IndicatorValueMap;
  reach: PeerCellReach;
};

/** One peer's share of the kernel's PeerReach: per indicator position, then per entity. */
export type PeerCellReach = {
  categoryOrgs: Int32Array;
  poolOrgs: Int32Array;
  beatsCategoryOrgs: number;
  beatsPoolOrgs: number;
};

const counts = (array: readonly (number | null)[] | null) => Int32Array.from({ length: WIDTH }, (_, p) => array?.[p] ?? 0);

/** Other organisations' entities eligible under `minValidOrders` on the day, as far as the asking organisation may compare with them. */
export async function peersOf(tx: Tx, kind: EntityKind, day: Day, minValidOrders: number): Promise<AnonymousPeer[]> {
  type Row = { category_code: string; valid_orders: number; vals: (number | null)[]; category_orgs: number[]; pool_orgs: number[]; beats_category_orgs: number; beats_pool_orgs: number };
  const rows = rowsOf<Row>(
    await tx.execute(
      sql`select category_code, valid_orders, vals, category_orgs, pool_orgs, beats_category_orgs, beats_pool_orgs
          from koubei_peer_values(${kind}, ${day}::date, ${minValidOrders}::int)`,
    ),
  );
  return rows.map((r) => ({
    categoryCode: r.category_code,
    validOrders: r.valid_orders,
    values: fromValueArray(r.vals),
    reach: { categoryOrgs: counts(r.category_orgs), poolOrgs: counts(r.pool_orgs), beatsCategoryOrgs: r.beats_category_orgs, beatsPoolOrgs: r.beats_pool_orgs },
  }));
}

/** The deployment's KOUBEI_PEER_MIN_ORGS as the database holds it (the backfill applies the same rule in memory). */
export async function readPeerMinOrganisations(tx: Tx): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await tx.execute(sql`select koubei_peer_min_orgs() as n`));
  if (!row) throw new Error("koubei_peer_min_orgs() returned no row");
  return row.n;
}

/**
 * Brings every benchmarking organisation's cached values for the day up to date, each inside its
 * own tenant transaction, so a cohort is complete whichever organisation asks first.
 */
export async function refreshEveryOrganisation(
  handle: DbHandle,
  kind: EntityKind,
  day: Day,
  /** The caller's own organisation, which it brings up to date itself (keeping the results in memory). */
  except?: string,
): Promise<void> {
  for (const orgId of await allOrganisationIds(handle)) {
    if (orgId === except) continue;
    await withTenant(handle, { orgId }, (tx) => ensureIndicatorValues(tx, orgId, kind, day));
  }
}

/** One day of an organisation's values computed in memory (history backfill): entity-major, NaN = missing. */
export type PackedDay = { day: Day; values: Float64Array; validOrders: Int32Array };
export type PackedValues = { benchmarking: boolean; demo: boolean; entities: ScorableEntity[]; days: PackedDay[] };

/**
 * Other organisations' entities on one day as `ownOrgId` may rank against them in the history
 * backfill: values computed in memory inside each organisation's own tenant transaction, with
 * the privacy rule koubei_peer_values applies (peer-privacy.ts). Identities stay behind.
 */
export function peersOfDay(
  packed: ReadonlyMap<string, PackedValues>,
  ownOrgId: string,
  dayIndex: number,
  rule: { minValidOrders: number; minOrgs: number },
): PrivatePeers {
  const own = packed.get(ownOrgId);
  const others: OrgDayValues[] = [];
  if (own?.benchmarking) {
    for (const [orgId, org] of packed) {
      const day = org.days[dayIndex];
      if (orgId !== ownOrgId && org.benchmarking && org.demo === own.demo && day) {
        others.push({ categories: org.entities.map((e) => e.categoryCode), validOrders: day.validOrders, values: day.values });
      }
    }
  }
  return privatePeers(others, rule.minValidOrders, rule.minOrgs);
}

/** One day's cohort for the history backfill: the organisation's own entities first (with its dimension weights), then `peers` (peersOfDay). */
export function cohortOfDay(
  packed: ReadonlyMap<string, PackedValues>,
  ownOrgId: string,
  dayIndex: number,
  ownWeights: readonly (DimensionWeights | undefined)[],
  peers: PrivatePeers,
): PackedCohort | null {
  const own = packed.get(ownOrgId);
  const ownDay = own?.days[dayIndex];
  if (!own || !ownDay) return null;
  const ownSize = own.entities.length;
  const ownCategories = own.entities.map((e) => e.categoryCode);
  if (peers.size === 0) {
    return { size: ownSize, categories: ownCategories, validOrders: ownDay.validOrders, values: ownDay.values, dimensionWeights: ownWeights };
  }
  const size = ownSize + peers.size;
  const values = new Float64Array(size * WIDTH);
  values.set(ownDay.values, 0);
  values.set(peers.values, ownSize * WIDTH);
  const validOrders = new Int32Array(size);
  validOrders.set(ownDay.validOrders, 0);
  validOrders.set(peers.validOrders, ownSize);
  const withOwn = <T extends Int32Array | Uint8Array>(make: (n: number) => T, peerPart: T, stride: number): T => {
    const column = make(size * stride);
    column.set(peerPart, ownSize * stride);
    return column;
  };
  const reach: PeerReach = {
    peer: withOwn((n) => new Uint8Array(n), new Uint8Array(peers.size).fill(1), 1),
    categoryOrgs: withOwn((n) => new Int32Array(n), peers.categoryOrgs, WIDTH),
    poolOrgs: withOwn((n) => new Int32Array(n), peers.poolOrgs, WIDTH),
    beatsCategoryOrgs: withOwn((n) => new Int32Array(n), peers.beatsCategoryOrgs, 1),
    beatsPoolOrgs: withOwn((n) => new Int32Array(n), peers.beatsPoolOrgs, 1),
  };
  return { size, categories: [...ownCategories, ...peers.categories], validOrders, values, dimensionWeights: ownWeights, reach };
}
