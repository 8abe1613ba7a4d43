"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { RouterOutputs } from "@/components/api-types";
import { useOrg } from "@/components/layout/org-context";
import { useBilingual } from "@/components/scores/use-bilingual";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DatePicker } from "@/components/ui/date-picker";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { scoredEntityKinds, type ScoredEntityKind } from "@/lib/contracts/entities";
import type { FactSortKey, IndicatorFactsView as ViewInput } from "@/lib/contracts/insight";
import { formatNumber, formatRate } from "@/lib/scores/format";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../page-header";
import { FactFilters } from "./fact-filters";
import { FactTable } from "./fact-table";
import { FactTotals } from "./fact-totals";

export type FactsPage = RouterOutputs["insight"]["indicatorFacts"];

const PAGE_SIZE = 50;

/**
 * The drill-down behind one indicator of a shop or creator account: the facts that make up its
 * numerator and denominator on the day in the URL (?day=, shareable), sortable and filterable,
 * with totals that equal the indicator's numbers and export to CSV and Excel.
 */
export function IndicatorFactsView({ kind, id, code }: { kind: ScoredEntityKind; id: string; code: string }) {
  const t = useTranslations("insight");
  const trpc = useTRPC();
  const { orgId } = useOrg();
  const { primary, secondary, locale } = useBilingual();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const day = params.get("day") ?? undefined;
  const [view, setView] = useState<ViewInput>({ show: "all", sort: "day", direction: "desc" });
  const [page, setPage] = useState(1);
  const facts = useQuery({
    ...trpc.insight.indicatorFacts.queryOptions({ kind, id, indicator: code, day, ...view, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const changeView = (next: Partial<ViewInput>) => {
    setView((current) => ({ ...current, ...next }));
    setPage(1);
  };
  const entityHref = `/o/${orgId}/${scoredEntityKinds[kind].plural}/${id}`;
  const back = (
    <Link href={entityHref} className="text-sm text-zinc-600 hover:underline" data-testid="facts-back">
      ← {t("back")}
    </Link>
  );

  if (facts.isPending) return <PageSpinner label={t("caption", { indicator: code })} />;
  if (facts.isError) {
    return (
      <div className="space-y-4">
        {back}
        <EmptyState
          title={t("loadFailed")}
          description={facts.error.message}
          action={
            <Button variant="secondary" onClick={() => void facts.refetch()}>
              {t("retry")}
            </Button>
          }
        />
      </div>
    );
  }

  const data = facts.data;
  const indicatorName = primary(data.indicator);
  const changeDay = (next: string | null) => {
    const search = new URLSearchParams(params.toString());
    if (next) search.set("day", next);
    else search.delete("day");
    const query = search.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    setPage(1);
  };
  const exportHref = (format: "csv" | "xlsx") => {
    const query = new URLSearchParams({ org: orgId, kind, id, indicator: code, day: data.day, format, show: view.show, sort: view.sort, direction: view.direction });
    if (view.from) query.set("from", view.from);
    if (view.to) query.set("to", view.to);
    if (view.search) query.set("search", view.search);
    return `/api/insight/facts?${query.toString()}`;
  };

  return (
    <div className="space-y-5" data-testid="indicator-facts">
      {back}
      <PageHeader
        title={
          <>
            {t("title", { indicator: indicatorName })} <span className="text-base font-normal text-zinc-500">({secondary(data.indicator)})</span>
          </>
        }
        description={
          <>
            {data.entity.name} · {t("lead", { from: data.indicator.windowFirstDay, to: data.indicator.windowLastDay, day: data.day })}
          </>
        }
        actions={<DatePicker value={day ?? null} onChange={changeDay} placeholder={t("latest")} label={t("day")} testId="facts-day" />}
      />
      {!data.indicator.inRuleSet ? <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">{t("notInRuleSet")}</p> : null}
      <FactTotals data={data} value={formatValue(data.indicator.kind, data.indicator.value, locale, t)} />
      <Card
        title={t("caption", { indicator: indicatorName })}
        actions={
          <>
            <a href={exportHref("csv")} className={buttonClasses("secondary", "sm")} data-testid="facts-export-csv" download>
              {t("export.csv")}
            </a>
            <a href={exportHref("xlsx")} className={buttonClasses("secondary", "sm")} data-testid="facts-export-xlsx" download>
              {t("export.xlsx")}
            </a>
          </>
        }
      >
        <div className="space-y-4">
          <FactFilters view={view} onChange={changeView} />
          {data.totals.count === 0 ? (
            <EmptyState title={t("empty")} />
          ) : data.filtered.count === 0 ? (
            <EmptyState title={t("noMatch")} />
          ) : (
            <FactTable
              data={data}
              caption={t("caption", { indicator: indicatorName })}
              sort={{ key: view.sort, direction: view.direction }}
              onSortChange={(sort) => changeView({ sort: sort.key as FactSortKey, direction: sort.direction })}
            />
          )}
          {data.pageCount > 1 ? (
            <nav className="flex items-center justify-between gap-3 text-sm" aria-label={t("pager.page", { page: data.page, pages: data.pageCount })}>
              <Button variant="secondary" size="sm" disabled={data.page <= 1} onClick={() => setPage(data.page - 1)} data-testid="facts-previous">
                {t("pager.previous")}
              </Button>
              <span className="text-zinc-600 tabular-nums">{t("pager.page", { page: data.page, pages: data.pageCount })}</span>
              <Button variant="secondary" size="sm" disabled={data.page >= data.pageCount} onClick={() => setPage(data.page + 1)} data-testid="facts-next">
                {t("pager.next")}
              </Button>
            </nav>
          ) : null}
        </div>
      </Card>
    </div>
  );
}

type Translate = ReturnType<typeof useTranslations>;

function formatValue(kind: "rate" | "mean", value: number | null, locale: string, t: Translate): string {
  if (value === null) return "—";
  return kind === "rate" ? formatRate(value, locale) : t("detail.hours", { hours: formatNumber(value, locale, 1, 1) });
}
