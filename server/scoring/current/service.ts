import type { DbHandle } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import type { Day } from "@/server/lib/time";
import { allOrganisationIds } from "../refresh";
import { findPointsRuleSet } from "../rule-sets";
import type { CurrentScore } from "./result";
import { scoreMeasuredShops } from "./score-current";
import { currentPeersOf, ensureCurrentValues, measureOrganisationShops, ownCachedMembers, type CurrentShopRow } from "./store/current-values";

export type CurrentScoredShop = { shop: CurrentShopRow; score: CurrentScore };

/**
 * Scores the organisation's shops (all, or `shopIds`) on day D under a 100-point or SPS rule set,
 * ranked against its own other shops and, under the privacy rule, other organisations' shops
 * under the same rule set. Every benchmarking organisation's cached values are brought up to
 * date first, each in its own tenant transaction, so a cohort is complete whoever asks first.
 */
export async function scoreShopsUnderCurrentRules(
  handle: DbHandle,
  input: { orgId: string; ruleSetName: string; day: Day; shopIds?: readonly string[] },
): Promise<CurrentScoredShop[]> {
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
    const scores = scoreMeasuredShops({ ruleSet, day: input.day, measured, peers });
    return measured.flatMap((m, i) => {
      const shop = wanted.find((r) => r.id === m.shop.key);
      const score = scores[i];
      return shop && score ? [{ shop, score }] : [];
    });
  });
}
