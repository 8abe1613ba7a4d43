import { describe, expect, it } from "vitest";
import { DEFAULT_PORTFOLIO_COLUMNS } from "@/lib/contracts/portfolio";
import { portfolioStateFromParams, portfolioStateToParams } from "@/lib/contracts/portfolio-url";

describe("portfolio URL state", () => {
  it("round-trips a full view through the query string", () => {
    const state = {
      input: {
        day: "2026-05-20",
        search: "云裳",
        filters: { kind: "shop" as const, category: "apparel", bands: ["4.6", "floor"], atRisk: true, scoreMin: 4.4, scoreMax: 4.79, stale: false, insufficient: true, ruleSet: "douyin-shop-v1" as const },
        sort: "change7" as const,
        direction: "desc" as const,
        page: 3,
        pageSize: 25,
      },
      columns: ["alias", "overall", "risk"] as const,
    };
    const params = portfolioStateToParams({ ...state, columns: [...state.columns] });
    expect(params.toString()).toBe(
      "day=2026-05-20&q=%E4%BA%91%E8%A3%B3&sort=change7&dir=desc&kind=shop&category=apparel&ruleSet=douyin-shop-v1&band=4.6%2Cfloor&risk=yes&min=4.4&max=4.79&stale=no&insufficient=yes&page=3&size=25&cols=alias%2Coverall%2Crisk",
    );
    expect(portfolioStateFromParams(params)).toEqual({ ...state, columns: [...state.columns] });
  });

  it("leaves defaults out of the link and reads an empty link as the default view", () => {
    const empty = portfolioStateFromParams(new URLSearchParams());
    expect(empty).toEqual({ input: { filters: {}, sort: "overall", direction: "asc", page: 1, pageSize: 50 }, columns: [...DEFAULT_PORTFOLIO_COLUMNS] });
    expect(portfolioStateToParams(empty).toString()).toBe("");
  });

  it("drops broken values one by one, keeping the rest of the view", () => {
    const state = portfolioStateFromParams(new URLSearchParams("sort=nonsense&dir=up&page=-2&size=9999&day=2026-02-31&min=abc&max=4.8&owner=not-a-uuid&band=4.6,x&cols=overall,bogus&kind=shop"));
    expect(state.input).toEqual({ filters: { scoreMax: 4.8, kind: "shop" }, sort: "overall", direction: "asc", page: 1, pageSize: 50 });
    expect(state.columns).toEqual(["overall"]);
  });
});
