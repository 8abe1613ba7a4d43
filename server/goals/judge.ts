import type { GoalBasis, GoalPoint, GoalStatus } from "@/lib/contracts/goals";
import { daysBetween, type Day } from "@/server/lib/time";

/** How many recent stored days the trend is fitted on, and how few make a trend at all. */
export const TREND_DAYS = 14;
export const MIN_TREND_POINTS = 3;

export type GoalJudgement = {
  status: GoalStatus;
  basis: GoalBasis;
  current: number | null;
  currentDay: Day | null;
  projected: number | null;
};

export type JudgeInput = {
  target: number;
  better: "higher" | "lower";
  startDay: Day;
  startValue: number | null;
  dueDay: Day;
  /** The day the goal is judged on (today, or the day a digest is for). */
  today: Day;
  /** Stored days of the metric, oldest first. */
  history: readonly GoalPoint[];
  /** The stored "if nothing changes" forecast of the metric after the newest stored day, oldest first. */
  forecast: readonly GoalPoint[];
};

type Known = { day: Day; value: number };
const known = (points: readonly GoalPoint[]): Known[] => points.flatMap((p) => (p.value === null ? [] : [{ day: p.day, value: p.value }]));

/** Least squares over (day, value): the change per day, or null with too few points. */
export function trendSlope(points: readonly Known[]): number | null {
  if (points.length < MIN_TREND_POINTS) return null;
  const first = points[0]?.day ?? "";
  const xs = points.map((p) => daysBetween(first, p.day));
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = points.reduce((a, p) => a + p.value, 0) / points.length;
  let num = 0;
  let den = 0;
  points.forEach((p, i) => {
    const dx = (xs[i] ?? 0) - meanX;
    num += dx * (p.value - meanY);
    den += dx * dx;
  });
  return den === 0 ? null : num / den;
}

/**
 * The goal's status on `today`. Past the due day: achieved or missed by the value on the due day.
 * Before it: achieved when the current value meets the target; otherwise on track when the
 * projection for the due day meets it — the stored forecast when it reaches the due day, else the
 * recent trend, and then the forecast (where there is one) must not fall behind the straight path
 * from the start value to the target.
 */
export function judgeGoal(input: JudgeInput): GoalJudgement {
  const meets = (value: number, bar: number) => (input.better === "higher" ? value >= bar - 1e-9 : value <= bar + 1e-9);
  const history = known(input.history).filter((p) => p.day <= input.today);
  const latest = history.at(-1) ?? null;
  const current = latest?.value ?? null;
  const currentDay = latest?.day ?? null;
  const base = { current, currentDay };

  if (input.today > input.dueDay) {
    const atDue = history.filter((p) => p.day <= input.dueDay).at(-1);
    return { ...base, projected: atDue?.value ?? null, status: atDue && meets(atDue.value, input.target) ? "achieved" : "missed", basis: "due" };
  }
  if (latest === null) return { ...base, projected: null, status: "at_risk", basis: "current" };
  if (meets(latest.value, input.target)) return { ...base, projected: latest.value, status: "achieved", basis: "current" };

  const forecast = known(input.forecast).filter((p) => p.day > latest.day);
  const forecastAtDue = forecast.find((p) => p.day === input.dueDay);
  if (forecastAtDue) {
    return { ...base, projected: forecastAtDue.value, status: meets(forecastAtDue.value, input.target) ? "on_track" : "at_risk", basis: "forecast" };
  }

  const recent = history.filter((p) => daysBetween(p.day, latest.day) < TREND_DAYS);
  const slope = trendSlope(recent);
  if (slope === null) return { ...base, projected: latest.value, status: "at_risk", basis: "current" };
  const projected = latest.value + slope * daysBetween(latest.day, input.dueDay);
  if (!meets(projected, input.target)) return { ...base, projected, status: "at_risk", basis: "trend" };

  const forecastEnd = forecast.filter((p) => p.day < input.dueDay).at(-1);
  if (forecastEnd && !meets(forecastEnd.value, requiredOn(input, forecastEnd.day))) return { ...base, projected, status: "at_risk", basis: "forecast" };
  return { ...base, projected, status: "on_track", basis: "trend" };
}

/** Where the straight path from the start value to the target stands on a day (the target itself without a start value). */
export function requiredOn(input: Pick<JudgeInput, "startDay" | "startValue" | "dueDay" | "target">, day: Day): number {
  if (input.startValue === null) return input.target;
  const span = daysBetween(input.startDay, input.dueDay);
  if (span <= 0) return input.target;
  const share = Math.min(1, Math.max(0, daysBetween(input.startDay, day) / span));
  return input.startValue + (input.target - input.startValue) * share;
}
