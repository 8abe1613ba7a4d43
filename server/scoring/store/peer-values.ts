import { sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import type { Day } from "@/server/lib/time";
import { fromValueArray, type IndicatorValueMap } from "../indicators";
import type { DimensionWeights } from "../rule-sets/schema";
import { WIDTH, type PackedCohort } from "../score-kernel";
import { allOrganisationIds } from "../refresh";
import { ensureIndicatorValues, type ScorableEntity } from "./indicator-cache";

/**
 * The one place scoring reads across organisations. Reviewed rule: what comes back is a category,
 * an order count and indicator values, with no organisation, entity id or name, and it is used
 * only to rank; only percentiles and counts ever reach a user.
 */
export type AnonymousPeer = {
  categoryCode: string;
  validOrders: number;
  values: IndicatorValueMap;
};

export async function peersOf(tx: Tx, kind: EntityKind, day: Day): Promise<AnonymousPeer[]> {
  const rows = rowsOf<{ category_code: string; valid_orders: number; vals: (number | null)[] }>(
    await tx.execute(
      sql`select category_code, valid_orders, vals from koubei_peer_values(${kind}, ${day}::date)`,
    ),
  );
  return rows.map((r) => ({
    categoryCode: r.category_code,
    validOrders: r.valid_orders,
    values: fromValueArray(r.vals),
  }));
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
export type PackedValues = { benchmarking: boolean; entities: ScorableEntity[]; days: PackedDay[] };

/**
 * One day's cohort for the history backfill: the organisation's own entities first (with its
 * dimension weights), then the same anonymous peers as peersOf, from values the backfill computed
 * in memory inside each organisation's own tenant transaction: other benchmarking organisations'
 * entities, reduced to category, order count and values. Organisation and entity identities stay behind.
 */
export function cohortOfDay(
  packed: ReadonlyMap<string, PackedValues>,
  ownOrgId: string,
  dayIndex: number,
  ownWeights: readonly (DimensionWeights | undefined)[],
): PackedCohort | null {
  const own = packed.get(ownOrgId);
  const ownDay = own?.days[dayIndex];
  if (!own || !ownDay) return null;
  const peers: { entities: ScorableEntity[]; day: PackedDay }[] = [];
  for (const [orgId, org] of packed) {
    const day = org.days[dayIndex];
    if (orgId !== ownOrgId && org.benchmarking && day) peers.push({ entities: org.entities, day });
  }
  if (peers.length === 0) {
    return { size: own.entities.length, categories: own.entities.map((e) => e.categoryCode), validOrders: ownDay.validOrders, values: ownDay.values, dimensionWeights: ownWeights };
  }
  const parts = [{ entities: own.entities, day: ownDay }, ...peers];
  const size = parts.reduce((total, part) => total + part.entities.length, 0);
  const values = new Float64Array(size * WIDTH);
  const validOrders = new Int32Array(size);
  const categories: string[] = [];
  let at = 0;
  for (const part of parts) {
    values.set(part.day.values, at * WIDTH);
    validOrders.set(part.day.validOrders, at);
    for (const entity of part.entities) categories.push(entity.categoryCode);
    at += part.entities.length;
  }
  return { size, categories, validOrders, values, dimensionWeights: ownWeights };
}
