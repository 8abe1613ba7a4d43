import type { DbHandle } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { addDays, daysBetween, type Day } from "@/server/lib/time";
import { findPointsRuleSet } from "../rule-sets";
import { saveSnapshots } from "../store/snapshots";
import { buildCurrentExplanation } from "./explain";
import { scoreShopsOverDays } from "./service";
import { listCurrentShops } from "./store/current-values";

/**
 * Days of history kept for shops under the current rules: the 30-day brand-badge average needs
 * 30, and a little more shows the trend into it. Each day is measured from the window's facts
 * (no running sums), so the 5-point rules' 90 days would cost three times as much for a chart
 * nobody reads that far.
 */
export const CURRENT_HISTORY_DAYS = 35;

/**
 * Scores and stores the days from..to (at most the last CURRENT_HISTORY_DAYS of them) of the
 * organisation's shops whose rule set is a 100-point or SPS one (or of `shopIds` among them), as
 * full explanations in score_snapshots beside the 5-point shops' rows. Newest day first, so
 * today's score is readable before the history is.
 */
export async function backfillCurrentScores(handle: DbHandle, input: { orgId: string; from: Day; to: Day; shopIds?: readonly string[] }): Promise<{ shops: number; days: number }> {
  const rows = await withTenant(handle, { orgId: input.orgId }, (tx) => listCurrentShops(tx, input.orgId, input.shopIds));
  const byRuleSet = new Map<string, string[]>();
  for (const row of rows) {
    if (!findPointsRuleSet(row.ruleSet)) continue;
    byRuleSet.set(row.ruleSet, [...(byRuleSet.get(row.ruleSet) ?? []), row.id]);
  }
  const oldest = addDays(input.to, -(CURRENT_HISTORY_DAYS - 1));
  const from = input.from > oldest ? input.from : oldest;
  if (from > input.to || byRuleSet.size === 0) return { shops: 0, days: 0 };
  for (const [ruleSetName, shopIds] of byRuleSet) {
    const ruleSet = findPointsRuleSet(ruleSetName);
    if (!ruleSet) continue;
    await scoreShopsOverDays(handle, { orgId: input.orgId, ruleSetName, from, to: input.to, shopIds }, (day, scored, tx) =>
      saveSnapshots(
        handle,
        tx,
        scored.map(({ shop, score }) => ({
          orgId: input.orgId,
          entityKind: "shop" as const,
          entityId: shop.id,
          ruleSet: ruleSetName,
          day,
          rollupVersion: shop.rollupVersion,
          explanation: buildCurrentExplanation({ ruleSet, day, categoryCode: shop.categoryCode, score }),
        })),
      ),
    );
  }
  return { shops: [...byRuleSet.values()].reduce((n, ids) => n + ids.length, 0), days: daysBetween(from, input.to) + 1 };
}
