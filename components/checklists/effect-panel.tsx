"use client";

import { useLocale, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import type { EffectPanel as EffectPanelData } from "@/lib/contracts/checklists";
import { formatDay, formatNumber, formatRate, percentileToPercent } from "@/lib/scores/format";

type Row = { key: string; label: string; kind: "score" | "rate" | "mean"; read: (c: EffectPanelData["columns"][number]) => { value: number | null; percentile?: number | null } };

/**
 * Start versus 7, 14 and 30 days: each number as recorded at its checkpoint, with its change since
 * the start; a checkpoint still to come says when it will be recorded. Numbers are the stored ones.
 */
export function EffectPanel({ effect }: { effect: EffectPanelData }) {
  const t = useTranslations("checklists");
  const locale = useLocale();
  const start = effect.columns[0];
  const rows: Row[] = [
    { key: "overall", label: t("effect.overall"), kind: "score", read: (c) => ({ value: c.snapshot?.overall ?? null }) },
    ...effect.dimensions.map((code): Row => ({
      key: `dimension-${code}`,
      label: t.has(`dimension.${code}`) ? t(`dimension.${code}`) : code,
      kind: "score",
      read: (c) => ({ value: c.snapshot?.dimensions[code] ?? null }),
    })),
    ...effect.indicators.map((indicator): Row => ({
      key: `indicator-${indicator.code}`,
      label: locale.startsWith("zh") ? `${indicator.nameZh} ${indicator.nameEn}` : `${indicator.nameEn} ${indicator.nameZh}`,
      kind: indicator.kind,
      read: (c) => c.snapshot?.indicators[indicator.code] ?? { value: null, percentile: null },
    })),
  ];
  const show = (kind: Row["kind"], value: number) => (kind === "rate" ? formatRate(value, locale) : formatNumber(value, locale, 2, kind === "score" ? 2 : 0));
  const showChange = (kind: Row["kind"], change: number) => {
    const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
    if (kind === "rate") return `${sign}${formatNumber(Math.abs(change) * 100, locale, 2)} pp`;
    return `${sign}${formatNumber(Math.abs(change), locale, 2)}`;
  };
  return (
    <Card title={t("effect.title")} description={t("effect.description")} testId="effect-panel" flush>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-sm">
          <thead className="bg-zinc-50 text-left text-xs text-zinc-500">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">{t("effect.number")}</th>
              {effect.columns.map((c) => (
                <th key={c.offsetDays} scope="col" className="px-4 py-2 text-right font-medium">
                  {c.offsetDays === 0 ? t("effect.start") : t("effect.afterDays", { days: c.offsetDays })}
                  <span className="block font-normal tabular-nums">{formatDay(c.day, locale, true)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {rows.map((row) => {
              const before = start ? row.read(start).value : null;
              return (
                <tr key={row.key} data-testid={`effect-row-${row.key}`}>
                  <th scope="row" className="px-4 py-2 text-left font-medium text-zinc-800">{row.label}</th>
                  {effect.columns.map((c) => {
                    if (c.pending) {
                      return (
                        <td key={c.offsetDays} className="px-4 py-2 text-right text-xs text-zinc-400" data-testid={`effect-pending-${c.offsetDays}`}>
                          {t("effect.pending", { day: formatDay(c.day, locale, true) })}
                        </td>
                      );
                    }
                    const { value, percentile } = row.read(c);
                    const change = c.offsetDays > 0 && value !== null && before !== null ? Number((value - before).toFixed(6)) : null;
                    return (
                      <td key={c.offsetDays} className="px-4 py-2 text-right tabular-nums">
                        {value === null ? <span className="text-zinc-400">{t("effect.noData")}</span> : show(row.kind, value)}
                        {change !== null ? (
                          <span className={change === 0 ? "block text-xs text-zinc-500" : "block text-xs text-zinc-700"} data-testid="effect-change">
                            {showChange(row.kind, change)}
                          </span>
                        ) : null}
                        {percentile !== null && percentile !== undefined ? (
                          <span className="block text-xs text-zinc-500">{t("effect.percentile", { percent: percentileToPercent(percentile) })}</span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            <tr data-testid="effect-row-handled">
              <th scope="row" className="px-4 py-2 text-left font-medium text-zinc-800">{t("effect.handled")}</th>
              {effect.columns.map((c) => (
                <td key={c.offsetDays} className="px-4 py-2 text-right text-xs tabular-nums text-zinc-600">
                  {c.handled ? t("effect.handledValue", { reviews: c.handled.reviewsResolved, appeals: c.handled.appealsUpheld }) : "—"}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </Card>
  );
}
