import { eq } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { organisations } from "@/db/schema";
import { ENTITY_KINDS, type EntityKind } from "@/lib/contracts/entity-kinds";
import { withTenant } from "@/server/db/tenant";
import { awaitedLater } from "@/server/lib/awaited-later";
import { addDays, daysBetween, type Day } from "@/server/lib/time";
import { indicatorSeries } from "./indicator-series";
import { emptyPackedRollups } from "./packed-rollups";
import { INDICATOR_ORDER } from "./indicators";
import { allOrganisationIds } from "./refresh";
import { ruleSetsFor } from "./rule-sets";
import type { DimensionWeights, RuleSet } from "./rule-sets/schema";
import { positionOf, scoreCohort, WIDTH, type KernelResult, type PackedCohort } from "./score-kernel";
import { storeOrganisationDay, weightOverrides } from "./service";
import { listScorableEntities, OLDEST_WINDOW_DAYS, type ScorableEntity } from "./store/indicator-cache";
import type { PrivatePeers } from "./peer-privacy";
import { cohortOfDay, peersOfDay, readPeerMinOrganisations, type PackedDay, type PackedValues } from "./store/peer-values";
import { loadPackedRollups } from "./store/rollup-store";
import { saveSummaries, type SummaryWrite } from "./store/snapshots";

const ENTITY_CHUNK = 500;
const WRITERS = 2;

export type BackfillRequest = {
  /** The organisations whose snapshots are written; other benchmarking organisations are peers as scoring.md §5 allows. */
  orgIds: readonly string[];
  from: Day;
  to: Day;
  /** Only these entities' snapshots are written (the cohort is always complete). */
  entityIds?: readonly string[];
  /** Only these kinds (the entities named are all of one kind); both when absent. */
  kinds?: readonly EntityKind[];
  /** Called (and awaited) once the newest day's scores are stored (readable); the newest day is then scored before any other. */
  onNewestDay?: () => void | Promise<void>;
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
  const scoreNewest = async (secondConnection: boolean) => {
    let stored = 0;
    for (const orgId of request.orgIds) {
      for (const kind of request.kinds ?? ENTITY_KINDS) {
        const entityIds = wanted ? [...wanted] : undefined;
        stored += await storeOrganisationDay(handle, { orgId, kind, day: to, entityIds, secondConnection });
      }
    }
    await request.onNewestDay?.();
    request.onDay?.(to, 1, total);
    return stored;
  };
  if (total === 1) return scoreNewest(true);
  // A caller waiting for the newest day (a refresh after an import) gets it first. Otherwise it is
  // scored while the older days' values are computed: it waits on the database about half the
  // time, the computing hardly at all.
  if (request.onNewestDay) return (await scoreNewest(true)) + (await backfillOlderDays(handle, request, total));
  // The older days' values are packed while the newest day is scored, but ranked only once it is
  // stored: ranking beside its explanations was the history's memory peak (ADR 0034).
  const newestDone = scoreNewest(false);
  const [newest, older] = await Promise.allSettled([newestDone, backfillOlderDays(handle, request, total, newestDone)]);
  if (newest.status === "rejected") throw newest.reason;
  if (older.status === "rejected") throw older.reason;
  return newest.value + older.value;
}

/** Every day of the request but the newest, stored as summaries; returns how many. */
async function backfillOlderDays(handle: DbHandle, request: BackfillRequest, total: number, rankAfter?: Promise<unknown>): Promise<number> {
  const wanted = request.entityIds ? new Set(request.entityIds) : null;
  const { from } = request;
  let snapshots = 0;
  // Oldest first, so days[i] = from + i.
  const days = Array.from({ length: total - 1 }, (_, i) => addDays(from, i));
  const minOrgs = await withTenant(handle, { orgId: null }, (tx) => readPeerMinOrganisations(tx));
  for (const kind of request.kinds ?? ENTITY_KINDS) {
    const packed = new Map<string, PackedValues>();
    const participants = new Set(request.orgIds);
    const pack = async (orgId: string) => {
      const values = await packOrganisation(handle, orgId, kind, days, participants.has(orgId));
      if (values) packed.set(orgId, values);
    };
    // The organisations being written first: when none of their entities of this kind is wanted, skip the kind.
    for (const orgId of participants) await pack(orgId);
    if (wanted && ![...packed.values()].some((org) => org.entities.some((e) => wanted.has(e.id)))) continue;
    for (const orgId of await allOrganisationIds(handle)) if (!participants.has(orgId)) await pack(orgId);
    // Settled either way: a failed newest day is reported by the caller, not here.
    await rankAfter?.catch(() => undefined);
    for (const orgId of request.orgIds) {
      const own = packed.get(orgId);
      if (!own || own.entities.length === 0) continue;
      const ruleSets = ruleSetsFor(kind).filter((r) => own.entities.some((e) => e.ruleSet === r.name));
      const overrides = await withTenant(handle, { orgId }, (tx) => weightOverrides(tx, orgId));
      // Days are written while the next ones are ranked, two at a time: on PostgreSQL each write is
      // its own transaction on its own connection, so the database works on both cores.
      const writing: Promise<void>[] = [];
      for (let i = days.length - 1; i >= 0; i--) {
        const day = own.days[i]?.day;
        if (!day) continue;
        const writes: SummaryWrite[] = [];
        for (const { ruleSet, cohort, result } of rankPackedDay(packed, orgId, i, { ruleSets, overrides, minOrgs })) {
          const inRuleSet = ruleSetPositions(ruleSet);
          // One block per cohort for every member's columns, handed out as views: a history writes about a million summaries.
          const blocks = { values: new Float64Array(own.entities.length * WIDTH), dimensions: new Float64Array(own.entities.length * 2 * result.dimensions) };
          own.entities.forEach((entity, index) => {
            if (entity.ruleSet !== ruleSet.name || (wanted && !wanted.has(entity.id))) return;
            writes.push({ entityId: entity.id, ruleSet: ruleSet.name, rollupVersion: entity.rollupVersion, ...summaryOf(cohort, result, index, inRuleSet, blocks) });
          });
        }
        if (writing.length >= WRITERS) await writing.shift();
        // Awaited in turn, or after the last day.
        writing.push(awaitedLater(withTenant(handle, { orgId }, (tx) => saveSummaries(handle, tx, { orgId, entityKind: kind, day }, writes))));
        snapshots += writes.length;
        if (kind === "shop") request.onDay?.(day, days.length - i + 1, total);
      }
      for (const write of writing) await write;
    }
  }
  return snapshots;
}

/**
 * One organisation's entities of a kind and their values for `days`, computed in memory inside its
 * own tenant transaction; null for an organisation that does not benchmark, unless it is one whose
 * own scores are being computed (`participant`).
 */
export async function packOrganisation(handle: DbHandle, orgId: string, kind: EntityKind, days: readonly Day[], participant: boolean): Promise<PackedValues | null> {
  return withTenant(handle, { orgId }, async (tx): Promise<PackedValues | null> => {
    const [org] = await tx.select({ benchmarking: organisations.benchmarking, demo: organisations.demo }).from(organisations).where(eq(organisations.orgId, orgId));
    const benchmarking = org?.benchmarking ?? false;
    if (!participant && !benchmarking) return null;
    const entities = await listScorableEntities(tx, orgId, kind);
    return { benchmarking, demo: org?.demo ?? false, entities, days: await packValues(tx, orgId, kind, entities, days) };
  });
}

export type RankedCohort = { ruleSet: RuleSet; cohort: PackedCohort; result: KernelResult };

/**
 * Ranks day `dayIndex` of the packed values for `orgId` under each rule set: its own entities come
 * first in every cohort (cohort index = index in packed.get(orgId).entities), then the peers the
 * privacy rule lets it meet.
 */
export function rankPackedDay(
  packed: ReadonlyMap<string, PackedValues>,
  orgId: string,
  dayIndex: number,
  options: { ruleSets: readonly RuleSet[]; overrides: ReadonlyMap<string, DimensionWeights>; minOrgs: number },
): RankedCohort[] {
  const own = packed.get(orgId);
  if (!own) return [];
  const ranked: RankedCohort[] = [];
  // Who may be compared depends on the rule set only through its eligibility threshold: decided once per threshold and day.
  const peersByThreshold = new Map<number, PrivatePeers>();
  for (const ruleSet of options.ruleSets) {
    const minValidOrders = ruleSet.eligibility.minValidOrders;
    let peers = peersByThreshold.get(minValidOrders);
    if (!peers) peersByThreshold.set(minValidOrders, (peers = peersOfDay(packed, orgId, dayIndex, { minValidOrders, minOrgs: options.minOrgs })));
    const weights = own.entities.map((e) => options.overrides.get(`${ruleSet.name}|${e.categoryCode}`));
    const cohort = cohortOfDay(packed, orgId, dayIndex, weights, peers);
    if (cohort) ranked.push({ ruleSet, cohort, result: scoreCohort(ruleSet, cohort) });
  }
  return ranked;
}

const ruleSetPositions = (ruleSet: RuleSet): Uint8Array => {
  const mask = new Uint8Array(WIDTH);
  for (const dimension of ruleSet.dimensions) for (const indicator of dimension.indicators) mask[positionOf(indicator.code)] = 1;
  return mask;
};

/** The stored summary columns of cohort member `index`: what scoreDay's explanation would say, without the explaining. */
function summaryOf(
  cohort: PackedCohort,
  result: KernelResult,
  index: number,
  inRuleSet: Uint8Array,
  blocks: { values: Float64Array; dimensions: Float64Array },
): Omit<SummaryWrite, "entityId" | "ruleSet" | "rollupVersion"> {
  const scored = result.eligible[index] === 1;
  const indicatorValues = blocks.values.subarray(index * WIDTH, (index + 1) * WIDTH);
  for (let p = 0; p < WIDTH; p++) {
    const value = cohort.values[index * WIDTH + p] ?? Number.NaN;
    indicatorValues[p] = inRuleSet[p] === 1 && Number.isFinite(value) ? value : Number.NaN;
  }
  let dimensionScores: Float64Array | null = null;
  if (scored) {
    dimensionScores = blocks.dimensions.subarray(2 * index * result.dimensions, 2 * (index + 1) * result.dimensions);
    for (let d = 0; d < result.dimensions; d++) {
      const cell = index * result.dimensions + d;
      dimensionScores[2 * d] = result.composite[cell] ?? Number.NaN;
      dimensionScores[2 * d + 1] = result.dimensionScore[cell] ?? Number.NaN;
    }
  }
  return {
    state: scored ? "scored" : "insufficient_data",
    validOrders: cohort.validOrders[index] ?? 0,
    overall: scored ? (result.overall[index] ?? null) : null,
    beatsPercent: scored ? (result.beatsPercent[index] ?? null) : null,
    dimensionScores,
    indicatorValues,
    // A view of the kernel's column: this day's result lives until its summaries are written.
    indicatorPercentiles: result.percentile.subarray(index * WIDTH, (index + 1) * WIDTH),
  };
}

/** Each entity's indicator values for every day, packed per day (NaN = missing). */
async function packValues(tx: Tx, orgId: string, kind: EntityKind, entities: ScorableEntity[], days: readonly Day[]): Promise<PackedDay[]> {
  const width = INDICATOR_ORDER.length;
  const packed = days.map((day) => ({ day, values: new Float64Array(entities.length * width).fill(Number.NaN), validOrders: new Int32Array(entities.length) }));
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return packed;
  // Chunks of neighbouring ids (one stretch of the roll-up key each); the next chunk loads while this one is computed.
  const order = entities.map((_, index) => index).sort((x, y) => ((entities[x]?.id ?? "") < (entities[y]?.id ?? "") ? -1 : 1));
  const load = (start: number) => {
    const ids = order.slice(start, start + ENTITY_CHUNK).map((index) => entities[index]?.id ?? "");
    // Awaited in the next round.
    return awaitedLater(loadPackedRollups(tx, { orgId, kind, entityIds: ids, from: addDays(first, -OLDEST_WINDOW_DAYS), to: addDays(last, -1) }));
  };
  let next = order.length > 0 ? load(0) : null;
  for (let start = 0; next; start += ENTITY_CHUNK) {
    const rows = await next;
    next = start + ENTITY_CHUNK < order.length ? load(start + ENTITY_CHUNK) : null;
    for (const index of order.slice(start, start + ENTITY_CHUNK)) {
      const entity = entities[index];
      if (!entity) continue;
      const series = indicatorSeries(rows.get(entity.id) ?? emptyPackedRollups(0), days);
      // Copied value by value: a view per entity and day would be a million short-lived objects.
      packed.forEach((target, d) => {
        target.validOrders[index] = series.validOrders[d] ?? 0;
        for (let k = 0; k < width; k++) target.values[index * width + k] = series.values[d * width + k] ?? Number.NaN;
      });
    }
  }
  return packed;
}
