import { z } from "zod";
import { uuidSchema } from "./common";
import { thresholdSchema } from "./explanation";

/**
 * The score's outlook — forecast, what-if and gap to threshold (issue 11 "Insight") — as the
 * server returns them and the UI renders them. Numbers are unrounded like the explanation's; shown values and bands come
 * with them. Client-safe: zod only.
 */

const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One future day "if no new facts arrive": the score that day's rolled window would give. */
export const forecastDaySchema = z.object({
  day: daySchema,
  state: z.enum(["scored", "insufficient_data"]),
  overall: z.number().nullable(),
  /** Dimension code → dimension score (unrounded); empty when not scored. */
  dimensions: z.record(z.string(), z.number()),
  /** The band the shown overall reaches; null when not scored. */
  band: thresholdSchema.nullable(),
});
export type ForecastDay = z.infer<typeof forecastDaySchema>;

/** The first forecast day on which the shown score is on the other side of a threshold than on the day the forecast was made. */
export const forecastCrossingSchema = z.object({
  minScore: z.number(),
  direction: z.enum(["falls_below", "reaches"]),
  day: daySchema,
  /** Days after the forecast's own day (1 = tomorrow). */
  inDays: z.number().int().positive(),
});
export type ForecastCrossing = z.infer<typeof forecastCrossingSchema>;

export const entityForecastSchema = z.object({
  entityId: z.string(),
  ruleSet: z.string(),
  madeForDay: daySchema,
  currentOverall: z.number().nullable(),
  days: z.array(forecastDaySchema),
  crossings: z.array(forecastCrossingSchema),
});
export type EntityForecast = z.infer<typeof entityForecastSchema>;

/**
 * One change of a what-if: either a new value for the indicator, or a count of events
 * ("20 fewer quality returns" = count −20 on quality_return_rate; "40 more good reviews" = +40 on
 * good_review_rate). Counts only apply to rates.
 */
export const whatIfChangeSchema = z.union([
  z.object({ indicator: z.string().min(1).max(64), value: z.number().finite() }),
  z.object({ indicator: z.string().min(1).max(64), countDelta: z.number().int().min(-1_000_000).max(1_000_000) }),
]);
export type WhatIfChange = z.infer<typeof whatIfChangeSchema>;

export const whatIfInputSchema = z.object({
  id: uuidSchema,
  changes: z.array(whatIfChangeSchema).max(32),
});
export type WhatIfInput = z.infer<typeof whatIfInputSchema>;

export const gapInputSchema = z.object({
  id: uuidSchema,
  /** A shown score to reach, e.g. one of the rule set's thresholds (4.4 / 4.6 / 4.8) or any value. */
  target: z.number().finite().min(0).max(1000),
});
export type GapInput = z.infer<typeof gapInputSchema>;

export const forecastInputSchema = z.object({ id: uuidSchema });
