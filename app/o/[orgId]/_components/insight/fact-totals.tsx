"use client";

import { useTranslations } from "next-intl";
import { useBilingual } from "@/components/scores/use-bilingual";
import { KpiGrid, KpiTile } from "@/components/ui/kpi-tile";
import { formatNumber } from "@/lib/scores/format";
import type { FactsPage } from "./indicator-facts-view";

/** Listed facts and the indicator agree within this (they are the same sums, added in another order). */
const AGREEMENT = 1e-6;

/**
 * The indicator's own numbers from the engine beside what the listed facts add up to. The raw
 * numbers ride along in data attributes, so a check can compare them without parsing text.
 */
export function FactTotals({ data, value }: { data: FactsPage; value: string }) {
  const t = useTranslations("insight");
  const { locale } = useBilingual();
  const mean = data.indicator.kind === "mean";
  const agrees =
    Math.abs(data.totals.numerator - (data.indicator.numerator ?? 0)) <= AGREEMENT &&
    Math.abs(data.totals.denominator - (data.indicator.denominator ?? 0)) <= AGREEMENT;
  const number = (n: number | null) => (n === null ? "—" : formatNumber(n, locale, 4));
  return (
    <div className="space-y-2">
      <KpiGrid>
        <KpiTile label={t("totals.value")} value={value} testId="facts-indicator-value" />
        <KpiTile
          label={mean ? t("totals.hoursNumerator") : t("totals.numerator")}
          value={<span data-value={data.indicator.numerator ?? 0} data-testid="facts-indicator-numerator">{number(data.indicator.numerator)}</span>}
          hint={<span data-value={data.totals.numerator} data-testid="facts-total-numerator">{t("totals.listed", { value: number(data.totals.numerator) })}</span>}
        />
        <KpiTile
          label={mean ? t("totals.hoursDenominator") : t("totals.denominator")}
          value={<span data-value={data.indicator.denominator ?? 0} data-testid="facts-indicator-denominator">{number(data.indicator.denominator)}</span>}
          hint={<span data-value={data.totals.denominator} data-testid="facts-total-denominator">{t("totals.listed", { value: number(data.totals.denominator) })}</span>}
        />
        <KpiTile
          label={t("totals.facts")}
          value={<span data-testid="facts-count">{formatNumber(data.totals.count, locale, 0)}</span>}
          hint={data.filtered.count !== data.totals.count ? t("totals.factsHint", { count: formatNumber(data.filtered.count, locale, 0) }) : undefined}
        />
      </KpiGrid>
      <p data-testid="facts-agreement" data-agrees={agrees} className={agrees ? "text-xs text-emerald-700" : "text-xs text-amber-700"}>
        {agrees ? t("totals.match") : t("totals.mismatch")}
        {data.filtered.count !== data.totals.count
          ? ` · ${t("totals.filtered", { numerator: number(data.filtered.numerator), denominator: number(data.filtered.denominator) })}`
          : null}
      </p>
    </div>
  );
}
