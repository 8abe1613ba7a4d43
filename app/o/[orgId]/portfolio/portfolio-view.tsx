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
import { bandLimits, nextThreshold } from "@/lib/scores/bands";
import { formatNumber, formatRate, formatScore, formatThreshold } from "@/lib/scores/format";
import type { ScoreScale } from "@/lib/contracts/explanation";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../_components/page-header";

/** Everyone, the unscored, or those whose shown score is below a band's threshold. */
type Filter = "all" | "unscored" | number;
type Sort = "scoreAsc" | "scoreDesc" | "name";

function shownOverall(row: PortfolioRow): number | null {
  return row.score?.shown?.shown ?? null;
}

function matches(row: PortfolioRow, filter: Filter): boolean {
  if (filter === "all") return true;
  const shown = shownOverall(row);
  if (filter === "unscored") return shown === null;
  return shown !== null && shown < filter;
}

/** Each threshold of the rule sets the shops are scored under, with the scale that writes it. */
function thresholdScales(rows: readonly PortfolioRow[]): Map<number, ScoreScale> {
  const byLimit = new Map<number, ScoreScale>();
  for (const row of rows) {
    if (!row.score) continue;
    for (const limit of bandLimits(row.score.scale)) if (!byLimit.has(limit)) byLimit.set(limit, row.score.scale);
  }
  return byLimit;
}

/** Agency view: every visible shop's latest 商家体验分, and who is under which of its rule set's bands. */
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
  const limitScales = useMemo(() => thresholdScales(rows), [rows]);
  const filters = useMemo((): Filter[] => ["all", ...[...limitScales.keys()].sort((a, b) => a - b), "unscored"], [limitScales]);
  const counts = useMemo(() => new Map(filters.map((f) => [f, rows.filter((row) => matches(row, f)).length])), [filters, rows]);
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
    {
      key: "score",
      header: t("score"),
      cell: (row) =>
        row.score?.shown ? (
          <ScoreBadge score={row.score.shown} scale={row.score.scale} testId="portfolio-score" />
        ) : (
          <ScoreBadge score={null} testId="portfolio-score" />
        ),
    },
    {
      key: "next",
      header: t("toNext"),
      cell: (row) => {
        if (!row.score?.shown) return "—";
        const { scale } = row.score;
        const next = nextThreshold(scale, row.score.shown.shown);
        return next === null
          ? t("top")
          : t("gap", { gap: formatScore(next.gap, scale, locale), next: formatThreshold(next.minScore, scale, locale) });
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
                    key={String(f)}
                    className={clsx(
                      "inline-flex cursor-pointer items-center gap-1.5 rounded-full px-3 py-1.5 text-sm ring-1 ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-rose-600",
                      filter === f ? "bg-rose-600 text-white ring-rose-600" : "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50",
                    )}
                  >
                    <input type="radio" name="portfolio-filter" value={String(f)} checked={filter === f} onChange={() => setFilter(f)} className="sr-only" />
                    {typeof f === "number" ? t("filters.below", { score: formatThreshold(f, limitScales.get(f) ?? { displayDecimals: 0 }, locale) }) : t(`filters.${f}`)}
                    <span className={clsx("tabular-nums", filter === f ? "text-rose-100" : "text-zinc-500")}>{counts.get(f) ?? 0}</span>
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
