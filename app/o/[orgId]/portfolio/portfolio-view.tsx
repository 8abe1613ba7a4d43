"use client";

import { useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useCategories } from "@/components/catalog/use-categories";
import { useOrg } from "@/components/layout/org-context";
import { ScoreBadge } from "@/components/scores/ScoreBadge";
import type { PortfolioRow } from "@/components/scores/types";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { PageSpinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import { BAND_LIMITS, distanceTo, formatNumber, formatRate, roundScoreForDisplay } from "@/lib/scores/format";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../_components/page-header";

type Filter = "all" | "below44" | "below46" | "below48" | "unscored";
type Sort = "scoreAsc" | "scoreDesc" | "name";

const FILTER_LIMIT: Partial<Record<Filter, number>> = { below44: 4.4, below46: 4.6, below48: 4.8 };

function shownOverall(row: PortfolioRow): number | null {
  return row.score && row.score.state === "scored" && row.score.overall !== null ? roundScoreForDisplay(row.score.overall) : null;
}

function matches(row: PortfolioRow, filter: Filter): boolean {
  if (filter === "all") return true;
  const shown = shownOverall(row);
  if (filter === "unscored") return shown === null;
  const limit = FILTER_LIMIT[filter];
  return shown !== null && limit !== undefined && shown < limit;
}

/** Agency view: every visible shop's latest 商家体验分, who is under 4.4 / 4.6 / 4.8. */
export function PortfolioView() {
  const t = useTranslations("scores.portfolio");
  const tScores = useTranslations("scores");
  const locale = useLocale();
  const trpc = useTRPC();
  const { orgId } = useOrg();
  const categories = useCategories();
  const portfolio = useQuery(trpc.scores.portfolio.queryOptions());
  const [filter, setFilter] = useState<Filter>("all");
  const [sort, setSort] = useState<Sort>("scoreAsc");

  const rows = useMemo(() => portfolio.data ?? [], [portfolio.data]);
  const counts = useMemo(() => {
    const result: Record<Filter, number> = { all: 0, below44: 0, below46: 0, below48: 0, unscored: 0 };
    for (const row of rows) for (const f of Object.keys(result) as Filter[]) if (matches(row, f)) result[f] += 1;
    return result;
  }, [rows]);
  const visible = useMemo(() => {
    const filtered = rows.filter((row) => matches(row, filter));
    const byName = (a: PortfolioRow, b: PortfolioRow) => a.shop.name.localeCompare(b.shop.name, locale);
    return filtered.sort((a, b) => {
      if (sort === "name") return byName(a, b);
      const sa = shownOverall(a);
      const sb = shownOverall(b);
      if (sa === null || sb === null) return sa === sb ? byName(a, b) : sa === null ? 1 : -1;
      return (sort === "scoreAsc" ? sa - sb : sb - sa) || byName(a, b);
    });
  }, [rows, filter, sort, locale]);

  const base = `/o/${orgId}`;
  const columns: Column<PortfolioRow>[] = [
    {
      key: "shop",
      header: t("shop"),
      primary: true,
      cell: (row) => (
        <Link href={`${base}/shops/${row.shop.id}`} className="font-medium text-rose-700 hover:underline">
          {row.shop.name}
        </Link>
      ),
    },
    { key: "category", header: t("category"), cell: (row) => categories.labelOf(row.shop.categoryCode) },
    { key: "score", header: t("score"), cell: (row) => <ScoreBadge overall={shownOverall(row)} testId="portfolio-score" /> },
    {
      key: "next",
      header: t("toNext"),
      cell: (row) => {
        const shown = shownOverall(row);
        if (shown === null) return "—";
        const next = BAND_LIMITS.find((limit) => limit > shown);
        return next === undefined ? t("top") : t("gap", { gap: distanceTo(next, shown).toFixed(2), next: next.toFixed(1) });
      },
    },
    {
      key: "beats",
      header: t("beats"),
      align: "end",
      cell: (row) => (row.score?.beatsPercent == null ? "—" : tScores("percent", { value: formatNumber(row.score.beatsPercent, locale, 1) })),
    },
    {
      key: "goodReview",
      header: t("goodReviewRate"),
      align: "end",
      cell: (row) => (row.score?.goodReviewRate == null ? "—" : formatRate(row.score.goodReviewRate, locale)),
    },
    { key: "day", header: t("day"), cell: (row) => <span className="tabular-nums">{row.score?.day ?? "—"}</span> },
  ];

  const filters: Filter[] = ["all", "below44", "below46", "below48", "unscored"];

  return (
    <div>
      <PageHeader title={t("title")} description={t("lead")} />
      {portfolio.isPending ? (
        <PageSpinner label={tScores("loading")} />
      ) : portfolio.isError ? (
        <EmptyState title={tScores("loadFailed")} description={portfolio.error.message} />
      ) : rows.length === 0 ? (
        <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
      ) : (
        <>
          <div className="mb-4 flex flex-col gap-3 md:flex-row md:items-end md:justify-between">
            <fieldset className="min-w-0">
              <legend className="mb-1 text-sm font-medium text-zinc-800">{t("filter")}</legend>
              <div className="flex flex-wrap gap-2">
                {filters.map((f) => (
                  <label
                    key={f}
                    className={clsx(
                      "inline-flex cursor-pointer items-center gap-1.5 rounded-full px-3 py-1.5 text-sm ring-1 ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-rose-600",
                      filter === f ? "bg-rose-600 text-white ring-rose-600" : "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50",
                    )}
                  >
                    <input type="radio" name="portfolio-filter" value={f} checked={filter === f} onChange={() => setFilter(f)} className="sr-only" />
                    {t(`filters.${f}`)}
                    <span className={clsx("tabular-nums", filter === f ? "text-rose-100" : "text-zinc-500")}>{counts[f]}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="md:w-56">
              <label htmlFor="portfolio-sort" className="mb-1 block text-sm font-medium text-zinc-800">
                {t("sort")}
              </label>
              <Select
                id="portfolio-sort"
                value={sort}
                onChange={(e) => setSort(e.target.value as Sort)}
                options={(["scoreAsc", "scoreDesc", "name"] as const).map((s) => ({ value: s, label: t(`sorts.${s}`) }))}
              />
            </div>
          </div>
          <p className="mb-3 text-sm text-zinc-600" aria-live="polite">
            {t("showing", { shown: visible.length, total: rows.length })}
          </p>
          {visible.length === 0 ? (
            <EmptyState title={t("noMatchTitle")} description={t("noMatchBody")} />
          ) : (
            <Table rows={visible} columns={columns} rowKey={(row) => row.shop.id} caption={t("title")} testId="portfolio-list" />
          )}
        </>
      )}
    </div>
  );
}
