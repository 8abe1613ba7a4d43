import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scoreSnapshots } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { Day } from "@/server/lib/time";
import type { RuleSetView } from "../rule-sets";
import { shownScoreOf } from "../score-display";

/**
 * One day of an entity's history as the chart draws it: the overall and each dimension of the rule
 * set, unrounded and as shown. Keyed by day so other series (a forecast) can be laid beside it.
 */
/** One entity's stored days under one rule set, from … to inclusive: the range every history reader asks for. */
export function storedDaysOf(target: { orgId: string; kind: EntityKind; entityId: string; ruleSet: RuleSetView }, from: Day, to: Day) {
  return and(
    eq(scoreSnapshots.orgId, target.orgId),
    eq(scoreSnapshots.entityKind, target.kind),
    eq(scoreSnapshots.entityId, target.entityId),
    eq(scoreSnapshots.ruleSet, target.ruleSet.name),
    gte(scoreSnapshots.day, from),
    lte(scoreSnapshots.day, to),
  );
}

export type HistoryPoint = {
  day: Day;
  state: "scored" | "insufficient_data";
  overall: number | null;
  overallShown: number | null;
  beatsPercent: number | null;
  /** Dimension code → shown score (null: not scored that day). */
  dimensions: Record<string, number | null>;
};

const shown = (ruleSet: RuleSetView, value: number | null | undefined) =>
  value === null || value === undefined || Number.isNaN(value) ? null : shownScoreOf(ruleSet, value).shown;

/**
 * The stored days from..to: full snapshots keep their dimension scores in the explanation, history
 * summaries in packed columns (composite, score pairs in the rule set's order, ADR 0008).
 */
export async function historySeries(
  tx: Tx,
  target: { orgId: string; kind: EntityKind; entityId: string; ruleSet: RuleSetView },
  from: Day,
  to: Day,
): Promise<HistoryPoint[]> {
  const rows = await tx
    .select({
      day: scoreSnapshots.day,
      state: scoreSnapshots.state,
      overall: scoreSnapshots.overall,
      beatsPercent: scoreSnapshots.beatsPercent,
      packed: scoreSnapshots.dimensionScores,
      explained: sql<{ code: string; score: number | null }[] | null>`(select json_agg(json_build_object('code', d->>'code', 'score', (d->>'score')::float8)) from json_array_elements(${scoreSnapshots.result}->'dimensions') d)`,
    })
    .from(scoreSnapshots)
    .where(storedDaysOf(target, from, to))
    .orderBy(asc(scoreSnapshots.day));
  return rows.map((row) => {
    const explained = new Map((row.explained ?? []).map((d) => [d.code, d.score]));
    const dimensions: Record<string, number | null> = {};
    target.ruleSet.dimensions.forEach((dimension, i) => {
      const score = row.explained ? explained.get(dimension.code) : row.packed?.[2 * i + 1];
      dimensions[dimension.code] = row.state === "scored" ? shown(target.ruleSet, score) : null;
    });
    return {
      day: row.day,
      state: row.state,
      overall: row.overall,
      overallShown: shown(target.ruleSet, row.overall),
      beatsPercent: row.beatsPercent,
      dimensions,
    };
  });
}
