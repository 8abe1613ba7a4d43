"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { DatePicker } from "@/components/ui/date-picker";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { FACT_SHOWS, FACT_SORT_KEYS, type FactShow, type FactSortKey, type IndicatorFactsView } from "@/lib/contracts/insight";

/** Waits this long after the last keystroke before searching. */
const SEARCH_DELAY_MS = 300;

/** Which facts: all, those in the numerator, those pulling the indicator down; anchor days; text. */
export function FactFilters({ view, onChange }: { view: IndicatorFactsView; onChange: (next: Partial<IndicatorFactsView>) => void }) {
  const t = useTranslations("insight");
  const [search, setSearch] = useState(view.search ?? "");
  useEffect(() => {
    if (search === (view.search ?? "")) return;
    const timer = setTimeout(() => onChange({ search: search || undefined }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, view.search, onChange]);
  const filtered = view.show !== "all" || view.from || view.to || view.search;
  return (
    <div className="flex flex-wrap items-end gap-3">
      <label className="flex min-w-40 flex-col gap-1 text-sm text-zinc-600">
        {t("filters.show")}
        <Select
          value={view.show}
          onChange={(event) => onChange({ show: event.target.value as FactShow })}
          options={FACT_SHOWS.map((show) => ({ value: show, label: t(`show.${show}`) }))}
          data-testid="facts-show"
        />
      </label>
      <div className="flex flex-col gap-1 text-sm text-zinc-600">
        <span>{t("filters.from")}</span>
        <DatePicker value={view.from ?? null} onChange={(day) => onChange({ from: day ?? undefined })} placeholder="—" label={t("filters.from")} testId="facts-from" />
      </div>
      <div className="flex flex-col gap-1 text-sm text-zinc-600">
        <span>{t("filters.to")}</span>
        <DatePicker value={view.to ?? null} onChange={(day) => onChange({ to: day ?? undefined })} placeholder="—" label={t("filters.to")} testId="facts-to" />
      </div>
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm text-zinc-600">
        {t("filters.search")}
        <Input type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder={t("filters.searchPlaceholder")} data-testid="facts-search" />
      </label>
      {/* The table's headers sort on wide screens; phones see cards, so they get the order here. */}
      <label className="flex min-w-40 flex-col gap-1 text-sm text-zinc-600 md:hidden">
        {t("filters.sort")}
        <Select
          value={`${view.sort}:${view.direction}`}
          onChange={(event) => {
            const [sort, direction] = event.target.value.split(":");
            onChange({ sort: sort as FactSortKey, direction: direction === "asc" ? "asc" : "desc" });
          }}
          options={FACT_SORT_KEYS.flatMap((key) => (["desc", "asc"] as const).map((direction) => ({ value: `${key}:${direction}`, label: `${t(`columns.${key}`)} ${direction === "asc" ? "↑" : "↓"}` })))}
          data-testid="facts-sort"
        />
      </label>
      {filtered ? (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setSearch("");
            onChange({ show: "all", from: undefined, to: undefined, search: undefined });
          }}
        >
          {t("filters.clear")}
        </Button>
      ) : null}
    </div>
  );
}
