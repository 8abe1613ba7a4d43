"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo } from "react";
import { DIRECTORY_SORTS, SCORE_SCALES, TRENDS, type DirectoryFilter, type ScoreScaleMax, type DirectorySearchInput, type DirectorySort, type Trend } from "@/lib/contracts/directory";

/** The directory's filters, sort and page as URL parameters, so a search can be linked, reloaded and shared. */
export type DirectoryUrlState = {
  kind: "" | "shop" | "creator";
  category: string;
  /** The scale score bounds are read on ("5", "100"), or "" for every scale. */
  scale: "" | `${ScoreScaleMax}`;
  minScore: string;
  minGoodReviewRate: string;
  minProduct: string;
  minLogistics: string;
  minService: string;
  trend: "" | Trend;
  ruleSet: string;
  fresh: string;
  date: string;
  sort: DirectorySort;
  dir: "asc" | "desc";
  page: number;
};

const KEYS = ["kind", "category", "scale", "minScore", "minGoodReviewRate", "minProduct", "minLogistics", "minService", "trend", "ruleSet", "fresh", "date", "sort", "dir", "page"] as const;

const numberOf = (text: string) => (text.trim() === "" || !Number.isFinite(Number(text)) ? undefined : Number(text));

function parseState(params: Pick<URLSearchParams, "get">): DirectoryUrlState {
  const get = (key: string) => params.get(key) ?? "";
  const kind = get("kind");
  const trend = get("trend");
  const sort = get("sort");
  return {
    kind: kind === "shop" || kind === "creator" ? kind : "",
    category: get("category"),
    scale: (SCORE_SCALES.map(String) as string[]).includes(get("scale")) ? (get("scale") as DirectoryUrlState["scale"]) : "",
    minScore: get("minScore"),
    minGoodReviewRate: get("minGoodReviewRate"),
    minProduct: get("minProduct"),
    minLogistics: get("minLogistics"),
    minService: get("minService"),
    trend: (TRENDS as readonly string[]).includes(trend) ? (trend as Trend) : "",
    ruleSet: get("ruleSet"),
    fresh: get("fresh"),
    date: /^\d{4}-\d{2}-\d{2}$/.test(get("date")) ? get("date") : "",
    sort: (DIRECTORY_SORTS as readonly string[]).includes(sort) ? (sort as DirectorySort) : "score",
    dir: get("dir") === "asc" ? "asc" : "desc",
    page: Math.max(1, Number.parseInt(get("page") || "1", 10) || 1),
  };
}

/**
 * The query this page last wrote, until the router's own state has caught up with it. Next's
 * router follows a native replaceState a render later and, when it commits, writes its URL back
 * to the address bar: reading the bar during that lag could see an older state and drop a filter
 * set a moment before (a select, then a number and Enter).
 */
let written: { path: string; search: string } | null = null;

export function useDirectoryUrl() {
  const params = useSearchParams();
  const state = useMemo(() => parseState(params), [params]);

  useEffect(() => {
    if (written && written.search === params.toString()) written = null;
  }, [params]);
  useEffect(() => {
    // Back and forward are the user's own choice of state: they win over anything pending.
    const forget = () => {
      written = null;
    };
    window.addEventListener("popstate", forget);
    return () => {
      window.removeEventListener("popstate", forget);
      // Leaving the page: the next visit starts from its own URL.
      written = null;
    };
  }, []);

  const update = useCallback((change: Partial<DirectoryUrlState>) => {
    const path = window.location.pathname;
    const current = written && written.path === path ? written.search : window.location.search;
    const next: DirectoryUrlState = { ...parseState(new URLSearchParams(current)), page: 1, ...change };
    const query = new URLSearchParams();
    for (const key of KEYS) {
      const value = String(next[key]);
      const isDefault = (key === "sort" && value === "score") || (key === "dir" && value === "desc") || (key === "page" && value === "1");
      if (value !== "" && !isDefault) query.set(key, value);
    }
    const text = query.toString();
    written = { path, search: text };
    window.history.replaceState(null, "", text ? `${path}?${text}` : path);
  }, []);

  return { state, update };
}

/** The URL state as the search procedure's input (the good-review rate is typed as a percentage). */
export function searchInputOf(state: DirectoryUrlState, pageSize: number): DirectorySearchInput {
  const rate = numberOf(state.minGoodReviewRate);
  const minDimensions = Object.fromEntries(
    ([["product", state.minProduct], ["logistics", state.minLogistics], ["service", state.minService]] as const).flatMap(([code, text]) => {
      const value = numberOf(text);
      return value === undefined ? [] : [[code, value]];
    }),
  );
  return {
    kind: state.kind || undefined,
    category: state.category || undefined,
    scale: state.scale ? (Number(state.scale) as ScoreScaleMax) : undefined,
    minScore: numberOf(state.minScore),
    minGoodReviewRate: rate === undefined ? undefined : Math.min(1, Math.max(0, rate / 100)),
    minDimensions: Object.keys(minDimensions).length > 0 ? minDimensions : undefined,
    trend: state.trend || undefined,
    ruleSet: state.ruleSet || undefined,
    freshWithinDays: numberOf(state.fresh),
    date: state.date || undefined,
    sort: state.sort,
    descending: state.dir === "desc",
    page: state.page,
    pageSize,
  };
}

/** The filters alone (what a saved search keeps): no sort, page or day. */
export function filterOf(input: DirectorySearchInput): DirectoryFilter {
  return {
    kind: input.kind,
    category: input.category,
    scale: input.scale,
    minScore: input.minScore,
    minDimensions: input.minDimensions,
    minGoodReviewRate: input.minGoodReviewRate,
    trend: input.trend,
    ruleSet: input.ruleSet,
    freshWithinDays: input.freshWithinDays,
  };
}
