import type { DbHandle } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import type { Day } from "@/server/lib/time";
import { allOrganisationIds } from "../refresh";
import { findPointsRuleSet } from "../rule-sets";
import type { PointsRuleSet } from "../rule-sets/points-schema";
import type { CurrentScore, OrganisationEntries } from "./result";
import { scoreMeasuredShops, type CurrentPeer, type MeasuredShop } from "./score-current";
import { currentPeersOf, ensureCurrentValues, measureOrganisationShops, ownCachedMembers, type CurrentShopRow } from "./store/current-values";
import { organisationEntriesOf } from "./store/entries";

export type CurrentScoredShop = { shop: CurrentShopRow; score: CurrentScore };

type ScoreRequest = { orgId: string; ruleSetName: string; day: Day; shopIds?: readonly string[] };

/** Everything scoring the shops on a day needs, measured once: the shops, their measures, their cohorts' other members, and the organisation's entries. */
export type PreparedCurrentDay = {
  ruleSet: PointsRuleSet;
  day: Day;
  shops: CurrentShopRow[];
  measured: MeasuredShop[];
  peers: CurrentPeer[];
  entriesOf: (categoryCode: string) => OrganisationEntries | undefined;
};

/**
 * Measures the organisation's shops (all, or `shopIds`) on day D under a 100-point or SPS rule
 * set and gathers their cohorts: its own other shops and, under the privacy rule, other
 * organisations' shops under the same rule set. Every benchmarking organisation's cached values
 * are brought up to date first, each in its own tenant transaction, so a cohort is complete
 * whoever asks first.
 */
export async function prepareCurrentDay(handle: DbHandle, input: ScoreRequest): Promise<PreparedCurrentDay> {
  const ruleSet = findPointsRuleSet(input.ruleSetName);
  if (!ruleSet) throw new RangeError(`not a 100-point or SPS rule set: ${input.ruleSetName}`);
  for (const orgId of await allOrganisationIds(handle)) {
    if (orgId !== input.orgId) await withTenant(handle, { orgId }, (tx) => ensureCurrentValues(tx, orgId, ruleSet, input.day));
  }
  return withTenant(handle, { orgId: input.orgId }, async (tx) => {
    const { rows, computed } = await ensureCurrentValues(tx, input.orgId, ruleSet, input.day);
    const wanted = input.shopIds ? rows.filter((r) => input.shopIds?.includes(r.id)) : rows;
    const already = new Map(computed.map((m) => [m.shop.key, m]));
    const missing = wanted.filter((r) => !already.has(r.id));
    for (const m of await measureOrganisationShops(tx, input.orgId, ruleSet, input.day, missing)) already.set(m.shop.key, m);
    const measured = wanted.flatMap((r) => already.get(r.id) ?? []);
    const wantedIds = new Set(wanted.map((r) => r.id));
    const peers = [...(await ownCachedMembers(tx, input.orgId, ruleSet, input.day, wantedIds)), ...(await currentPeersOf(tx, ruleSet, input.day))];
    const shops = measured.flatMap((m) => wanted.find((r) => r.id === m.shop.key) ?? []);
    return { ruleSet, day: input.day, shops, measured, peers, entriesOf: await organisationEntriesOf(tx, input.orgId, ruleSet.name) };
  });
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
export async function scoreShopsUnderCurrentRules(
  handle: DbHandle,
  input: { orgId: string; ruleSetName: string; day: Day; shopIds?: readonly string[] },
): Promise<CurrentScoredShop[]> {
  return scorePreparedDay(await prepareCurrentDay(handle, input));
}
