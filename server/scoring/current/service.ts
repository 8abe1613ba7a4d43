import type { DbHandle, Tx } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { addDays, type Day } from "@/server/lib/time";
import { allOrganisationIds } from "../refresh";
import { findPointsRuleSet } from "../rule-sets";
import type { PointsRuleSet } from "../rule-sets/points-schema";
import type { CurrentScore, OrganisationEntries } from "./result";
import { scoreMeasuredShops, type CurrentPeer, type MeasuredShop } from "./score-current";
import { cachedValuesOf, currentPeersOf, measureShopsOverDays, ownCachedMembers, ownMeasuredMember, refreshCurrentValues, staleCurrentValues, storeValues, type CachedValues, type CurrentShopRow } from "./store/current-values";
import { organisationEntriesOf } from "./store/entries";

export type CurrentScoredShop = { shop: CurrentShopRow; score: CurrentScore };

type ScoreRequest = { orgId: string; ruleSetName: string; day: Day; shopIds?: readonly string[] };
type DaysRequest = Omit<ScoreRequest, "day"> & { from: Day; to: Day };

/** Everything scoring the shops on a day needs, measured once: the shops, their measures, their cohorts' other members, and the organisation's entries. */
export type PreparedCurrentDay = {
  ruleSet: PointsRuleSet;
  day: Day;
  shops: CurrentShopRow[];
  measured: MeasuredShop[];
  peers: CurrentPeer[];
  entriesOf: (categoryCode: string) => OrganisationEntries | undefined;
};

/** from..to, newest first (today's score is readable before its history). */
function daysNewestFirst(from: Day, to: Day): Day[] {
  const days: Day[] = [];
  for (let day = to; day >= from; day = addDays(day, -1)) days.push(day);
  return days;
}

/**
 * Measures the organisation's shops (all, or `shopIds`) on each day from..to under a 100-point or
 * SPS rule set, gathers their cohorts — its own other shops and, under the privacy rule, other
 * organisations' shops under the same rule set — and hands each day to `onDay` in the
 * organisation's tenant transaction, newest day first. Every benchmarking organisation's cached
 * values are brought up to date first, each in its own tenant transaction, so a cohort is complete
 * whoever asks first. Facts are read once per organisation for the whole run of days.
 */
export async function prepareCurrentDays(handle: DbHandle, input: DaysRequest, onDay: (prepared: PreparedCurrentDay, tx: Tx) => Promise<void>): Promise<void> {
  const ruleSet = findPointsRuleSet(input.ruleSetName);
  if (!ruleSet) throw new RangeError(`not a 100-point or SPS rule set: ${input.ruleSetName}`);
  const days = daysNewestFirst(input.from, input.to);
  for (const orgId of await allOrganisationIds(handle)) {
    if (orgId !== input.orgId) await withTenant(handle, { orgId }, (tx) => refreshCurrentValues(tx, orgId, ruleSet, days));
  }
  await withTenant(handle, { orgId: input.orgId }, async (tx) => {
    const { rows, staleOn } = await staleCurrentValues(tx, input.orgId, ruleSet, days);
    const wanted = input.shopIds ? rows.filter((r) => input.shopIds?.includes(r.id)) : rows;
    const wantedIds = new Set(wanted.map((r) => r.id));
    const entriesOf = await organisationEntriesOf(tx, input.orgId, ruleSet.name);
    const measuredOn = (day: Day) => [...wanted, ...staleOn(day).filter((r) => !wantedIds.has(r.id))];
    // Values measured here are stored once, after the last day; until then they join cohorts from memory.
    const computed: CachedValues[] = [];
    await measureShopsOverDays(tx, input.orgId, ruleSet, days, measuredOn, async (day, measured) => {
      const stale = new Set(staleOn(day).map((r) => r.id));
      const mine: MeasuredShop[] = [];
      const shops: CurrentShopRow[] = [];
      const others: CurrentPeer[] = [];
      for (const one of measured) {
        const values = stale.has(one.row.id) ? cachedValuesOf(ruleSet, day, one) : null;
        if (values) computed.push(values);
        if (wantedIds.has(one.row.id)) {
          mine.push(one.measured);
          shops.push(one.row);
        } else if (values?.eligible) others.push(ownMeasuredMember(ruleSet, values));
      }
      const measuredHere = new Set([...wantedIds, ...stale]);
      // The cache is read for the organisation's other shops only when it holds any that were not measured here.
      const cached = rows.some((r) => !measuredHere.has(r.id)) ? await ownCachedMembers(tx, input.orgId, ruleSet, day, measuredHere) : [];
      const peers = [...cached, ...others, ...(await currentPeersOf(tx, ruleSet, day))];
      await onDay({ ruleSet, day, shops, measured: mine, peers, entriesOf }, tx);
    });
    await storeValues(tx, input.orgId, ruleSet, computed);
  });
}

/** One day of prepareCurrentDays, for callers that score it more than once (a calibration's fitted entries). */
export async function prepareCurrentDay(handle: DbHandle, input: ScoreRequest): Promise<PreparedCurrentDay> {
  let prepared: PreparedCurrentDay | undefined;
  await prepareCurrentDays(handle, { ...input, from: input.day, to: input.day }, async (day) => {
    prepared = day;
  });
  if (!prepared) throw new Error(`no day prepared for ${input.day}`);
  return prepared;
}

/** Scores a prepared day, with the organisation's entries or others in their place (a calibration's fitted ones). */
export function scorePreparedDay(prepared: PreparedCurrentDay, entriesOf = prepared.entriesOf): CurrentScoredShop[] {
  const { ruleSet, day, measured, peers } = prepared;
  const scores = scoreMeasuredShops({ ruleSet, day, measured, peers, entriesOf });
  return prepared.shops.flatMap((shop, i) => {
    const score = scores[i];
    return score ? [{ shop, score }] : [];
  });
}

/**
 * Scores the organisation's shops (all, or `shopIds`) on day D under a 100-point or SPS rule set,
 * with the organisation's entries for each shop's category (value cut-offs, weights) where it
 * has made any, the published figures or Koubei's defaults elsewhere.
 */
export async function scoreShopsUnderCurrentRules(handle: DbHandle, input: ScoreRequest): Promise<CurrentScoredShop[]> {
  return scorePreparedDay(await prepareCurrentDay(handle, input));
}

/** Scores the shops on each day from..to (newest first), handing each day's scores to `onDay` in the organisation's tenant transaction. */
export async function scoreShopsOverDays(handle: DbHandle, input: DaysRequest, onDay: (day: Day, scored: CurrentScoredShop[], tx: Tx) => Promise<void>): Promise<void> {
  await prepareCurrentDays(handle, input, (prepared, tx) => onDay(prepared.day, scorePreparedDay(prepared), tx));
}
