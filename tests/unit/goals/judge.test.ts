import { describe, expect, it } from "vitest";
import type { GoalPoint } from "@/lib/contracts/goals";
import { judgeGoal, requiredOn, trendSlope } from "@/server/goals/judge";
import { addDays } from "@/server/lib/time";

const TODAY = "2026-06-30";
/** Hand-made history: one value per day ending today. */
const series = (values: (number | null)[], end = TODAY): GoalPoint[] => values.map((value, i) => ({ day: addDays(end, i - (values.length - 1)), value }));
const base = { target: 4.8, better: "higher" as const, startDay: addDays(TODAY, -10), startValue: 4.5, dueDay: addDays(TODAY, 20), today: TODAY, forecast: [] };

describe("a goal's status from its metric's history, trend and forecast", () => {
  it("is on track when a rising trend reaches the target by the due day", () => {
    // +0.01 a day from 4.50: 4.60 today, 4.80 in 20 days.
    const history = series(Array.from({ length: 11 }, (_, i) => Number((4.5 + 0.01 * i).toFixed(2))));
    const judged = judgeGoal({ ...base, history });
    expect(judged).toMatchObject({ status: "on_track", basis: "trend", current: 4.6, currentDay: TODAY });
    expect(judged.projected).toBeCloseTo(4.8, 6);
  });

  it("is at risk when the trend is flat or falls short", () => {
    expect(judgeGoal({ ...base, history: series([4.6, 4.6, 4.6, 4.6, 4.6]) })).toMatchObject({ status: "at_risk", basis: "trend", projected: 4.6 });
    const slow = series(Array.from({ length: 11 }, (_, i) => Number((4.5 + 0.005 * i).toFixed(3))));
    expect(judgeGoal({ ...base, history: slow }).status).toBe("at_risk");
  });

  it("is achieved as soon as the current value meets the target, and stays achieved when it met it on the due day", () => {
    expect(judgeGoal({ ...base, history: series([4.7, 4.75, 4.8]) })).toMatchObject({ status: "achieved", basis: "current", current: 4.8 });
    const afterDue = { ...base, dueDay: addDays(TODAY, -2) };
    expect(judgeGoal({ ...afterDue, history: series([4.7, 4.82, 4.79, 4.7]) })).toMatchObject({ status: "achieved", basis: "due", projected: 4.82 });
  });

  it("is missed when the due day passed below the target", () => {
    const judged = judgeGoal({ ...base, dueDay: addDays(TODAY, -1), history: series([4.6, 4.65, 4.7, 4.9]) });
    expect(judged).toMatchObject({ status: "missed", basis: "due", projected: 4.7 });
  });

  it("takes the forecast's value on the due day when the forecast reaches it", () => {
    const history = series([4.5, 4.55, 4.6, 4.65, 4.7]);
    const near = { ...base, dueDay: addDays(TODAY, 3) };
    const falling = [1, 2, 3].map((n) => ({ day: addDays(TODAY, n), value: 4.7 - 0.05 * n }));
    // The trend alone would say on track (4.85 in three days); the forecast says the score falls.
    expect(judgeGoal({ ...near, history, forecast: falling })).toMatchObject({ status: "at_risk", basis: "forecast", projected: 4.55 });
    const rising = [1, 2, 3].map((n) => ({ day: addDays(TODAY, n), value: 4.7 + 0.05 * n }));
    expect(judgeGoal({ ...near, history, forecast: rising })).toMatchObject({ status: "on_track", basis: "forecast" });
  });

  it("is at risk when the trend looks fine but the forecast falls behind the path to the target", () => {
    const history = series(Array.from({ length: 11 }, (_, i) => Number((4.5 + 0.01 * i).toFixed(2))));
    const sinking = Array.from({ length: 14 }, (_, i) => ({ day: addDays(TODAY, i + 1), value: 4.6 - 0.01 * i }));
    expect(judgeGoal({ ...base, history, forecast: sinking })).toMatchObject({ status: "at_risk", basis: "forecast" });
  });

  it("judges a lower-is-better indicator the other way", () => {
    const returns = series([0.05, 0.045, 0.04, 0.035, 0.03]);
    expect(judgeGoal({ ...base, better: "lower", target: 0.02, startValue: 0.05, history: returns }).status).toBe("on_track");
    expect(judgeGoal({ ...base, better: "lower", target: 0.04, startValue: 0.05, history: returns }).status).toBe("achieved");
  });

  it("is at risk without enough history for a trend, and without any value", () => {
    expect(judgeGoal({ ...base, history: series([4.6, 4.61]) })).toMatchObject({ status: "at_risk", basis: "current" });
    expect(judgeGoal({ ...base, history: series([null, null]) })).toMatchObject({ status: "at_risk", current: null, projected: null });
  });

  it("fits the trend by least squares and walks the path from start to target", () => {
    expect(trendSlope([{ day: "2026-01-01", value: 1 }, { day: "2026-01-02", value: 2 }, { day: "2026-01-04", value: 4 }])).toBeCloseTo(1, 9);
    expect(requiredOn({ startDay: "2026-01-01", startValue: 4, dueDay: "2026-01-11", target: 5 }, "2026-01-06")).toBeCloseTo(4.5, 9);
    expect(requiredOn({ startDay: "2026-01-01", startValue: null, dueDay: "2026-01-11", target: 5 }, "2026-01-06")).toBe(5);
  });
});
