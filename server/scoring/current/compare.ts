import type { DbHandle } from "@/db/client";
import type { ScoreScale } from "@/lib/contracts/explanation";
import { COMPARE_DEFAULT_DAYS, type CompareRuleSetInput, type ComparedDay, type RuleSetComparison } from "@/lib/contracts/rule-compare";
import { withTenant } from "@/server/db/tenant";
import { getEntity } from "@/server/entities/queries";
import { badInput } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, todayInShanghai, type Day } from "@/server/lib/time";
import { findPointsRuleSet, getRuleSetView } from "../rule-sets";
import type { PointsRuleSet } from "../rule-sets/points-schema";
import { scoreScaleOf, shownScoreOf } from "../score-display";
import { latestSnapshot } from "../store/snapshots";
import type { CurrentScore } from "./result";
import { scoreShopsOverDays } from "./service";

type CompareOptions = { today?: Day };

/** The 100-point or SPS rule set a shop's history may be recomputed under: any but its own. */
function comparableRuleSet(name: string, ownRuleSet: string): PointsRuleSet {
  const ruleSet = findPointsRuleSet(name);
  if (!ruleSet) throw badInput("compareNotPointsRuleSet", "ruleSet", { ruleSet: name });
  if (ruleSet.name === ownRuleSet) throw badInput("compareOwnRuleSet", "ruleSet", { ruleSet: name });
  return ruleSet;
}

const scaleOf = (ruleSet: PointsRuleSet): ScoreScale => scoreScaleOf(getRuleSetView(ruleSet.name));

function comparedDay(ruleSet: PointsRuleSet, day: Day, score: CurrentScore | undefined): ComparedDay {
  const scale = scaleOf(ruleSet);
  const overall = (ruleSet.family === "tiktok-sps" ? score?.score : score?.score100) ?? null;
  const dimensions = Object.fromEntries(Object.entries(score?.dimensions ?? {}).map(([code, d]) => [code, shownScoreOf(scale, d.score).shown]));
  return {
    day,
    state: score?.state ?? "insufficient",
    overall,
    overallShown: overall === null ? null : shownScoreOf(scale, overall).shown,
    score5: score?.score5 ?? null,
    dimensions,
  };
}

/**
 * A shop's days recomputed under another 100-point or SPS rule set, to compare with its own
 * history (issue 16): at most 35 days ending on `to` — by default the shop's latest scored day, or
 * today. Scored on the path `koubei score --rule-set … --from … --to` takes (scoreShopsOverDays,
 * one read of the facts); nothing is stored as a score, only the current rules' value cache is
 * brought up to date. Runs its own transactions: the caller must hold none.
 */
export async function compareUnderRuleSet(handle: DbHandle, scope: OrgScope, input: CompareRuleSetInput, options: CompareOptions = {}): Promise<RuleSetComparison> {
  const today = options.today ?? todayInShanghai();
  if (input.to && input.to > today) throw badInput("scoreDayInFuture", "to", { day: today });
  const tenant = { orgId: scope.orgId, userId: scope.userId };
  // The visibility check comes first: nothing is computed for a shop the caller cannot see.
  const { shop, latestDay } = await withTenant(handle, tenant, async (tx) => {
    const row = await getEntity(tx, scope, "shop", input.id);
    const latest = input.to ? null : await latestSnapshot(tx, scope.orgId, "shop", row.id, row.ruleSet);
    return { shop: row, latestDay: latest?.day ?? null };
  });
  const ruleSet = comparableRuleSet(input.ruleSet, shop.ruleSet);
  const to = input.to ?? latestDay ?? today;
  const from = addDays(to, -((input.days ?? COMPARE_DEFAULT_DAYS) - 1));

  const byDay = new Map<Day, CurrentScore>();
  await scoreShopsOverDays(handle, { orgId: scope.orgId, ruleSetName: ruleSet.name, from, to, shopIds: [shop.id] }, async (day, scored) => {
    const mine = scored.find((s) => s.shop.id === shop.id);
    if (mine) byDay.set(day, mine.score);
  });
  const days: ComparedDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(comparedDay(ruleSet, day, byDay.get(day)));
  return {
    ruleSet: { name: ruleSet.name, labelZh: ruleSet.labelZh, labelEn: ruleSet.labelEn, family: ruleSet.family, ...scaleOf(ruleSet) },
    ownRuleSet: shop.ruleSet,
    from,
    to,
    days,
  };
}
