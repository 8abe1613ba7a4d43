import { eq } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { organisations } from "@/db/schema";
import type { EntityKind } from "@/db/schema/scoring";
import { withTenant } from "@/server/db/tenant";
import { addDays, daysBetween, type Day } from "@/server/lib/time";
import { buildSummary } from "./explain";
import { indicatorSeries } from "./indicator-series";
import { INDICATOR_ORDER } from "./indicators";
import { allOrganisationIds } from "./refresh";
import { ruleSetsFor } from "./rule-sets";
import { scoreDay } from "./score-day";
import { cohortOf, scoreOrganisationDay, weightOverrides } from "./service";
import { listScorableEntities, OLDEST_WINDOW_DAYS, type ScorableEntity } from "./store/indicator-cache";
import { anonymousPeersOfDay, unpack, type PackedDay, type PackedValues } from "./store/peer-values";
import { loadRollupRows } from "./store/rollup-store";
import { saveSnapshots, type SnapshotWrite } from "./store/snapshots";

const ENTITY_CHUNK = 500;

export type BackfillRequest = {
  /** The organisations whose snapshots are written; every benchmarking organisation is a peer. */
  orgIds: readonly string[];
  from: Day;
  to: Day;
  /** Only these entities' snapshots are written (the cohort is always complete). */
  entityIds?: readonly string[];
  /** Called once the newest day's scores are stored (readable). */
  onNewestDay?: () => void;
  onDay?: (day: Day, done: number, total: number) => void;
};

/**
 * Scores every day of a range for whole organisations at once. The newest day gets the regular
 * path (full explanations, the value cache peers read); the older days are computed in memory
 * from roll-ups read once per entity, ranked day by day, and stored as summaries. Scoring a day
 * at a time would re-read ninety days of roll-ups for every day.
 */
export async function backfillScores(handle: DbHandle, request: BackfillRequest): Promise<number> {
  const { from, to } = request;
  const total = daysBetween(from, to) + 1;
  if (total <= 0) throw new RangeError("from is after to");
  const wanted = request.entityIds ? new Set(request.entityIds) : null;
  let snapshots = 0;
  for (const orgId of request.orgIds) {
    for (const kind of ["shop", "creator"] as const) {
      const entityIds = wanted ? [...wanted] : undefined;
      snapshots += (await scoreOrganisationDay(handle, { orgId, kind, day: to, entityIds })).length;
    }
  }
  request.onNewestDay?.();
  request.onDay?.(to, 1, total);
  if (total === 1) return snapshots;

  // Oldest first, so days[i] = from + i.
  const days = Array.from({ length: total - 1 }, (_, i) => addDays(from, i));
  for (const kind of ["shop", "creator"] as const) {
    const packed = new Map<string, PackedValues>();
    const participants = new Set(request.orgIds);
    const pack = async (orgId: string) => {
      const values = await withTenant(handle, { orgId }, async (tx): Promise<PackedValues | null> => {
        const [org] = await tx.select({ benchmarking: organisations.benchmarking }).from(organisations).where(eq(organisations.orgId, orgId));
        const benchmarking = org?.benchmarking ?? false;
        if (!participants.has(orgId) && !benchmarking) return null;
        const entities = await listScorableEntities(tx, orgId, kind);
        return { benchmarking, entities, days: await packValues(tx, orgId, kind, entities, days) };
      });
      if (values) packed.set(orgId, values);
    };
    // The organisations being written first: when none of their entities of this kind is wanted, skip the kind.
    for (const orgId of participants) await pack(orgId);
    if (wanted && ![...packed.values()].some((org) => org.entities.some((e) => wanted.has(e.id)))) continue;
    for (const orgId of await allOrganisationIds(handle)) if (!participants.has(orgId)) await pack(orgId);
    for (const orgId of request.orgIds) {
      const own = packed.get(orgId);
      if (!own || own.entities.length === 0) continue;
      const ruleSets = ruleSetsFor(kind).filter((r) => own.entities.some((e) => e.ruleSet === r.name));
      const overrides = await withTenant(handle, { orgId }, (tx) => weightOverrides(tx, orgId));
      // One day is written while the next is ranked: the database and the ranking overlap.
      let writing: Promise<void> = Promise.resolve();
      for (let i = days.length - 1; i >= 0; i--) {
        const ownDay = own.days[i];
        if (!ownDay) continue;
        const { day } = ownDay;
        const peers = anonymousPeersOfDay(packed, orgId, i);
        const ownValues = own.entities.map((e, index) => ({ id: e.id, categoryCode: e.categoryCode, ...unpack(ownDay, index) }));
        const writes: SnapshotWrite[] = [];
        for (const ruleSet of ruleSets) {
          const scores = new Map(scoreDay({ ruleSet, entities: cohortOf(ruleSet, ownValues, peers, overrides) }).map((s) => [s.key, s]));
          for (const entity of own.entities) {
            if (wanted && !wanted.has(entity.id)) continue;
            const score = entity.ruleSet === ruleSet.name ? scores.get(entity.id) : undefined;
            if (!score) continue;
            writes.push({ orgId, entityKind: kind, entityId: entity.id, ruleSet: ruleSet.name, day, rollupVersion: entity.rollupVersion, explanation: buildSummary(ruleSet, day, score) });
          }
        }
        await writing;
        writing = withTenant(handle, { orgId }, (tx) => saveSnapshots(tx, writes));
        // Awaited before the next day or after the last; this only keeps a failure from being reported as unhandled meanwhile.
        writing.catch(() => undefined);
        snapshots += writes.length;
        if (kind === "shop") request.onDay?.(day, days.length - i + 1, total);
      }
      await writing;
    }
  }
  return snapshots;
}

/** Each entity's indicator values for every day, packed per day (NaN = missing). */
async function packValues(tx: Tx, orgId: string, kind: EntityKind, entities: ScorableEntity[], days: readonly Day[]): Promise<PackedDay[]> {
  const width = INDICATOR_ORDER.length;
  const packed = days.map((day) => ({ day, values: new Float64Array(entities.length * width).fill(Number.NaN), validOrders: new Int32Array(entities.length) }));
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return packed;
  for (let start = 0; start < entities.length; start += ENTITY_CHUNK) {
    const chunk = entities.slice(start, start + ENTITY_CHUNK);
    const rows = await loadRollupRows(tx, orgId, kind, chunk.map((e) => e.id), addDays(first, -OLDEST_WINDOW_DAYS), addDays(last, -1));
    chunk.forEach((entity, offset) => {
      const index = start + offset;
      const series = indicatorSeries(rows.get(entity.id) ?? [], days);
      packed.forEach((target, d) => {
        target.validOrders[index] = series.validOrders[d] ?? 0;
        target.values.set(series.values.subarray(d * width, (d + 1) * width), index * width);
      });
    });
  }
  return packed;
}
