import type { DbHandle } from "@/db/client";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { EntityForecast, ForecastCrossing, ForecastDay } from "@/lib/contracts/outlook";
import { withTenant } from "@/server/db/tenant";
import { addDays, daysBetween, type Day } from "@/server/lib/time";
import { packOrganisation, rankPackedDay } from "@/server/scoring/backfill";
import type { KernelResult } from "@/server/scoring/score-kernel";
import { allOrganisationIds } from "@/server/scoring/refresh";
import { ruleSetsFor, type RuleSet } from "@/server/scoring/rule-sets";
import { shownScoreOf } from "@/server/scoring/score-display";
import { weightOverrides } from "@/server/scoring/service";
import { readPeerMinOrganisations, type PackedValues } from "@/server/scoring/store/peer-values";

export const FORECAST_DAYS = 14;

export type ForecastRequest = {
  orgId: string;
  kind: EntityKind;
  /** The day the forecast is made on (normally today, the newest scored day). */
  day: Day;
  days?: number;
  /** Only these entities' forecasts are returned (the cohort is always complete). */
  entityIds?: readonly string[];
};

/**
 * "If no new facts arrive": the score of each of the next `days` days, for every entity of the
 * organisation of one kind. A forecast day D+k is scored exactly as the history backfill scores a
 * day (rankPackedDay), over the facts in the database now: the windows roll forward (old days
 * leave, recency weights shift), facts that become visible later (an open order's pickup falling
 * overdue, today's facts) enter on the day the rule set lets them, and every peer's values roll
 * the same way over its own known facts. Day D itself is ranked too, as the forecast's start.
 */
export async function forecastOrganisation(handle: DbHandle, request: ForecastRequest): Promise<EntityForecast[]> {
  return [...(await forecastsOf(handle, request))];
}

/**
 * forecastOrganisation's forecasts, each built only when the caller reaches it: the cohort is
 * ranked for every day first, and a caller that stores them a slice at a time (the rescore, for
 * ten thousand shops) never holds them all.
 */
export async function forecastsOf(handle: DbHandle, request: ForecastRequest): Promise<Iterable<EntityForecast>> {
  const horizon = request.days ?? FORECAST_DAYS;
  const days = Array.from({ length: horizon + 1 }, (_, i) => addDays(request.day, i));
  const own = await packOrganisation(handle, request.orgId, request.kind, days, true);
  if (!own || own.entities.length === 0) return [];
  const wanted = request.entityIds ? new Set(request.entityIds) : null;
  if (wanted && !own.entities.some((e) => wanted.has(e.id))) return [];
  const packed = new Map<string, PackedValues>([[request.orgId, own]]);
  for (const orgId of await allOrganisationIds(handle)) {
    if (orgId === request.orgId) continue;
    const values = await packOrganisation(handle, orgId, request.kind, days, false);
    if (values) packed.set(orgId, values);
  }
  const minOrgs = await withTenant(handle, { orgId: null }, (tx) => readPeerMinOrganisations(tx));
  const overrides = await withTenant(handle, { orgId: request.orgId }, (tx) => weightOverrides(tx, request.orgId));
  const ruleSets = ruleSetsFor(request.kind).filter((r) => own.entities.some((e) => e.ruleSet === r.name));
  // Only the columns a forecast day reads are kept of each day's ranking: fifteen days of every
  // kernel column (percentiles, cohort sizes) of ten thousand shops are 80 MB (ADR 0035).
  const ranked = days.map((_, i) =>
    rankPackedDay(packed, request.orgId, i, { ruleSets, overrides, minOrgs }).map(({ ruleSet, result }) => ({
      ruleSet,
      result: { eligible: result.eligible, overall: result.overall, dimensionScore: result.dimensionScore, dimensions: result.dimensions },
    })),
  );

  return (function* () {
    for (const [index, entity] of own.entities.entries()) {
      if (wanted && !wanted.has(entity.id)) continue;
      const ruleSet = ruleSets.find((r) => r.name === entity.ruleSet);
      if (!ruleSet) continue;
      const series = days.map((day, i) => forecastDayOf(ranked[i] ?? [], ruleSet, index, day));
      const [start, ...ahead] = series;
      const currentOverall = start?.overall ?? null;
      yield {
        entityId: entity.id,
        ruleSet: ruleSet.name,
        madeForDay: request.day,
        currentOverall,
        days: ahead,
        crossings: crossingsOf(ruleSet, request.day, currentOverall, ahead),
      } satisfies EntityForecast;
    }
  })();
}

/** What a forecast day reads of one rule set's ranking of a day. */
type RankedForForecast = { ruleSet: RuleSet; result: Pick<KernelResult, "eligible" | "overall" | "dimensionScore" | "dimensions"> };

function forecastDayOf(ranked: readonly RankedForForecast[], ruleSet: RuleSet, index: number, day: Day): ForecastDay {
  const cohort = ranked.find((r) => r.ruleSet.name === ruleSet.name);
  const result = cohort?.result;
  if (!result || result.eligible[index] !== 1) return { day, state: "insufficient_data", overall: null, dimensions: {}, band: null };
  const overall = result.overall[index] ?? Number.NaN;
  const dimensions: Record<string, number> = {};
  ruleSet.dimensions.forEach((dimension, d) => {
    dimensions[dimension.code] = result.dimensionScore[index * result.dimensions + d] ?? Number.NaN;
  });
  return { day, state: "scored", overall, dimensions, band: shownScoreOf(ruleSet, overall).band };
}

/**
 * For each threshold of the rule set's scale, the first forecast day whose shown score lies on
 * the other side of it than the score of the forecast's own day (a fall below, or a rise to it).
 * A day without a score crosses nothing; an entity not scored today has nothing to fall from.
 */
export function crossingsOf(ruleSet: RuleSet, madeForDay: Day, currentOverall: number | null, days: readonly ForecastDay[]): ForecastCrossing[] {
  if (currentOverall === null) return [];
  const shownNow = shownScoreOf(ruleSet, currentOverall).shown;
  const crossings: ForecastCrossing[] = [];
  for (const threshold of ruleSet.thresholds) {
    const minScore = threshold.minScore;
    if (minScore === null) continue;
    const aboveNow = shownNow >= minScore;
    const crossed = days.find((d) => d.overall !== null && shownScoreOf(ruleSet, d.overall).shown >= minScore !== aboveNow);
    if (!crossed) continue;
    const inDays = daysBetween(madeForDay, crossed.day);
    crossings.push({ minScore, direction: aboveNow ? "falls_below" : "reaches", day: crossed.day, inDays });
  }
  return crossings;
}
