import { describe, expect, it } from "vitest";
import { applyCurve } from "@/server/scoring/curve";
import { getRuleSet } from "@/server/scoring/rule-sets";

const knots = getRuleSet("douyin-shop-v1").curve;

describe("applyCurve", () => {
  it("passes through every knot of the Douyin curve", () => {
    expect(applyCurve(knots, 0)).toBe(3);
    expect(applyCurve(knots, 0.1)).toBe(4);
    expect(applyCurve(knots, 0.3)).toBe(4.4);
    expect(applyCurve(knots, 0.5)).toBe(4.6);
    expect(applyCurve(knots, 0.8)).toBe(4.8);
    expect(applyCurve(knots, 1)).toBe(5);
  });

  it("interpolates linearly between knots", () => {
    expect(applyCurve(knots, 0.05)).toBeCloseTo(3.5, 12);
    expect(applyCurve(knots, 0.2)).toBeCloseTo(4.2, 12);
    expect(applyCurve(knots, 0.65)).toBeCloseTo(4.7, 12);
    expect(applyCurve(knots, 0.9)).toBeCloseTo(4.9, 12);
  });

  it("holds the end values outside the knots", () => {
    expect(applyCurve(knots, -0.1)).toBe(3);
    expect(applyCurve(knots, 1.5)).toBe(5);
  });

  it("is non-decreasing on [0, 1]", () => {
    let previous = -Infinity;
    for (let i = 0; i <= 1000; i += 1) {
      const y = applyCurve(knots, i / 1000);
      expect(y).toBeGreaterThanOrEqual(previous);
      previous = y;
    }
  });

  it("needs a knot", () => {
    expect(() => applyCurve([], 0.5)).toThrow(RangeError);
  });
});
