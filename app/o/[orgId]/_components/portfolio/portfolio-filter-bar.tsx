"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useCategories } from "@/components/catalog/use-categories";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { PortfolioFilters } from "@/lib/contracts/portfolio";
import { RULE_SET_NAMES_BY_KIND } from "@/lib/contracts/rule-sets";
import { useMemberOptions } from "../entities/use-member-options";

type Props = {
  filters: PortfolioFilters;
  search: string | undefined;
  onFilter: (patch: Partial<PortfolioFilters>) => void;
  onApply: (search: string | undefined, patch: Partial<PortfolioFilters>) => void;
  onClear: () => void;
  riskAvailable: boolean;
};

const yesNo = (value: string): boolean | undefined => (value === "yes" ? true : value === "no" ? false : undefined);
const fromYesNo = (value: boolean | undefined) => (value === undefined ? "" : value ? "yes" : "no");
const boundOf = (text: string): number | undefined => (text.trim() === "" || !Number.isFinite(Number(text)) ? undefined : Number(text));

/** Filters that apply at once (selects) and typed ones that apply on Enter (search, score range). */
export function PortfolioFilterBar({ filters, search, onFilter, onApply, onClear, riskAvailable }: Props) {
  const t = useTranslations("portfolio.filters");
  const categories = useCategories();
  const members = useMemberOptions();
  const [text, setText] = useState(search ?? "");
  const [min, setMin] = useState(filters.scoreMin?.toString() ?? "");
  const [max, setMax] = useState(filters.scoreMax?.toString() ?? "");
  const ruleSets = [...RULE_SET_NAMES_BY_KIND.shop, ...RULE_SET_NAMES_BY_KIND.creator].map((name) => ({ value: name, label: name }));
  const yesNoOptions = [
    { value: "yes", label: t("yes") },
    { value: "no", label: t("no") },
  ];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    onApply(text.trim() || undefined, { scoreMin: boundOf(min), scoreMax: boundOf(max) });
  }

  const select = (label: string, value: string, options: { value: string; label: string }[], onChange: (value: string) => void, testId: string) => (
    <label className="flex min-w-0 flex-col gap-1 text-xs text-zinc-600">
      {label}
      <Select aria-label={label} data-testid={testId} value={value} placeholder={t("all")} options={options} onChange={(e) => onChange(e.target.value)} />
    </label>
  );

  return (
    <div className="space-y-3" data-testid="portfolio-filters">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs text-zinc-600">
          {t("search")}
          <Input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t("searchPlaceholder")} data-testid="portfolio-search" />
        </label>
        <label className="flex w-24 flex-col gap-1 text-xs text-zinc-600">
          {t("scoreMin")}
          <Input inputMode="decimal" value={min} onChange={(e) => setMin(e.target.value)} data-testid="portfolio-score-min" />
        </label>
        <label className="flex w-24 flex-col gap-1 text-xs text-zinc-600">
          {t("scoreMax")}
          <Input inputMode="decimal" value={max} onChange={(e) => setMax(e.target.value)} data-testid="portfolio-score-max" />
        </label>
        <Button type="submit" variant="secondary" size="md" data-testid="portfolio-apply">
          {t("apply")}
        </Button>
        <Button
          type="button"
          variant="ghost"
          size="md"
          onClick={() => {
            setText("");
            setMin("");
            setMax("");
            onClear();
          }}
        >
          {t("clear")}
        </Button>
      </form>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-8">
        {select(t("kind"), filters.kind ?? "", [{ value: "shop", label: t("kindShop") }, { value: "creator", label: t("kindCreator") }], (v) => onFilter({ kind: v === "shop" || v === "creator" ? v : undefined }), "portfolio-filter-kind")}
        {select(t("category"), filters.category ?? "", categories.options, (v) => onFilter({ category: v || undefined }), "portfolio-filter-category")}
        {select(t("owner"), filters.owner ?? "", [{ value: "none", label: t("noOwner") }, ...members], (v) => onFilter({ owner: v || undefined }), "portfolio-filter-owner")}
        {select(t("grantee"), filters.grantee ?? "", members, (v) => onFilter({ grantee: v || undefined }), "portfolio-filter-grantee")}
        {select(t("ruleSet"), filters.ruleSet ?? "", ruleSets, (v) => onFilter({ ruleSet: (ruleSets.find((r) => r.value === v)?.value as PortfolioFilters["ruleSet"]) ?? undefined }), "portfolio-filter-rule-set")}
        {riskAvailable ? select(t("risk"), fromYesNo(filters.atRisk), yesNoOptions, (v) => onFilter({ atRisk: yesNo(v) }), "portfolio-filter-risk") : null}
        {select(t("stale"), fromYesNo(filters.stale), yesNoOptions, (v) => onFilter({ stale: yesNo(v) }), "portfolio-filter-stale")}
        {select(t("insufficient"), fromYesNo(filters.insufficient), yesNoOptions, (v) => onFilter({ insufficient: yesNo(v) }), "portfolio-filter-insufficient")}
      </div>
    </div>
  );
}
