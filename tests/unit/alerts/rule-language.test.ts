import { describe, expect, it } from "vitest";
import { alertRuleTextSchema, compareAlertValue, formatAlertRule, parseAlertRule } from "@/lib/contracts/alerts";

describe("the alert rule language", () => {
  it.each([
    ["overall<4.6", { kind: "threshold", metric: "overall", op: "<", value: 4.6 }],
    ["overall < 4.6", { kind: "threshold", metric: "overall", op: "<", value: 4.6 }],
    ["product<=4.5", { kind: "threshold", metric: "product", op: "<=", value: 4.5 }],
    ["logistics>4", { kind: "threshold", metric: "logistics", op: ">", value: 4 }],
    ["Service >= 4.75", { kind: "threshold", metric: "service", op: ">=", value: 4.75 }],
    ["overall drop>0.2 in 7d", { kind: "drop", metric: "overall", by: 0.2, days: 7 }],
    ["forecast overall<4.6 within 7d", { kind: "forecast", metric: "overall", op: "<", value: 4.6, days: 7 }],
    ["indicator quality_return_rate>0.02", { kind: "indicator", indicator: "quality_return_rate", op: ">", value: 0.02 }],
    ["import failed", { kind: "import_failed" }],
    ["sync  failed", { kind: "sync_failed" }],
    ["stale>3d", { kind: "stale", days: 3 }],
  ])("reads %s", (text, condition) => {
    expect(parseAlertRule(text)).toEqual(condition);
  });

  it.each(["overall", "overall<", "overall<<4", "score<4.6", "overall<4.6 and product<4", "overall drop>0.2 in 0d", "stale>100d", "overall=4.6", ""])("refuses %j", (text) => {
    expect(parseAlertRule(text)).toBeNull();
    expect(alertRuleTextSchema.safeParse(text).success).toBe(false);
  });

  it("writes each condition back as text that reads as the same condition", () => {
    for (const text of ["overall<4.6", "service>=4.75", "product drop>0.3 in 14d", "forecast logistics<=4.5 within 10d", "indicator complaint_rate>0.01", "import failed", "sync failed", "stale>5d"]) {
      const condition = parseAlertRule(text);
      expect(condition).not.toBeNull();
      if (condition) expect(parseAlertRule(formatAlertRule(condition))).toEqual(condition);
    }
    expect(formatAlertRule({ kind: "threshold", metric: "overall", op: "<", value: 4.6 })).toBe("overall<4.6");
  });

  it("compares on the stated side of the bound, the bound itself included only by <= and >=", () => {
    expect([compareAlertValue(4.6, "<", 4.6), compareAlertValue(4.6, "<=", 4.6), compareAlertValue(4.6, ">", 4.6), compareAlertValue(4.6, ">=", 4.6)]).toEqual([false, true, false, true]);
    expect(compareAlertValue(4.59, "<", 4.6)).toBe(true);
  });
});
