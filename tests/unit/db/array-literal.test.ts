import { describe, expect, it } from "vitest";
import { arrayLiteral, textArrayLiteral } from "@/db/array-literal";

describe("array literals", () => {
  it("joins a column without nulls as it is", () => {
    expect(arrayLiteral([1, 2.5, -0.125, 1e-7, 0])).toBe("{1,2.5,-0.125,1e-7,0}");
    expect(arrayLiteral(["2026-06-01", "2026-06-02"])).toBe("{2026-06-01,2026-06-02}");
    expect(arrayLiteral([])).toBe("{}");
  });

  it("writes NULL for a null wherever it stands", () => {
    expect(arrayLiteral([null, 1, null])).toBe("{NULL,1,NULL}");
    expect(arrayLiteral([true, null, false])).toBe("{true,NULL,false}");
  });

  it("quotes texts, escaping quotes and backslashes", () => {
    expect(textArrayLiteral(['a,b', 'say "hi"', "back\\slash", "{}"])).toBe('{"a,b","say \\"hi\\"","back\\\\slash","{}"}');
  });
});
