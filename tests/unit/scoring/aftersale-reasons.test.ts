import { describe, expect, it } from "vitest";
import { AFTERSALE_REASON_CATEGORIES, categoriseReason } from "@/server/catalog/aftersale-reasons";

describe("categoriseReason", () => {
  it("maps scoring.md §3's reasons", () => {
    const cases: [string, string][] = [
      ["质量问题", "quality"],
      ["商品与描述不符", "quality"],
      ["假冒/非正品", "quality"],
      ["商品破损", "quality"],
      ["少件/漏发", "quality"],
      ["做工问题", "quality"],
      ["物流慢", "logistics"],
      ["快递破损", "logistics"],
      ["未收到货", "logistics"],
      ["尺码不合适", "size"],
      ["七天无理由", "no_reason"],
      ["不想要了", "no_reason"],
      ["拍错/多拍", "no_reason"],
    ];
    for (const [reason, category] of cases) expect(categoriseReason(reason)).toBe(category);
    expect(Object.keys(AFTERSALE_REASON_CATEGORIES)).toHaveLength(cases.length);
  });

  it("treats unknown and empty reasons as other", () => {
    expect(categoriseReason("颜色不喜欢")).toBe("other");
    expect(categoriseReason("")).toBe("other");
    expect(categoriseReason(null)).toBe("other");
  });

  it("ignores stray spaces and full-width slashes", () => {
    expect(categoriseReason(" 少件／漏发 ")).toBe("quality");
  });

  it("lets an organisation's overrides win, in any of the accepted shapes", () => {
    expect(categoriseReason("尺码不合适", { 尺码不合适: "quality" })).toBe("quality");
    expect(categoriseReason("颜色不喜欢", new Map([["颜色不喜欢", "no_reason" as const]]))).toBe(
      "no_reason",
    );
    expect(categoriseReason("物流慢", [{ reason: "物流慢", category: "other" }])).toBe("other");
    expect(categoriseReason("质量问题", { 物流慢: "other" })).toBe("quality");
  });
});
