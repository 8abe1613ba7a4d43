import { describe, expect, it } from "vitest";
import { shownScore } from "@/server/scoring/current/score-current";
import { JULY, orders, penalty, scoreAlone, SEPTEMBER, shop, SPS } from "./factory";

/**
 * scoring-current-rules.md "Shown to shoppers": the 100-point score is rounded to 6 decimals, then
 * half up to an integer, then looked up (97–100 → 5.0, 93–96 → 4.9, … 61–64 → 4.1, 60 → 4.0,
 * 51–59 → 3.0 + (score − 50) / 10, ≤ 50 → 3.0). TikTok SPS is shown half up to one decimal.
 */

describe("the 100-point display table", () => {
  it.each([
    [100, 5.0],
    [97, 5.0],
    [96.5, 5.0], // → 97
    [96.49, 4.9], // → 96
    [96.4999995, 5.0], // 6 decimals: 96.5 → 97
    [96.4999994, 4.9], // 6 decimals: 96.499999 → 96
    [92.5, 4.9],
    [92.49, 4.8],
    [88.5, 4.8],
    [88.49, 4.7],
    [84.5, 4.7],
    [80.5, 4.6],
    [80.49, 4.5],
    [76.5, 4.5],
    [72.5, 4.4], // → 73
    [72.49, 4.3],
    [68.5, 4.3],
    [64.5, 4.2],
    [61, 4.1],
    [60.5, 4.1], // → 61
    [60.4, 4.0], // → 60
    [60, 4.0],
    [59.5, 4.0], // → 60
    [59, 3.9],
    [55, 3.5],
    [52, 3.2],
    [51, 3.1],
    [50.5, 3.1], // → 51
    [50.49, 3.0], // → 50
    [50, 3.0],
    [25, 3.0], // 2026-09 can fall below 50
    [0, 3.0],
  ])("%f → %f", (score, shown) => {
    expect(shownScore(JULY, score)).toBe(shown);
    expect(shownScore(SEPTEMBER, score)).toBe(shown);
  });

  it("binary noise of a weighted sum cannot split a half: 72.49999999999999 and 72.50000000000001 both show 4.4", () => {
    // 0.4·0.4 + 0.3·(723.4 / 3) is 72.5 on paper and 72.49999999999999 in binary.
    expect(0.4 * 0.4 + 0.3 * (723.4 / 3)).toBe(72.49999999999999);
    expect(shownScore(JULY, 72.49999999999999)).toBe(4.4);
    expect(shownScore(JULY, 72.50000000000001)).toBe(4.4);
    expect(shownScore(JULY, 72.5 - 1e-12)).toBe(4.4);
  });

  it("a scored shop's score5 is the table's value of its score100 (growth 70 → 4.3, 60 → 4.0)", () => {
    expect(scoreAlone(JULY, shop({ key: "g", orders: orders(29, "o") })).score5).toBe(4.3);
    expect(scoreAlone(JULY, shop({ key: "g", orders: orders(29, "o"), penalties: [penalty("p", "other")] })).score5).toBe(4.0);
  });
});

describe("TikTok SPS: half up to one decimal", () => {
  it.each([
    [5, 5.0],
    [4.45, 4.5],
    [4.449, 4.4],
    [4.35, 4.4], // 4.35 is 4.34999… in binary: still half up
    [2.95, 3.0],
    [2.8333333333, 2.8],
    [3.1666666667, 3.2],
    [0, 0],
  ])("%f → %f", (score, shown) => {
    expect(shownScore(SPS, score)).toBe(shown);
  });
});
