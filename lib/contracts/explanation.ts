import { z } from "zod";

/**
 * The §8 score explanation as the server stores and serves it, and as the UI renders it. The UI
 * reads shown values, bands, thresholds, bounds and decimals from here and derives none of them,
 * so a rule set on another scale (say 0–100) needs no UI change. Client-safe: zod only.
 */

/** A band of the rule set: from `minScore` (a shown score, inclusive) up; null is the floor band. */
export const thresholdSchema = z.object({
  minScore: z.number().nullable(),
  meaningZh: z.string(),
  meaningEn: z.string(),
});
export type Threshold = z.infer<typeof thresholdSchema>;

/** How a rule set's scores are shown: the axis, the bands and the decimals of a shown score. */
export const scoreScaleSchema = z.object({
  scoreBounds: z.object({ min: z.number(), max: z.number() }),
  thresholds: z.array(thresholdSchema),
  displayDecimals: z.number().int().min(0).max(6),
});
export type ScoreScale = z.infer<typeof scoreScaleSchema>;

/** A score as the user sees it: rounded to the scale's decimals, with the band it reaches. */
export const shownScoreSchema = z.object({
  shown: z.number(),
  band: thresholdSchema.nullable(),
});
export type ShownScore = z.infer<typeof shownScoreSchema>;

const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const windowSpecSchema = z.object({
  fromDaysBefore: z.number().int(),
  toDaysBefore: z.number().int(),
});
const nullableNumber = z.number().nullable();

/**
 * Who a percentile was measured against (scoring.md §5, privacy of cohorts): other organisations'
 * entities too ("peers"), or the organisation's own only ("own"), because too few other
 * organisations share the cohort or the organisation does not take part in benchmarking.
 * `organisations` counts the organisation itself.
 */
export const cohortReachSchema = z.object({
  scope: z.enum(["peers", "own"]),
  organisations: z.number().int().min(1),
  entities: z.number().int().min(0),
});
export type CohortReach = z.infer<typeof cohortReachSchema>;

export const numberSourceSchema = z.enum(["published", "organisation", "default"]);
export type NumberSource = z.infer<typeof numberSourceSchema>;

export const indicatorExplanationSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  kind: z.enum(["rate", "mean"]),
  better: z.enum(["higher", "lower"]),
  window: z.enum(["main", "quality_return"]),
  windowFirstDay: daySchema,
  windowLastDay: daySchema,
  /** The indicator's weight in the rule set, before missing indicators are left out. */
  ruleSetWeight: z.number(),
  missing: z.boolean(),
  value: nullableNumber,
  numerator: nullableNumber,
  denominator: nullableNumber,
  unweightedNumerator: nullableNumber,
  unweightedDenominator: nullableNumber,
  /** null while the entity is not scored (insufficient data) or the indicator is missing. */
  percentile: nullableNumber,
  cohortSize: z.number().int().nullable(),
  cohortCategory: z.string().nullable(),
  fallback: z.boolean().nullable(),
  /** null while not ranked, and in explanations stored before the privacy rule. */
  cohort: cohortReachSchema.nullable(),
  weight: nullableNumber,
  overallWeight: nullableNumber,
  contribution: nullableNumber,
  /** How the value reads; absent (the 5-point rule sets): a rate is a share, a mean is hours. */
  unit: z.enum(["ratio", "hours", "seconds", "stars", "points"]).optional(),
  /** The 100-point rules: the band the indicator scores (50–100), after protection. */
  band: nullableNumber.optional(),
  /** The 100-point rules: scored a flat 80 by low-volume protection. */
  protected: z.boolean().nullable().optional(),
  /** The 100-point rules: 1–2★ ratings or counted units of a protected indicator (protection allows 3). */
  badEvents: z.number().int().nullable().optional(),
  /** Where the band's cut-offs and the weight come from: the platform's figure, the organisation's entry, Koubei's default. */
  bandSource: numberSourceSchema.nullable().optional(),
  weightSource: numberSourceSchema.nullable().optional(),
});
export type IndicatorExplanation = z.infer<typeof indicatorExplanationSchema>;

export const dimensionExplanationSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  ruleSetWeight: z.number(),
  weight: z.number(),
  composite: nullableNumber,
  score: nullableNumber,
  /** `score` as shown, with its band; null while not scored. */
  scoreShown: nullableNumber,
  band: thresholdSchema.nullable(),
  indicators: z.array(indicatorExplanationSchema),
});
export type DimensionExplanation = z.infer<typeof dimensionExplanationSchema>;

export const explanationRuleSetSchema = scoreScaleSchema.extend({
  name: z.string().min(1),
  labelZh: z.string(),
  labelEn: z.string(),
  entityKind: z.enum(["shop", "creator"]),
  halfLifeDays: z.number(),
  windows: z.object({ main: windowSpecSchema, quality_return: windowSpecSchema }),
  minValidOrders: z.number().int(),
  cohortMinSize: z.number().int(),
  comparisonDecimals: z.number().int(),
  curve: z.array(z.object({ x: z.number(), y: z.number() })),
});
export type ExplanationRuleSet = z.infer<typeof explanationRuleSetSchema>;

/**
 * What the 100-point and SPS rule sets add (scoring-current-rules.md): the stage, the score on
 * the shoppers' 5-point display, bonuses, deductions and TikTok's service bars.
 */
export const currentExplanationSchema = z.object({
  family: z.enum(["douyin-100", "tiktok-sps"]),
  stage: z.enum(["growth", "formal", "insufficient"]),
  /** douyin-100: the score as shoppers see it on the 5-point scale. */
  score5: nullableNumber,
  penaltyEvents: z.number().int().nullable(),
  deliveredOrders: z.number().int().nullable(),
  bonuses: z.array(z.object({ code: z.string(), points: z.number(), dimension: z.string().optional(), applied: z.number().optional() })),
  deductions: z.array(z.object({ code: z.string(), events: z.number().int(), points: z.number() })),
  bars: z.record(z.string(), z.object({ value: nullableNumber, pass: z.boolean().nullable() })).nullable(),
});
export type CurrentExplanation = z.infer<typeof currentExplanationSchema>;

/** The explanation's fields without the cross-field check, for schemas that extend them. */
export const scoreExplanationFieldsSchema = z.object({
  day: daySchema,
  entityKey: z.string(),
  categoryCode: z.string(),
  state: z.enum(["scored", "insufficient_data"]),
  validOrders: z.number().int(),
  /** Unrounded, as stored; the UI shows `overallShown`. */
  overall: nullableNumber,
  overallShown: nullableNumber,
  band: thresholdSchema.nullable(),
  beatsPercent: nullableNumber,
  beatsCohortSize: z.number().int().nullable(),
  beatsFallback: z.boolean().nullable(),
  beatsCohort: cohortReachSchema.nullable(),
  /** overall (before clamping) = baseline + Σ indicator contributions. */
  baseline: nullableNumber,
  dimensionWeightsOverridden: z.boolean(),
  dimensions: z.array(dimensionExplanationSchema),
  ruleSet: explanationRuleSetSchema,
  /** Present for the 100-point and SPS rule sets only. */
  current: currentExplanationSchema.optional(),
});

export const scoreExplanationSchema = scoreExplanationFieldsSchema.refine(
  (x) =>
    x.state === "scored"
      ? x.overall !== null && x.overallShown !== null
      : x.overall === null && x.overallShown === null,
  {
    message: "a scored explanation has an overall and a shown overall, an unscored one neither",
    path: ["overallShown"],
  },
);
export type ScoreExplanation = z.infer<typeof scoreExplanationSchema>;
