"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { PortfolioFilters } from "@/lib/contracts/portfolio";
import { portfolioStateFromParams, portfolioStateToParams, type PortfolioUrlState } from "@/lib/contracts/portfolio-url";

/**
 * The portfolio's view lives in the URL: every change pushes a history entry, so links are
 * shareable, a reload restores the view and the back button undoes the last change.
 */
export function usePortfolioUrl() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => portfolioStateFromParams(params), [params]);

  const go = useCallback(
    (next: PortfolioUrlState) => {
      const query = portfolioStateToParams(next).toString();
      router.push(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname],
  );

  /** A new filter, search or day starts again on the first page. */
  const setFilters = useCallback(
    (patch: Partial<PortfolioFilters>) => {
      const filters: PortfolioFilters = { ...state.input.filters, ...patch };
      for (const key of Object.keys(filters) as (keyof PortfolioFilters)[]) if (filters[key] === undefined) delete filters[key];
      go({ ...state, input: { ...state.input, filters, page: 1 } });
    },
    [go, state],
  );

  /** The typed part of the filter bar (search and score range) in one history entry. */
  const apply = useCallback(
    (search: string | undefined, patch: Partial<PortfolioFilters>) => {
      const filters: PortfolioFilters = { ...state.input.filters, ...patch };
      for (const key of Object.keys(filters) as (keyof PortfolioFilters)[]) if (filters[key] === undefined) delete filters[key];
      const input = { ...state.input, filters, page: 1 };
      if (search) input.search = search;
      else delete input.search;
      go({ ...state, input });
    },
    [go, state],
  );

  const setInput = useCallback(
    (patch: Partial<PortfolioUrlState["input"]>, options: { keepPage?: boolean } = {}) =>
      go({ ...state, input: { ...state.input, ...patch, ...(options.keepPage ? {} : { page: 1 }), ...("page" in patch ? { page: patch.page ?? 1 } : {}) } }),
    [go, state],
  );

  const setColumns = useCallback((columns: PortfolioUrlState["columns"]) => go({ ...state, columns }), [go, state]);
  const clear = useCallback(() => go({ columns: state.columns, input: { sort: state.input.sort, direction: state.input.direction, page: 1, pageSize: state.input.pageSize } }), [go, state]);

  return { state, setFilters, apply, setInput, setColumns, clear, query: portfolioStateToParams(state) };
}
