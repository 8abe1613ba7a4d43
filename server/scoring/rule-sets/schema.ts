import { z } from "zod";
import { DIMENSION_CODES, INDICATOR_ORDER } from "../indicators";

const windowSpecSchema = z
  .object({
    fromDaysBefore: z.number().int().positive(),
    toDaysBefore: z.number().int().positive(),
  })
  .refine((w) => w.fromDaysBefore >= w.toDaysBefore, "a window must run forwards");

const WEIGHT_SUM_TOLERANCE = 1e-9;

const sumsToOne = (weights: readonly number[]) =>
  Math.abs(weights.reduce((total, w) => total + w, 0) - 1) <= WEIGHT_SUM_TOLERANCE;

export const ruleSetSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    labelZh: z.string().min(1),
    labelEn: z.string().min(1),
    entityKind: z.enum(["shop", "creator"]),
    halfLifeDays: z.number().positive(),
    windows: z.object({ main: windowSpecSchema, quality_return: windowSpecSchema }),
    eligibility: z.object({ minValidOrders: z.number().int().nonnegative() }),
    cohort: z.object({ minSize: z.number().int().positive() }),
    /** Values are compared after rounding to this many decimals (§5). */
    comparisonDecimals: z.number().int().min(0).max(15),
    dimensions: z
      .array(
        z.object({
          code: z.enum(DIMENSION_CODES),
          weight: z.number().min(0).max(1),
          indicators: z
            .array(z.object({ code: z.enum(INDICATOR_ORDER), weight: z.number().positive() }))
            .min(1),
        }),
      )
      .min(1)
      .refine((dims) => sumsToOne(dims.map((d) => d.weight)), "dimension weights must sum to 1")
      .refine(
        (dims) => new Set(dims.map((d) => d.code)).size === dims.length,
        "a dimension appears twice",
      )
      .refine((dims) => {
        const codes = dims.flatMap((d) => d.indicators.map((i) => i.code));
        return new Set(codes).size === codes.length;
      }, "an indicator appears twice"),
    curve: z
      .array(z.object({ x: z.number().min(0).max(1), y: z.number() }))
      .min(2)
      .refine(
        (knots) => knots.every((k, i) => i === 0 || k.x > (knots[i - 1]?.x ?? -Infinity)),
        "knots must rise in x",
      ),
    scoreBounds: z.object({ min: z.number(), max: z.number() }).refine((b) => b.min < b.max),
    /** Scores are stored unrounded and shown rounded half up to this many decimals (§6.4). */
    displayDecimals: z.number().int().min(0).max(6),
    thresholds: z.array(
      z.object({ minScore: z.number().nullable(), meaningZh: z.string(), meaningEn: z.string() }),
    ),
  })
  .strict();

export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RuleSetDimension = RuleSet["dimensions"][number];
export type DimensionWeights = Partial<Record<RuleSetDimension["code"], number>>;

export function defineRuleSet(data: z.input<typeof ruleSetSchema>): RuleSet {
  return Object.freeze(ruleSetSchema.parse(data));
}
