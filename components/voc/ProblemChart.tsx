"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { PROBLEM_TYPES, type ProblemType } from "@/lib/contracts/voc";
import type { VocProblems } from "./types";
import { PROBLEM_COLOURS, useVocLabels } from "./use-voc-labels";

type ChartRow = { month: string } & Partial<Record<ProblemType, number>>;

/** Problems per month as stacked bars (reviews and after-sales together), with a text summary for screen readers. */
export function ProblemChart({ data, onSelect }: { data: VocProblems; onSelect: (problemType: ProblemType, month: string) => void }) {
  const t = useTranslations("voc.monthly");
  const labels = useVocLabels();
  const rows: ChartRow[] = data.months.map((month) => {
    const row: ChartRow = { month };
    for (const count of data.counts.filter((c) => c.month === month)) row[count.problemType] = count.reviews + count.afterSales;
    return row;
  });
  const heard = PROBLEM_TYPES.filter((type) => data.counts.some((c) => c.problemType === type));
  const total = data.totals.reduce((sum, x) => sum + x.total, 0);
  const top = data.totals[0];
  const summary =
    total > 0 && top
      ? t("chartSummary", { months: data.months.length, total, top: labels.problem(top.problemType), topCount: top.total })
      : t("chartSummaryNone", { months: data.months.length });

  return (
    <figure data-testid="voc-chart">
      <figcaption data-testid="voc-chart-summary" className="mb-3 text-sm text-zinc-600">
        {summary}
      </figcaption>
      {total > 0 ? (
        <div aria-hidden="true" className="h-64 w-full sm:h-72">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
              <CartesianGrid stroke="#f4f4f5" vertical={false} />
              <XAxis dataKey="month" tickFormatter={labels.shortMonth} tick={{ fontSize: 12, fill: "#52525b" }} tickLine={false} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#52525b" }} tickLine={false} axisLine={false} width={44} />
              <Tooltip labelFormatter={(month) => labels.month(String(month))} contentStyle={{ fontSize: 12 }} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {heard.map((type) => (
                <Bar
                  key={type}
                  dataKey={type}
                  name={labels.problem(type)}
                  stackId="problems"
                  fill={PROBLEM_COLOURS[type]}
                  isAnimationActive={false}
                  cursor="pointer"
                  onClick={(entry: { payload?: ChartRow }) => entry.payload && onSelect(type, entry.payload.month)}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      ) : null}
    </figure>
  );
}
