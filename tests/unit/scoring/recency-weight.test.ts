import { describe, expect, it } from "vitest";
import { recencyWeight } from "@/server/scoring/recency-weight";

describe("recencyWeight", () => {
  it("is 1 for the newest day and halves every half-life", () => {
    expect(recencyWeight(0, 30)).toBe(1);
    expect(recencyWeight(30, 30)).toBe(0.5);
    expect(recencyWeight(60, 30)).toBe(0.25);
    expect(recencyWeight(89, 30)).toBeCloseTo(Math.pow(0.5, 89 / 30), 15);
  });

  it("falls strictly with age", () => {
    for (let age = 0; age < 100; age += 1)
      expect(recencyWeight(age + 1, 30)).toBeLessThan(recencyWeight(age, 30));
  });

  it("rejects a non-positive half-life and negative ages", () => {
    expect(() => recencyWeight(1, 0)).toThrow(RangeError);
    expect(() => recencyWeight(-1, 30)).toThrow(RangeError);
  });
});
