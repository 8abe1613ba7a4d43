import type { Tx } from "@/db/client";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, todayInShanghai, type Day } from "@/server/lib/time";
import { listAnnotations } from "@/server/entities/annotations";
import { getEntity } from "@/server/entities/queries";
import type { ScoreExplanation } from "@/lib/contracts/explanation";
import { thresholdsOnStoredDays, type ThresholdStatus } from "./current/thresholds";
import { categoryNamesOf } from "./current/store/current-values";
import { findPointsRuleSet, getRuleSetView } from "./rule-sets";
import { rescorePending } from "./rescore-pending";
import { factDayRange } from "./store/fact-days";
import { historySeries, type HistoryPoint } from "./store/history-series";
import { latestSnapshot } from "./store/snapshots";
import { coverageAgainstToday } from "./coverage";

export const HISTORY_DAYS = 90;

export type EntityScoreOptions = {
  /** Read the score as of this day (a stored one; entityScoreAsOf computes it first when missing). */
  day?: Day;
  /** The day "today's window" is measured from; tests pin it. */
  today?: Day;
};

/**
 * The stored score of a shop or creator account (the latest, or as of `day`) with its explanation
 * and the 90-day history up to it (overall and each dimension), whether a rescore is on its way
 * (`recalculating`: the UI says so and looks again), and the days its facts cover, set against
 * the rule set's main window as of today: facts that all lie before it cannot give today's score.
 */
export async function entityScore(tx: Tx, scope: OrgScope, kind: EntityKind, id: string, options: EntityScoreOptions = {}) {
  const entity = await getEntity(tx, scope, kind, id);
  const ruleSet = getRuleSetView(entity.ruleSet);
  const latest = await latestSnapshot(tx, scope.orgId, kind, entity.id, entity.ruleSet, options.day);
  const shownLatest = options.day && latest?.day !== options.day ? null : latest;
  const historyEnd = options.day ?? latest?.day;
  const history = historyEnd ? await historySeries(tx, { orgId: scope.orgId, kind, entityId: entity.id, ruleSet }, addDays(historyEnd, -(HISTORY_DAYS - 1)), historyEnd) : [];
  const facts = await factDayRange(tx, scope.orgId, kind, entity.id);
  return {
    entity: { kind, id: entity.id, name: entity.name, externalId: entity.externalId, categoryCode: entity.categoryCode, ruleSet: entity.ruleSet },
    asOf: options.day ?? null,
    /** The latest day a score can be asked for (the date picker's end). */
    today: options.today ?? todayInShanghai(),
    latest: shownLatest,
    history,
    dimensions: ruleSet.dimensions.map((d) => ({ code: d.code, nameZh: d.nameZh, nameEn: d.nameEn })),
    annotations: await listAnnotations(tx, scope, kind, entity.id, historyEnd),
    coverage: facts ? coverageAgainstToday(entity.ruleSet, facts, options.today) : null,
    recalculating: await rescorePending(tx, scope.orgId, kind, entity, shownLatest),
    /** Under the 100-point rules: what the shop may do at its score (精选联盟, campaigns, brand badge…), on its stored days. */
    currentThresholds: shownLatest ? await currentThresholdsOf(tx, entity, shownLatest.explanation, history) : null,
  };
}

async function currentThresholdsOf(tx: Tx, entity: { ruleSet: string; categoryCode: string }, latest: ScoreExplanation, history: readonly HistoryPoint[]): Promise<ThresholdStatus[] | null> {
  const ruleSet = findPointsRuleSet(entity.ruleSet);
  if (!ruleSet || ruleSet.thresholds.length === 0) return null;
  const names = (await categoryNamesOf(tx)).get(entity.categoryCode) ?? [entity.categoryCode];
  const dimensions = Object.fromEntries(latest.dimensions.flatMap((d) => (d.score === null ? [] : [[d.code, d.score]])));
  return thresholdsOnStoredDays(ruleSet, names, latest.day, dimensions, history.map((h) => ({ day: h.day, score: h.overall })));
}
