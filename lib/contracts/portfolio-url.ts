import {
  DEFAULT_PORTFOLIO_COLUMNS,
  PORTFOLIO_COLUMNS,
  portfolioFiltersSchema,
  portfolioPageInput,
  type PortfolioColumn,
  type PortfolioFilters,
  type PortfolioPageInput,
} from "./portfolio";

/**
 * The portfolio's state in its URL (shareable, restored on reload and by the back button) and in
 * the export link, which carries the same parameters. Unknown or broken values are dropped, so an
 * edited or outdated link still opens the page.
 */
export type PortfolioUrlState = {
  input: Required<Pick<PortfolioPageInput, "sort" | "direction" | "page" | "pageSize">> & Omit<PortfolioPageInput, "sort" | "direction" | "page" | "pageSize">;
  columns: PortfolioColumn[];
};

type Params = { get(name: string): string | null };

const yesNo = (value: string | null): boolean | undefined => (value === "yes" ? true : value === "no" ? false : undefined);
const numberOf = (value: string | null): number | undefined => {
  if (value === null || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};
const listOf = (value: string | null): string[] | undefined => (value ? value.split(",").filter(Boolean) : undefined);

/** Each filter parsed on its own: one bad value drops that filter, not the others. */
function filtersOf(params: Params): PortfolioFilters {
  const raw: Record<string, unknown> = {
    kind: params.get("kind") ?? undefined,
    category: params.get("category") ?? undefined,
    owner: params.get("owner") ?? undefined,
    grantee: params.get("grantee") ?? undefined,
    ruleSet: params.get("ruleSet") ?? undefined,
    bands: listOf(params.get("band")),
    atRisk: yesNo(params.get("risk")),
    scoreMin: numberOf(params.get("min")),
    scoreMax: numberOf(params.get("max")),
    stale: yesNo(params.get("stale")),
    insufficient: yesNo(params.get("insufficient")),
  };
  const filters: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const parsed = portfolioFiltersSchema.safeParse({ [key]: value });
    if (parsed.success) Object.assign(filters, parsed.data);
  }
  return filters as PortfolioFilters;
}

export function portfolioStateFromParams(params: Params): PortfolioUrlState {
  const defaults = portfolioPageInput.parse({});
  const pick = <K extends keyof typeof defaults>(key: K, value: unknown): (typeof defaults)[K] => {
    if (value === undefined || value === null || value === "") return defaults[key];
    const parsed = portfolioPageInput.safeParse({ [key]: value });
    return parsed.success ? parsed.data[key] : defaults[key];
  };
  const day = pick("day", params.get("day"));
  const search = pick("search", params.get("q"));
  const columns = listOf(params.get("cols"))?.filter((c): c is PortfolioColumn => (PORTFOLIO_COLUMNS as readonly string[]).includes(c));
  return {
    input: {
      ...(day ? { day } : {}),
      ...(search ? { search } : {}),
      filters: filtersOf(params),
      sort: pick("sort", params.get("sort")),
      direction: pick("direction", params.get("dir")),
      page: pick("page", numberOf(params.get("page"))),
      pageSize: pick("pageSize", numberOf(params.get("size"))),
    },
    columns: columns ?? [...DEFAULT_PORTFOLIO_COLUMNS],
  };
}

/** The state as search parameters, leaving out whatever equals the default (short links). */
export function portfolioStateToParams(state: PortfolioUrlState): URLSearchParams {
  const defaults = portfolioPageInput.parse({});
  const params = new URLSearchParams();
  const { input } = state;
  const f = input.filters ?? {};
  const set = (name: string, value: string | number | boolean | undefined | null) => {
    if (value === undefined || value === null || value === "") return;
    params.set(name, typeof value === "boolean" ? (value ? "yes" : "no") : String(value));
  };
  set("day", input.day);
  set("q", input.search);
  if (input.sort !== defaults.sort) set("sort", input.sort);
  if (input.direction !== defaults.direction) set("dir", input.direction);
  set("kind", f.kind);
  set("category", f.category);
  set("owner", f.owner);
  set("grantee", f.grantee);
  set("ruleSet", f.ruleSet);
  if (f.bands && f.bands.length > 0) set("band", f.bands.join(","));
  set("risk", f.atRisk);
  set("min", f.scoreMin);
  set("max", f.scoreMax);
  set("stale", f.stale);
  set("insufficient", f.insufficient);
  if (input.page !== defaults.page) set("page", input.page);
  if (input.pageSize !== defaults.pageSize) set("size", input.pageSize);
  const sameColumns = state.columns.length === DEFAULT_PORTFOLIO_COLUMNS.length && state.columns.every((c) => DEFAULT_PORTFOLIO_COLUMNS.includes(c));
  if (!sameColumns) set("cols", state.columns.join(",") || "none");
  return params;
}
