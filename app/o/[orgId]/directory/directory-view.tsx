"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useOrg } from "@/components/layout/org-context";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { Table, type Column, type TableSort } from "@/components/ui/table";
import { DIRECTORY_PAGE_SIZE, MAX_COMPARE, type DirectorySort } from "@/lib/contracts/directory";
import { useTRPC } from "@/lib/trpc-client";
import { CategoryValue, Freshness, RateValue, ScoreValue, TrendValue, type DirectoryCard } from "@/components/directory/card-cells";
import { DirectoryFilters } from "@/components/directory/directory-filters";
import { SaveSearchButton } from "@/components/directory/save-search-dialog";
import { ShortlistMenu } from "@/components/directory/shortlist-menu";
import { filterOf, searchInputOf, useDirectoryUrl } from "@/components/directory/use-directory-url";
import { PageHeader } from "../_components/page-header";

const SORT_OF_COLUMN: Record<string, DirectorySort> = { overall: "score", goodReviewRate: "goodReviewRate", day: "freshness", name: "name" };
const COLUMN_OF_SORT: Record<DirectorySort, string> = { score: "overall", goodReviewRate: "goodReviewRate", freshness: "day", name: "name" };

/** The directory: filters in the URL, sorted and paged on the server, each card with its freshness. */
export function DirectoryView() {
  const t = useTranslations("directory");
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const { state, update } = useDirectoryUrl();
  const input = useMemo(() => searchInputOf(state, DIRECTORY_PAGE_SIZE), [state]);
  const results = useQuery({ ...trpc.directory.search.queryOptions(input), placeholderData: keepPreviousData });
  const [selected, setSelected] = useState<string[]>([]);
  const canEdit = can("directory.write");
  const base = `/o/${orgId}/directory`;

  const toggle = (cardId: string) =>
    setSelected((current) => (current.includes(cardId) ? current.filter((id) => id !== cardId) : current.length >= MAX_COMPARE ? current : [...current, cardId]));

  const columns: Column<DirectoryCard>[] = [
    {
      key: "select",
      header: <span className="sr-only">{t("columns.select")}</span>,
      cell: (card) => (
        <input
          type="checkbox"
          className="size-4 accent-rose-600"
          aria-label={t("actions.select", { name: card.name })}
          data-testid={`select-${card.name}`}
          checked={selected.includes(card.card)}
          disabled={!selected.includes(card.card) && selected.length >= MAX_COMPARE}
          onChange={() => toggle(card.card)}
        />
      ),
    },
    {
      key: "name",
      header: t("columns.name"),
      primary: true,
      sortable: true,
      cell: (card) => (
        <span className="font-medium text-zinc-900">
          {card.name} <span className="text-xs font-normal text-zinc-500">· {t(`kinds.${card.kind}`)}</span>
        </span>
      ),
    },
    { key: "category", header: t("columns.category"), cell: (card) => <CategoryValue card={card} /> },
    { key: "overall", header: t("columns.overall"), sortable: true, align: "end", cell: (card) => <ScoreValue card={card} value={card.overall} shown={card.fields.includes("overall")} /> },
    {
      key: "dimensions",
      header: `${t("dimensions.product")} / ${t("dimensions.logistics")} / ${t("dimensions.service")}`,
      align: "end",
      cell: (card) => (
        <span className="inline-flex gap-2">
          {(["product", "logistics", "service"] as const).map((code) => (
            <ScoreValue key={code} card={card} value={card.dimensions?.[code]} shown={card.fields.includes("dimensions")} />
          ))}
        </span>
      ),
    },
    { key: "goodReviewRate", header: t("columns.goodReviewRate"), sortable: true, align: "end", cell: (card) => <RateValue card={card} /> },
    { key: "trend", header: t("columns.trend"), cell: (card) => <TrendValue card={card} /> },
    { key: "contact", header: t("columns.contact"), cell: (card) => (card.fields.includes("contact") ? <span className="text-sm break-all">{card.contact ?? "—"}</span> : <span className="text-xs text-zinc-400">{t("hidden")}</span>) },
    { key: "day", header: t("columns.day"), sortable: true, cell: (card) => <Freshness day={card.day} /> },
    ...(canEdit ? [{ key: "actions", header: <span className="sr-only">{t("actions.addToShortlist")}</span>, align: "end" as const, cell: (card: DirectoryCard) => <ShortlistMenu cardIds={[card.card]} label="+" testId={`add-${card.name}`} /> }] : []),
  ];

  const sort: TableSort = { key: COLUMN_OF_SORT[state.sort], direction: state.dir };
  const page = results.data;
  const pages = page ? Math.max(1, Math.ceil(page.total / page.pageSize)) : 1;
  const filter = filterOf(input);

  return (
    <div>
      <PageHeader
        title={t("title")}
        description={t("lead")}
        actions={
          <>
            <Link href={`${base}/shortlists`} className={buttonClasses("secondary", "sm")} data-testid="open-shortlists">
              {t("actions.shortlists")}
            </Link>
            {canEdit ? <SaveSearchButton filter={filter} /> : null}
          </>
        }
      />
      <DirectoryFilters state={state} update={update} />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-zinc-600" data-testid="directory-count" aria-live="polite">
          {page ? t("results.count", { total: page.total }) : null} {results.isFetching ? <Spinner size="sm" /> : null}
        </p>
        <div className="flex flex-wrap gap-2">
          {canEdit && selected.length > 0 ? <ShortlistMenu cardIds={selected} testId="add-selected" /> : null}
          <Link
            href={`${base}/compare?cards=${selected.join(",")}`}
            aria-disabled={selected.length < 2}
            data-testid="compare-selected"
            className={buttonClasses("primary", "sm", selected.length < 2 ? "pointer-events-none opacity-50" : undefined)}
          >
            {t("actions.compare", { count: selected.length })}
          </Link>
        </div>
      </div>
      {/* The previous results stay on screen while the next ones load: marked busy meanwhile. */}
      <div aria-busy={results.isFetching} data-testid="directory-results-region">
        {results.isPending ? (
          <Spinner label={t("results.loading")} />
        ) : page && page.cards.length === 0 ? (
          <EmptyState title={t("results.empty")} />
        ) : (
          <Table
            rows={page?.cards ?? []}
            columns={columns}
            rowKey={(card) => card.card}
            caption={t("title")}
            testId="directory-results"
            sort={sort}
            onSortChange={(next) => update({ sort: SORT_OF_COLUMN[next.key] ?? "score", dir: next.direction })}
          />
        )}
      </div>
      {page && pages > 1 ? (
        <nav className="mt-4 flex items-center justify-between gap-2" aria-label={t("pagination.page", { page: state.page, pages })}>
          <Button type="button" variant="secondary" size="sm" disabled={state.page <= 1} onClick={() => update({ page: state.page - 1 })}>
            {t("pagination.previous")}
          </Button>
          <span className="text-sm text-zinc-600">{t("pagination.page", { page: state.page, pages })}</span>
          <Button type="button" variant="secondary" size="sm" disabled={state.page >= pages} onClick={() => update({ page: state.page + 1 })} data-testid="next-page">
            {t("pagination.next")}
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
