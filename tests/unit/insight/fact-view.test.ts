import { describe, expect, it } from "vitest";
import { indicatorFactsView, type IndicatorFactRow } from "@/lib/contracts/insight";
import { factSheet, factsCsv } from "@/server/insight/fact-export";
import { totalsOf, viewRows } from "@/server/insight/fact-view";

const row = (over: Partial<IndicatorFactRow>): IndicatorFactRow => ({
  kind: "order",
  ref: "o1",
  orderId: "o1",
  shopName: null,
  productName: null,
  day: "2026-05-01",
  leavesWindowOn: "2026-07-31",
  weight: 1,
  numerator: 0,
  denominator: 1,
  countsInNumerator: false,
  hurting: false,
  stars: null,
  hours: null,
  reason: null,
  complaintKind: null,
  chatTurns: null,
  chatTurnsAnswered: null,
  ...over,
});

const rows = [
  row({ ref: "A-1", day: "2026-05-03", hours: 30, weight: 0.9, numerator: 27, denominator: 0.9, countsInNumerator: true, productName: "连衣裙" }),
  row({ ref: "A-2", day: "2026-04-01", hours: null, weight: 0.5, denominator: 0.5, hurting: true }),
  row({ ref: "B-3", day: "2026-05-10", hours: 80, weight: 1, numerator: 80, countsInNumerator: true, hurting: true, productName: "=SUM(A1)" }),
];
const view = (over: object) => indicatorFactsView.parse(over);

describe("viewRows", () => {
  it("sorts by the chosen key in either direction, facts without the value last", () => {
    expect(viewRows(rows, view({ sort: "hours", direction: "desc" })).map((r) => r.ref)).toEqual(["B-3", "A-1", "A-2"]);
    expect(viewRows(rows, view({ sort: "hours", direction: "asc" })).map((r) => r.ref)).toEqual(["A-1", "B-3", "A-2"]);
    expect(viewRows(rows, view({})).map((r) => r.day)).toEqual(["2026-05-10", "2026-05-03", "2026-04-01"]);
  });

  it("filters by what counts, by anchor day and by text in the reference or product", () => {
    expect(viewRows(rows, view({ show: "numerator" })).map((r) => r.ref).sort()).toEqual(["A-1", "B-3"]);
    expect(viewRows(rows, view({ show: "hurting" })).map((r) => r.ref).sort()).toEqual(["A-2", "B-3"]);
    expect(viewRows(rows, view({ from: "2026-05-01", to: "2026-05-05" })).map((r) => r.ref)).toEqual(["A-1"]);
    expect(viewRows(rows, view({ search: "a-" })).map((r) => r.ref).sort()).toEqual(["A-1", "A-2"]);
    expect(viewRows(rows, view({ search: "连衣" })).map((r) => r.ref)).toEqual(["A-1"]);
  });

  it("totals the numerator and denominator shares", () => {
    expect(totalsOf(rows)).toEqual({ count: 3, numerator: 107, denominator: 2.4 });
  });
});

describe("the facts sheet", () => {
  it("keeps only columns some fact fills, in the reader's language, formulas neutralised", () => {
    const sheet = factSheet(rows, "en");
    expect(sheet.header).toContain("Hours");
    expect(sheet.header).not.toContain("Stars");
    const csv = factsCsv(sheet);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("'=SUM(A1)");
    expect(factSheet(rows, "zh-CN").header).toContain("订单号");
  });
});
