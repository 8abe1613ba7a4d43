import type { GoalProgress } from "@/lib/contracts/goals";
import { formatDay, formatNumber, formatRate } from "@/lib/scores/format";

type Unit = Pick<GoalProgress, "unit" | "decimals">;

/** A goal's value as the user reads it: a score with its rule set's decimals, a rate as a percentage, hours with one decimal. */
export function formatGoalValue(value: number | null, goal: Unit, locale: string): string {
  if (value === null) return "—";
  if (goal.unit === "rate") return formatRate(value, locale);
  return formatNumber(value, locale, goal.decimals, goal.unit === "score" ? goal.decimals : 0);
}

/** The number a form shows for a stored target (a rate as a percentage). */
export const targetToInput = (value: number, unit: GoalProgress["unit"]) => (unit === "rate" ? Number((value * 100).toFixed(2)) : value);
export const inputToTarget = (value: number, unit: GoalProgress["unit"]) => (unit === "rate" ? value / 100 : value);

export { formatDay };
