import { asc, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scoreSnapshots } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { GoalPoint } from "@/lib/contracts/goals";
import type { Day } from "@/server/lib/time";
import { INDICATOR_ORDER } from "@/server/scoring/indicators";
import type { RuleSetView } from "@/server/scoring/rule-sets";
import { historySeries, storedDaysOf } from "@/server/scoring/store/history-series";
import type { GoalTarget } from "./metric";

export type MetricHistoryTarget = { orgId: string; kind: EntityKind; entityId: string; ruleSet: RuleSetView };

/**
 * The goal's metric for each stored day from..to: a score as shown (the stored history series),
 * an indicator's value as the explanation stores it (full days) or the history summary packs it.
 * Days without a score or without the indicator are null.
 */
export async function metricHistory(tx: Tx, target: MetricHistoryTarget, metric: GoalTarget, from: Day, to: Day): Promise<GoalPoint[]> {
  if (metric.metric !== "indicator") {
    const series = await historySeries(tx, target, from, to);
    return series.map((point) => ({
      day: point.day,
      value: metric.metric === "overall" ? point.overallShown : (point.dimensions[metric.code] ?? null),
    }));
  }
  const position = (INDICATOR_ORDER as readonly string[]).indexOf(metric.code);
  const rows = await tx
    .select({
      day: scoreSnapshots.day,
      packed: scoreSnapshots.indicatorValues,
      explained: sql<number | null>`(select (i->>'value')::float8 from json_array_elements(${scoreSnapshots.result}->'dimensions') d, json_array_elements(d->'indicators') i where i->>'code' = ${metric.code} limit 1)`,
      full: sql<boolean>`${scoreSnapshots.result} is not null`,
    })
    .from(scoreSnapshots)
    .where(storedDaysOf(target, from, to))
    .orderBy(asc(scoreSnapshots.day));
  return rows.map((row) => {
    const value = row.full ? row.explained : position >= 0 ? row.packed?.[position] : null;
    return { day: row.day, value: typeof value === "number" && Number.isFinite(value) ? value : null };
  });
}
