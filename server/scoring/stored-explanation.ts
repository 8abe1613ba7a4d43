import { z } from "zod";
import {
  dimensionExplanationSchema,
  explanationRuleSetSchema,
  indicatorExplanationSchema,
  scoreExplanationFieldsSchema,
  scoreExplanationSchema,
  type ScoreExplanation,
} from "@/lib/contracts/explanation";
import { AppError } from "@/server/lib/errors";
import { logger } from "@/server/lib/logger";
import { findRuleSet } from "./rule-sets";
import type { RuleSet } from "./rule-sets/schema";
import { shownScoreOf } from "./score-display";

/**
 * Explanations stored before the display fields existed lack the rule set's display decimals and
 * each dimension's shown score and band. They stay readable: the missing fields are filled in
 * from the row's rule set by the same functions that build new explanations. Those stored before
 * the privacy rule of cohorts (scoring.md §5) lack who the cohort held: it stays unknown (null).
 */
const olderExplanationSchema = scoreExplanationFieldsSchema.extend({
  beatsCohort: scoreExplanationFieldsSchema.shape.beatsCohort.optional(),
  dimensions: z.array(
    dimensionExplanationSchema.extend({
      scoreShown: dimensionExplanationSchema.shape.scoreShown.optional(),
      band: dimensionExplanationSchema.shape.band.optional(),
      indicators: z.array(
        indicatorExplanationSchema.extend({ cohort: indicatorExplanationSchema.shape.cohort.optional() }),
      ),
    }),
  ),
  ruleSet: explanationRuleSetSchema.extend({
    displayDecimals: explanationRuleSetSchema.shape.displayDecimals.optional(),
  }),
});

type OlderExplanation = z.infer<typeof olderExplanationSchema>;

function withDisplayFields(older: OlderExplanation, ruleSet: RuleSet): unknown {
  return {
    ...older,
    beatsCohort: older.beatsCohort ?? null,
    dimensions: older.dimensions.map((stored) => {
      const dimension = { ...stored, indicators: stored.indicators.map((indicator) => ({ ...indicator, cohort: indicator.cohort ?? null })) };
      if (dimension.scoreShown !== undefined && dimension.band !== undefined) return dimension;
      const shown = dimension.score === null ? null : shownScoreOf(ruleSet, dimension.score);
      return { ...dimension, scoreShown: shown?.shown ?? null, band: shown?.band ?? null };
    }),
    ruleSet: {
      ...older.ruleSet,
      displayDecimals: older.ruleSet.displayDecimals ?? ruleSet.displayDecimals,
    },
  };
}

export type StoredExplanationRow = {
  orgId: string;
  entityId: string;
  ruleSet: string;
  day: string;
  result: unknown;
};

/**
 * The explanation of a stored snapshot, checked against the contract the UI renders. A row that
 * does not match is not shown half-broken: it is logged with its key and refused as an internal
 * error (a rescore of the day writes it anew).
 */
export function readStoredExplanation(row: StoredExplanationRow): ScoreExplanation {
  const current = scoreExplanationSchema.safeParse(row.result);
  if (current.success) return current.data;
  const ruleSet = findRuleSet(row.ruleSet);
  const older = olderExplanationSchema.safeParse(row.result);
  if (ruleSet && older.success && older.data.ruleSet.name === ruleSet.name) {
    const upgraded = scoreExplanationSchema.safeParse(withDisplayFields(older.data, ruleSet));
    if (upgraded.success) return upgraded.data;
  }
  logger.error(
    {
      orgId: row.orgId,
      entityId: row.entityId,
      ruleSet: row.ruleSet,
      day: row.day,
      issues: current.error.issues.slice(0, 5),
    },
    "stored score explanation does not match its contract",
  );
  throw new AppError("INTERNAL", "errors.scoreUnreadable", { params: { day: row.day } });
}
