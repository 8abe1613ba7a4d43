import { z } from "zod";
import { daySchema, uuidSchema } from "./common";

/**
 * Goals (issue 18): a target for a shop's or creator account's overall score, one dimension's
 * score or one indicator's value, to reach by a day. Client-safe: zod only. The entity's kind
 * comes from the router the input is sent to (`shops.createGoal`, `creators.createGoal`).
 */

export const GOAL_METRICS = ["overall", "dimension", "indicator"] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

/**
 * achieved: the current value meets the target (or met it on the due day); missed: the due day
 * passed without it; on_track / at_risk: whether the projection (the stored forecast when it
 * reaches the due day, else the recent trend) meets the target by the due day.
 */
export const GOAL_STATUSES = ["on_track", "at_risk", "achieved", "missed"] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** What the status was judged from: the forecast, the trend of recent history, or only the current value. */
export const GOAL_BASES = ["forecast", "trend", "current", "due"] as const;
export type GoalBasis = (typeof GOAL_BASES)[number];

const codeSchema = z.string().trim().min(1).max(64);
const targetSchema = z.number().finite().min(-1_000_000).max(1_000_000);
const noteSchema = z.string().trim().max(200, { message: "errors.tooLong" });

export const goalMetricSchema = z.discriminatedUnion("metric", [
  z.object({ metric: z.literal("overall") }),
  z.object({ metric: z.literal("dimension"), code: codeSchema }),
  z.object({ metric: z.literal("indicator"), code: codeSchema }),
]);
export type GoalMetricRef = z.infer<typeof goalMetricSchema>;

export const createGoalInput = z.object({
  entityId: uuidSchema,
  target: goalMetricSchema,
  /** A shown score (4.8) or an indicator's value as the explanation stores it (a rate as 0.95). */
  value: targetSchema,
  dueDay: daySchema,
  note: noteSchema.optional(),
});
export type CreateGoalInput = z.infer<typeof createGoalInput>;

export const updateGoalInput = z.object({
  id: uuidSchema,
  value: targetSchema.optional(),
  dueDay: daySchema.optional(),
  note: noteSchema.optional(),
});
export type UpdateGoalInput = z.infer<typeof updateGoalInput>;

export const entityGoalsInput = z.object({ entityId: uuidSchema });

/** One day of the goal's metric as shown (a score as the user sees it, an indicator's value as stored). */
export type GoalPoint = { day: string; value: number | null };

export type GoalProgress = {
  id: string;
  entityKind: "shop" | "creator";
  entityId: string;
  entityName: string;
  metric: GoalMetric;
  /** Dimension or indicator code; null for the overall score. */
  code: string | null;
  nameZh: string;
  nameEn: string;
  better: "higher" | "lower";
  /** "score": shown with the rule set's decimals; "rate": a share (0–1); "hours": a mean in hours. */
  unit: "score" | "rate" | "hours";
  decimals: number;
  target: number;
  startDay: string;
  startValue: number | null;
  dueDay: string;
  note: string;
  current: number | null;
  currentDay: string | null;
  /** The value the projection gives for the due day (null when nothing can be projected). */
  projected: number | null;
  status: GoalStatus;
  basis: GoalBasis;
  history: GoalPoint[];
  /** The stored forecast's days of this metric (overall and dimensions only), as shown. */
  forecast: GoalPoint[];
  updatedAt: string;
};

/** A goal as the portfolio's column and tile see it: the most pressing goal of each entity. */
export type GoalBadge = { id: string; status: GoalStatus; metric: GoalMetric; code: string | null; target: number; dueDay: string; decimals: number; unit: GoalProgress["unit"] };

/** Which statuses need attention first (portfolio column, digest order). */
export const GOAL_STATUS_URGENCY: Record<GoalStatus, number> = { missed: 0, at_risk: 1, on_track: 2, achieved: 3 };
