import { describe, expect, it } from "vitest";
import { csvField, neutralizeFormula } from "@/server/lib/spreadsheet-cell";

/** Every way a cell can start a formula in Excel, WPS or LibreOffice. */
const FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"] as const;

describe("the formula guard", () => {
  it("neutralizes a cell starting with any formula character, ASCII or full-width, TAB or CR", () => {
    for (const start of FORMULA_STARTS) {
      const payload = `${start}HYPERLINK("http://evil.test","点我")`;
      expect(neutralizeFormula(payload), JSON.stringify(start)).toBe(`'${payload}`);
    }
  });

  it("leaves other text as it is, including formula characters further in", () => {
    for (const text of ["订单 = 1", "a+b", "2026-05-01", "", "'=already", " =1", "店铺@抖音"]) expect(neutralizeFormula(text)).toBe(text);
  });

  it("CSV fields are guarded before quoting, so a quoted CR or TAB cell cannot slip through", () => {
    expect(csvField("\r=1+1")).toBe(`"'\r=1+1"`);
    expect(csvField("\t=1+1")).toBe(`'\t=1+1`);
    expect(csvField('＝cmd|" /C calc"!A0')).toBe(`"'＝cmd|"" /C calc""!A0"`);
    expect(csvField(-5)).toBe("'-5");
    expect(csvField(12)).toBe("12");
    expect(csvField(null)).toBe("");
  });
});
