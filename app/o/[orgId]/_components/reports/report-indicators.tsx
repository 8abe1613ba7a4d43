"use client";

import { useTranslations } from "next-intl";
import { Table, type Column } from "@/components/ui/table";
import type { DimensionExplanation, IndicatorExplanation } from "@/lib/contracts/explanation";
import { useBilingual } from "@/components/scores/use-bilingual";
import { formatNumber, formatRate, percentileToPercent } from "@/lib/scores/format";

/**
 * Every indicator of the stored explanation, a table per dimension: value, the share of peers it
 * beats, its weight in the overall and the points it contributes (what it costs or earns).
 */
export function ReportIndicators({ dimensions }: { dimensions: readonly DimensionExplanation[] }) {
  const t = useTranslations("reports.page.indicators");
  const tIndicator = useTranslations("scores.indicator");
  const { primary, secondary, locale } = useBilingual();
  const value = (i: IndicatorExplanation) => {
    if (i.missing || i.value === null) return tIndicator("missing");
    return i.kind === "rate" ? formatRate(i.value, locale) : tIndicator("hours", { value: formatNumber(i.value, locale, 1, 1) });
  };
  const columns: Column<IndicatorExplanation>[] = [
    {
      key: "name",
      header: t("name"),
      primary: true,
      cell: (i) => (
        <span>
          {primary(i)} <span className="text-xs text-zinc-500">{secondary(i)}</span>
        </span>
      ),
    },
    { key: "value", header: t("value"), align: "end", cell: (i) => <span className="tabular-nums">{value(i)}</span> },
    {
      key: "percentile",
      header: t("percentile"),
      align: "end",
      cell: (i) => (i.percentile === null ? "—" : tIndicator("beats", { percent: percentileToPercent(i.percentile) })),
    },
    { key: "weight", header: t("weight"), align: "end", cell: (i) => (i.overallWeight === null ? "—" : formatRate(i.overallWeight, locale)) },
    {
      key: "contribution",
      header: t("contribution"),
      align: "end",
      cell: (i) => <span className="tabular-nums">{i.contribution === null ? "—" : formatNumber(i.contribution, locale, 3, 3)}</span>,
    },
    {
      key: "fraction",
      header: t("fraction"),
      align: "end",
      cell: (i) => (
        <span className="tabular-nums">{i.numerator === null || i.denominator === null ? "—" : `${formatNumber(i.numerator, locale, 2)} / ${formatNumber(i.denominator, locale, 2)}`}</span>
      ),
    },
  ];
  return (
    <div className="space-y-4">
      {dimensions.map((d) => (
        <section key={d.code} className="break-inside-avoid">
          <h3 className="mb-2 text-sm font-semibold text-zinc-800">
            {primary(d)} <span className="font-normal text-zinc-500">{secondary(d)}</span>
          </h3>
          <Table rows={d.indicators} columns={columns} rowKey={(i) => i.code} caption={primary(d)} testId={`report-indicators-${d.code}`} />
        </section>
      ))}
      <p className="text-xs text-zinc-500">{t("footnote")}</p>
    </div>
  );
}
