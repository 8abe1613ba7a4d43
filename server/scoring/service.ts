import { and, eq } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { dimensionWeightOverrides } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { withTenant } from "@/server/db/tenant";
import { refreshDirectoryCards } from "@/server/directory/refresh";
import { badInput } from "@/server/lib/errors";
import type { Day } from "@/server/lib/time";
import { buildExplanation, type ScoreExplanation } from "./explain";
import { findRuleSet, ruleSetsFor, type DimensionWeights, type RuleSet } from "./rule-sets";
import { scoreDay, type ScoreDayEntity } from "./score-day";
import { ensureIndicatorValues, type EntityDayValues } from "./store/indicator-cache";
import type { IndicatorValueMap } from "./indicators";
import { peersOf, refreshEveryOrganisation, type AnonymousPeer } from "./store/peer-values";
import { saveSnapshots } from "./store/snapshots";

export type ScoredRecord = {
  kind: EntityKind;
  entity: EntityDayValues;
  ruleSet: RuleSet;
  explanation: ScoreExplanation;
};

export type ScoreDayRequest = {
  orgId: string;
  kind: EntityKind;
  day: Day;
  /** Score every entity under this rule set instead of each one's own. */
  ruleSetName?: string;
  /** Only return (and store) these entities; the cohort is always complete. */
  entityIds?: readonly string[];
  /**
   * On PostgreSQL a new day's values are read on two connections (ADR 0025); false when the
   * caller keeps the database busy meanwhile (a history backfill), where a third stream only
   * contends.
   */
  secondConnection?: boolean;
};

/**
 * The cohort of a rule set is every entity of its kind evaluated under it, whatever rule set each
 * one is configured with: the indicators are defined the same way for all of them. Own entities
 * carry the organisation's dimension weights; peers are anonymous and keep the rule set's.
 */
export function cohortOf(
  ruleSet: RuleSet,
  own: readonly { id: string; categoryCode: string; validOrders: number; values: IndicatorValueMap }[],
  peers: readonly AnonymousPeer[],
  overrides: ReadonlyMap<string, DimensionWeights>,
): ScoreDayEntity[] {
  return [
    ...own.map((e) => ({
      key: e.id,
      categoryCode: e.categoryCode,
      validOrders: e.validOrders,
      values: e.values,
      dimensionWeights: overrides.get(`${ruleSet.name}|${e.categoryCode}`),
    })),
    ...peers.map((p, i) => ({ key: `peer:${i}`, categoryCode: p.categoryCode, validOrders: p.validOrders, values: p.values, peer: p.reach })),
  ];
}

export async function weightOverrides(tx: Tx, orgId: string): Promise<Map<string, DimensionWeights>> {
  const rows = await tx
    .select()
    .from(dimensionWeightOverrides)
    .where(eq(dimensionWeightOverrides.orgId, orgId));
  return new Map(
    rows.map((r) => [`${r.ruleSet}|${r.categoryCode}`, r.weights as DimensionWeights]),
  );
}

function ruleSetFor(kind: EntityKind, requested: string | undefined): RuleSet | null {
  if (!requested) return null;
  const ruleSet = findRuleSet(requested);
  if (!ruleSet) throw badInput("unknownRuleSet", "ruleSet", { value: requested });
  if (ruleSet.entityKind !== kind)
    throw badInput("ruleSetWrongKind", "ruleSet", { value: requested });
  return ruleSet;
}

/** Explanations built and stored at a time: ten thousand held until the day was stored raised a history's peak by 20–60 MB (ADR 0033). */
const EXPLAIN_SLICE = 1000;

/**
 * Scores an organisation's entities of one kind for one day: brings every organisation's cached
 * values up to date (so the cohort is complete), ranks against the anonymous peers the privacy
 * rule lets it meet (scoring.md §5), and stores a snapshot with its explanation for each entity.
 */
export async function scoreOrganisationDay(
  handle: DbHandle,
  request: ScoreDayRequest,
): Promise<ScoredRecord[]> {
  const records: ScoredRecord[] = [];
  await storeOrganisationDay(handle, request, (record) => records.push(record));
  return records;
}

/**
 * scoreOrganisationDay without keeping the records: each slice of explanations is stored and
 * handed to `visit`, then let go. Returns how many snapshots were stored.
 */
export async function storeOrganisationDay(
  handle: DbHandle,
  request: ScoreDayRequest,
  visit?: (record: ScoredRecord) => void,
  sliceSize = EXPLAIN_SLICE,
): Promise<number> {
  const forced = ruleSetFor(request.kind, request.ruleSetName);
  await refreshEveryOrganisation(handle, request.kind, request.day, request.orgId);
  return withTenant(handle, { orgId: request.orgId }, async (tx) => {
    const wanted = request.entityIds ? new Set(request.entityIds) : null;
    const own = await ensureIndicatorValues(tx, request.orgId, request.kind, request.day, undefined, {
      detailFor: wanted ?? undefined,
      alongside: handle.kind === "postgres" && request.secondConnection !== false ? (work) => withTenant(handle, { orgId: request.orgId }, work) : undefined,
    });
    // Which peers count depends on the rule set's eligibility (only eligible entities are counted).
    const peersByThreshold = new Map<number, AnonymousPeer[]>();
    const peersFor = async (ruleSet: RuleSet) => {
      const threshold = ruleSet.eligibility.minValidOrders;
      const known = peersByThreshold.get(threshold);
      if (known) return known;
      const peers = await peersOf(tx, request.kind, request.day, threshold);
      peersByThreshold.set(threshold, peers);
      return peers;
    };
    const overrides = await weightOverrides(tx, request.orgId);
    const targets = own.filter((e) => !wanted || wanted.has(e.id));
    const stored: string[] = [];
    const ruleSets = forced
      ? [forced]
      : ruleSetsFor(request.kind).filter((r) => targets.some((e) => e.ruleSet === r.name));
    for (const ruleSet of ruleSets) {
      const entities = cohortOf(ruleSet, own, await peersFor(ruleSet), overrides);
      const scores = new Map(scoreDay({ ruleSet, entities }).map((s) => [s.key, s]));
      const members = targets.filter((e) => forced || e.ruleSet === ruleSet.name);
      for (let start = 0; start < members.length; start += sliceSize) {
        const slice: ScoredRecord[] = [];
        for (const entity of members.slice(start, start + sliceSize)) {
          const score = scores.get(entity.id);
          if (!score || !entity.detail) continue;
          const explanation = buildExplanation({ ruleSet, day: request.day, values: entity.detail, score });
          slice.push({ kind: request.kind, entity, ruleSet, explanation });
        }
        await saveSnapshots(
          handle,
          tx,
          slice.map((r) => ({
            orgId: request.orgId,
            entityKind: r.kind,
            entityId: r.entity.id,
            ruleSet: r.ruleSet.name,
            day: request.day,
            rollupVersion: r.entity.rollupVersion,
            explanation: r.explanation,
          })),
        );
        for (const record of slice) {
          stored.push(record.entity.id);
          visit?.(record);
        }
      }
    }
    // A listed entity's published card takes the day's stored score (only the fields its owner shows).
    await refreshDirectoryCards(tx, request.orgId, { kind: request.kind, entityIds: stored, from: request.day, to: request.day });
    return stored.length;
  });
}

export async function setDimensionWeights(
  tx: Tx,
  orgId: string,
  input: { ruleSet: string; categoryCode: string; weights: DimensionWeights | null },
) {
  const where = and(
    eq(dimensionWeightOverrides.orgId, orgId),
    eq(dimensionWeightOverrides.ruleSet, input.ruleSet),
    eq(dimensionWeightOverrides.categoryCode, input.categoryCode),
  );
  await tx.delete(dimensionWeightOverrides).where(where);
  if (input.weights) {
    await tx.insert(dimensionWeightOverrides).values({
      orgId,
      ruleSet: input.ruleSet,
      categoryCode: input.categoryCode,
      weights: input.weights as Record<string, number>,
    });
  }
}
