import { describe, expect, it } from "vitest";
import { historyRows, withSeries } from "@/components/scores/history-rows";

const point = (day: string, overallShown: number) => ({ day, state: "scored" as const, overall: overallShown, overallShown, beatsPercent: null, dimensions: {} });

describe("withSeries", () => {
  it("merges a comparison by day and adds the days the history lacks, in day order", () => {
    const rows = historyRows([point("2026-05-18", 4.6), point("2026-05-20", 4.7)], []);
    const merged = withSeries(rows, "comparison", [
      { day: "2026-05-19", value: 4.5 },
      { day: "2026-05-20", value: null },
      { day: "2026-05-21", value: 4.8 },
    ]);
    expect(merged.map((r) => [r.day, r.overall ?? null, r.comparison ?? null])).toEqual([
      ["2026-05-18", 4.6, null],
      ["2026-05-19", null, 4.5],
      ["2026-05-20", 4.7, null],
      ["2026-05-21", null, 4.8],
    ]);
  });
});
