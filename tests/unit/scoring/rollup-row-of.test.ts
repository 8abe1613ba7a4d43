import { describe, expect, it } from "vitest";
import { ROLLUP_METRIC_FIELDS } from "@/server/scoring/rollups";
import { rollupRowOf } from "@/server/scoring/store/rollup-store";

describe("rollupRowOf", () => {
  it("puts every metric of the array under its field, in ROLLUP_METRIC_FIELDS order", () => {
    const metrics = ROLLUP_METRIC_FIELDS.map((_, k) => 100 + k);
    const row = rollupRowOf("2026-05-01", "2026-05-03", metrics);
    expect(Object.keys(row)).toEqual(["day", "visibleDay", ...ROLLUP_METRIC_FIELDS]);
    ROLLUP_METRIC_FIELDS.forEach((field, k) => expect(row[field], field).toBe(100 + k));
    expect(row.day).toBe("2026-05-01");
    expect(row.visibleDay).toBe("2026-05-03");
  });
});
