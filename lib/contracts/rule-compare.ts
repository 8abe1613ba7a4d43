import { z } from "zod";
import { daySchema, uuidSchema } from "./common";
import type { ScoreScale } from "./explanation";

/** At most this many days are recomputed under another rule set in one request. */
export const COMPARE_MAX_DAYS = 35;
export const COMPARE_DEFAULT_DAYS = 30;

/**
 * A shop's history recomputed under another 100-point or SPS rule set (issue 16). The rule set is
 * a plain string so that a 5-point or unknown name is refused by the domain in words, not by zod.
 * `to` defaults to the shop's latest scored day (or today).
 */
export const compareRuleSetInput = z.object({
  id: uuidSchema,
  ruleSet: z.string().min(1).max(64),
  to: daySchema.optional(),
  days: z.number().int().min(1).max(COMPARE_MAX_DAYS).optional(),
});
export type CompareRuleSetInput = z.infer<typeof compareRuleSetInput>;

/** One day under the other rule set: unrounded and shown (rounded by the server) on its own scale, and its 5-point display. */
export type ComparedDay = {
  day: string;
  state: "growth" | "formal" | "insufficient";
  /** score100, or the SPS 0–5 score; null when the day is not scored. */
  overall: number | null;
  overallShown: number | null;
  /** The 5-point display of the score (the platform's table); null when not scored. */
  score5: number | null;
  /** Dimension code → its score as shown on the rule set's scale. */
  dimensions: Record<string, number>;
};

export type RuleSetComparison = {
  ruleSet: { name: string; labelZh: string; labelEn: string; family: string } & ScoreScale;
  ownRuleSet: string;
  from: string;
  to: string;
  /** Oldest first. */
  days: ComparedDay[];
};
