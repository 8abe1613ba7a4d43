"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { Suspense } from "react";
import { useOrg } from "@/components/layout/org-context";
import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DatePicker } from "@/components/ui/date-picker";
import { EmptyState } from "@/components/ui/empty-state";
import { Menu } from "@/components/ui/menu";
import { Select } from "@/components/ui/select";
import { PageSpinner } from "@/components/ui/spinner";
import { Table } from "@/components/ui/table";
import { PORTFOLIO_COLUMNS, PORTFOLIO_SORT_KEYS, type PortfolioSortKey } from "@/lib/contracts/portfolio";
import { formatDay, formatNumber } from "@/lib/scores/format";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../page-header";
import { orgReportMenuItems } from "../reports/org-report-menu";
import { PortfolioFilterBar } from "./portfolio-filter-bar";
import { usePortfolioColumns } from "./portfolio-columns";
import { PortfolioTiles } from "./portfolio-tiles";
import { usePortfolioUrl } from "./use-portfolio-url";

/** While a rescore is pending the page looks again on its own. */
const RECALCULATING_POLL_MS = 5_000;

export function PortfolioHome() {
  const t = useTranslations("portfolio");
  return (
    <Suspense fallback={<PageSpinner label={t("loading")} />}>
      <Portfolio />
    </Suspense>
  );
}

function Portfolio() {
  const t = useTranslations("portfolio");
  const locale = useLocale();
  const trpc = useTRPC();
  const tShops = useTranslations("shops");
  const tReports = useTranslations("reports.menu");
  const { orgId, can } = useOrg();
  const url = usePortfolioUrl();
  const { input } = url.state;
  const page = useQuery({
    ...trpc.portfolio.page.queryOptions(input),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.recalculating ? RECALCULATING_POLL_MS : false),
  });
  const data = page.data;
  const columns = usePortfolioColumns({ orgId, chosen: url.state.columns, riskAvailable: data?.tiles.riskAvailable ?? false });
  const exportHref = (format: "csv" | "xlsx") => {
    const query = new URLSearchParams(url.query);
    query.set("format", format);
    query.set("org", orgId);
    return `/api/portfolio/export?${query.toString()}`;
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  const filtered = Boolean(input.search) || Object.keys(input.filters ?? {}).length > 0;
  const newShop = can("shops.write") ? (
    <Link href={`/o/${orgId}/shops/new`} className={buttonClasses("secondary", "sm")}>
      {tShops("new")}
    </Link>
  ) : null;
  const actions = (
    <>
      {newShop}
      <DatePicker
        value={input.day ?? null}
        onChange={(day) => url.setInput({ day: day ?? undefined })}
        placeholder={t("latest")}
        label={t("asOf")}
        max={data?.viewDay}
        testId="portfolio-day"
      />
      <Menu
        trigger={t("columnsMenu")}
        testId="portfolio-columns"
        items={PORTFOLIO_COLUMNS.map((column) => ({
          kind: "check" as const,
          key: column,
          label: t(`columns.${column}`),
          checked: url.state.columns.includes(column),
          testId: `portfolio-column-${column}`,
          onCheckedChange: (checked: boolean) =>
            url.setColumns(checked ? PORTFOLIO_COLUMNS.filter((c) => c === column || url.state.columns.includes(c)) : url.state.columns.filter((c) => c !== column)),
        }))}
      />
      <Menu
        trigger={t("exportMenu")}
        variant="primary"
        testId="portfolio-export"
        items={[
          { key: "xlsx", label: t("exportXlsx"), testId: "portfolio-export-xlsx", onSelect: () => window.location.assign(exportHref("xlsx")) },
          { key: "csv", label: t("exportCsv"), testId: "portfolio-export-csv", onSelect: () => window.location.assign(exportHref("csv")) },
          ...orgReportMenuItems(orgId, tReports),
        ]}
      />
    </>
  );

  return (
    <div className="space-y-5">
      <PageHeader title={t("title")} description={data ? t("lead", { day: formatDay(data.viewDay, locale, true) }) : t("leadLoading")} actions={actions} />
      {data?.recalculating ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="portfolio-recalculating">
          {t("recalculating")}
        </p>
      ) : null}
      {data ? <PortfolioTiles tiles={data.tiles} filters={input.filters ?? {}} onFilter={url.setFilters} /> : null}
      <PortfolioFilterBar
        key={url.query.toString()}
        filters={input.filters ?? {}}
        search={input.search}
        riskAvailable={data?.tiles.riskAvailable ?? false}
        onFilter={url.setFilters}
        onApply={url.apply}
        onClear={url.clear}
      />
      <div className="flex items-end gap-2 md:hidden">
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-xs text-zinc-600">
          {t("sortBy")}
          <Select
            value={input.sort}
            options={PORTFOLIO_SORT_KEYS.map((key) => ({ value: key, label: t(`sortKeys.${key}`) }))}
            onChange={(event) => {
              const key = PORTFOLIO_SORT_KEYS.find((k) => k === event.target.value);
              if (key) url.setInput({ sort: key });
            }}
          />
        </label>
        <Button variant="secondary" size="md" onClick={() => url.setInput({ direction: input.direction === "asc" ? "desc" : "asc" })}>
          {input.direction === "asc" ? t("ascending") : t("descending")}
        </Button>
      </div>
      {page.isPending ? (
        <PageSpinner label={t("loading")} />
      ) : page.isError || !data ? (
        <EmptyState title={t("loadFailed")} description={page.error?.message} />
      ) : data.total === 0 ? (
        filtered ? <EmptyState title={t("emptyTitle")} description={t("emptyBody")} /> : <EmptyState title={tShops("emptyTitle")} description={tShops("emptyBody")} action={newShop} />
      ) : (
        <Card flush>
          <Table
            rows={data.rows}
            columns={columns}
            rowKey={(row) => `${row.kind}:${row.id}`}
            caption={t("caption")}
            testId="portfolio-list"
            sort={{ key: input.sort, direction: input.direction }}
            onSortChange={(sort) => {
              const key = PORTFOLIO_SORT_KEYS.find((k) => k === sort.key);
              if (key) url.setInput({ sort: key satisfies PortfolioSortKey, direction: sort.direction });
            }}
            rowClassName={(row) => (row.risk ? "bg-red-50/40" : undefined)}
          />
          <div className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-100 px-4 py-3 text-sm text-zinc-600">
            <span data-testid="portfolio-total">
              {t("showing", { from: formatNumber((data.page - 1) * data.pageSize + 1, locale, 0), to: formatNumber((data.page - 1) * data.pageSize + data.rows.length, locale, 0), total: formatNumber(data.total, locale, 0) })}
            </span>
            <div className="flex items-center gap-2">
              <Button variant="secondary" size="sm" disabled={data.page <= 1} onClick={() => url.setInput({ page: data.page - 1 })} data-testid="portfolio-prev">
                {t("previous")}
              </Button>
              <span className="tabular-nums">{t("pageOf", { page: data.page, pages })}</span>
              <Button variant="secondary" size="sm" disabled={data.page >= pages} onClick={() => url.setInput({ page: data.page + 1 })} data-testid="portfolio-next">
                {t("next")}
              </Button>
            </div>
          </div>
        </Card>
      )}
    </div>
  );
}
