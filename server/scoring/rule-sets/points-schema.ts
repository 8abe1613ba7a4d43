import { z } from "zod";
import { CURRENT_INDICATOR_CODES } from "../current/indicator-codes";
import { PENALTY_TYPES, SHOP_SERVICES, STORE_TYPES } from "@/lib/contracts/facts";

const indicatorCode = z.enum(CURRENT_INDICATOR_CODES);
const clockSchema = z.object({ fromHour: z.number().int().min(0).max(23), toHour: z.number().int().min(0).max(23) });

/** Percentile → points, best first: the first band whose minPercentile the percentile reaches. */
const bandsSchema = z
  .array(z.object({ minPercentile: z.number().min(0).max(1), points: z.number() }))
  .min(1)
  .refine((bands) => bands.every((b, i) => i === 0 || b.minPercentile < (bands[i - 1]?.minPercentile ?? Infinity)), "bands must fall in percentile");

const dimensionScoringSchema = z.discriminatedUnion("kind", [
  /** douyin-shop-2026-07: indicator bands, weighted; a dimension with no indicator scores `empty`. */
  z.object({ kind: z.literal("indicator-bands"), bands: bandsSchema, empty: z.number() }),
  /** douyin-shop-2026-09: floor + span × mean percentile of the dimension's indicators. */
  z.object({ kind: z.literal("composite"), floor: z.number(), span: z.number(), emptyComposite: z.number().min(0).max(1) }),
  /** tiktok-shop-sps: a band b gives (b − offset) / divisor points; a dimension is their mean. */
  z.object({ kind: z.literal("band-points"), bands: bandsSchema, offset: z.number(), divisor: z.number().positive(), empty: z.number() }),
]);

const bonusSchema = z.discriminatedUnion("rule", [
  z.object({ rule: z.literal("remote_delivery"), code: z.string(), points: z.number(), addTo: z.enum(["logistics", "total"]), dimensionCap: z.number() }),
  z.object({ rule: z.literal("next_day_share"), code: z.string(), points: z.number(), minShare: z.number() }),
  z.object({ rule: z.literal("insured_orders"), code: z.string(), points: z.number(), service: z.enum(SHOP_SERVICES), orderFlag: z.enum(["returnInsurance", "largeItemInsurance"]) }),
  z.object({ rule: z.literal("onsite_install"), code: z.string(), points: z.number(), minOrders: z.number().int(), minShare: z.number(), categories: z.array(z.string()) }),
]);

const deductionSchema = z.object({
  code: z.string(),
  types: z.array(z.enum(PENALTY_TYPES)).min(1),
  /** Points per event, or once for the group when `once`. */
  points: z.number().positive(),
  once: z.boolean(),
  cap: z.number().positive().nullable(),
});

/**
 * A threshold: the mean of the score over the last `days` days (1: the day itself) and, where
 * named, dimension scores must reach the minimums; `everyDayBelow` turns it into a risk (below on
 * every one of `days` days). `categories` limits a rule to those industries; a rule with
 * `overrides` gives other minimums for the industries it names (the 精选联盟 category gates).
 */
const thresholdSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  days: z.number().int().positive(),
  minScore: z.number(),
  minDimensions: z.record(z.string(), z.number()),
  everyDayBelow: z.boolean(),
  categories: z.array(z.string()).nullable(),
  overrides: z.array(z.object({ categories: z.array(z.string()).min(1), minScore: z.number(), minDimensions: z.record(z.string(), z.number()) })),
});

export const pointsRuleSetSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    labelZh: z.string().min(1),
    labelEn: z.string().min(1),
    entityKind: z.literal("shop"),
    family: z.enum(["douyin-100", "tiktok-sps"]),
    windowDays: z.number().int().positive(),
    comparisonDecimals: z.number().int().min(0).max(15),
    cohort: z.object({ minSize: z.number().int().positive() }),
    /** douyin-100: below minValidOrders the shop is in the growth stage with a flat score. */
    stage: z.object({ minValidOrders: z.number().int(), growthScore: z.number(), growthScoreAfterPenalty: z.number() }).nullable(),
    /** tiktok-sps: delivered orders over eligibilityDays needed for a score. */
    eligibility: z.object({ minDeliveredOrders: z.number().int(), days: z.number().int().positive() }).nullable(),
    dimensionScoring: dimensionScoringSchema,
    dimensions: z
      .array(
        z.object({
          code: z.string(),
          nameZh: z.string(),
          nameEn: z.string(),
          weight: z.number().min(0).max(1),
          indicators: z.array(z.object({ code: indicatorCode, weight: z.number().positive() })).min(1),
        }),
      )
      .min(1),
    /** Published indicator weights for named categories (by code or name), optionally by store type. */
    industryWeights: z.array(
      z.object({
        categories: z.array(z.string()).min(1),
        storeTypes: z.array(z.enum(STORE_TYPES)).nullable(),
        indicatorWeights: z.partialRecord(indicatorCode, z.number().positive()),
        source: z.string(),
      }),
    ),
    protection: z
      .object({
        indicators: z.array(indicatorCode),
        minValidOrders: z.number().int(),
        reducedMinValidOrders: z.number().int(),
        reducedForStoreTypes: z.array(z.enum(STORE_TYPES)),
        reducedForCategories: z.array(z.string()),
        maxBadEvents: z.number().int(),
        points: z.number(),
      })
      .nullable(),
    clocks: z.object({ pickup: clockSchema, aftersale: clockSchema }),
    /** Per-order pickup points by hours on the clock, inclusive bounds, best first; later than all → `otherwise`. */
    pickupTable: z.object({ steps: z.array(z.object({ maxHours: z.number(), points: z.number() })), otherwise: z.number(), anomaly: z.number(), overdueAfterHours: z.number() }),
    chat: z.object({ fromHour: z.number().int(), toHour: z.number().int(), unansweredSeconds: z.number(), replyWithinHours: z.number() }),
    reasons: z.object({ fulfilment: z.array(z.string()), damage: z.array(z.string()), notQuality: z.array(z.string()) }),
    bonuses: z.array(bonusSchema),
    deductions: z.array(deductionSchema),
    scoreBounds: z.object({ min: z.number(), max: z.number() }),
    /**
     * How the score is shown: a lookup on the score rounded half up to an integer (rows by
     * falling minScore, the first row reached; below every row `otherwise`), or half-up decimals.
     */
    display: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("table"), rows: z.array(z.object({ minScore: z.number(), shown: z.number() })).min(1), otherwise: z.number() }),
      z.object({ kind: z.literal("decimals"), decimals: z.number().int().min(0).max(6) }),
    ]),
    /**
     * How the stored score is shown in Koubei (the axis, the decimals and the bands of the
     * score badge, the portfolio and the history chart): the explanation's scale.
     */
    scale: z.object({
      displayDecimals: z.number().int().min(0).max(6),
      thresholds: z.array(z.object({ minScore: z.number().nullable(), meaningZh: z.string(), meaningEn: z.string() })).min(1),
    }),
    /** Published service bars over the last `days` days (TikTok). */
    bars: z.array(z.object({ code: z.string(), indicator: indicatorCode, days: z.number().int().positive(), below: z.number() })),
    /** What a shop may do at what score (the 100-point era's thresholds); evaluated on daily scores. */
    thresholds: z.array(thresholdSchema),
  })
  .strict();

export type PointsRuleSet = z.infer<typeof pointsRuleSetSchema>;
export type PointsThreshold = z.infer<typeof thresholdSchema>;

export function definePointsRuleSet(data: z.input<typeof pointsRuleSetSchema>): PointsRuleSet {
  return Object.freeze(pointsRuleSetSchema.parse(data));
}
