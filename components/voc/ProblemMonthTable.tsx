"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import { Sparkline } from "@/components/ui/sparkline";
import { Table, type Column } from "@/components/ui/table";
import type { ProblemType } from "@/lib/contracts/voc";
import type { VocProblems } from "./types";
import { PROBLEM_COLOURS, useVocLabels } from "./use-voc-labels";

type Row = { problemType: ProblemType; total: number; byMonth: Record<string, number> };
export type ProblemSelection = { problemType: ProblemType; month: string };

/** Top problems with a count per month (each a link to the feedback behind it) and their trend. */
export function ProblemMonthTable({ data, selected, onSelect }: { data: VocProblems; selected: ProblemSelection | null; onSelect: (selection: ProblemSelection) => void }) {
  const t = useTranslations("voc.monthly");
  const labels = useVocLabels();
  const rows: Row[] = data.totals
    .filter((x) => x.total > 0)
    .map(({ problemType, total }) => ({
      problemType,
      total,
      byMonth: Object.fromEntries(data.counts.filter((c) => c.problemType === problemType).map((c) => [c.month, c.reviews + c.afterSales])),
    }));
  const highest = Math.max(1, ...data.counts.map((c) => c.reviews + c.afterSales));

  const columns: Column<Row>[] = [
    {
      key: "problem",
      header: t("problem"),
      primary: true,
      cell: (row) => (
        <span className="inline-flex items-center gap-2 font-medium text-zinc-900">
          <span aria-hidden className="size-2.5 shrink-0 rounded-full" style={{ backgroundColor: PROBLEM_COLOURS[row.problemType] }} />
          {labels.problem(row.problemType)}
        </span>
      ),
    },
    ...data.months.map(
      (month): Column<Row> => ({
        key: month,
        header: labels.month(month),
        align: "end",
        cell: (row) => {
          const count = row.byMonth[month] ?? 0;
          if (count === 0) return <span className="text-zinc-400">0</span>;
          const isSelected = selected?.problemType === row.problemType && selected.month === month;
          return (
            <button
              type="button"
              data-testid={`voc-count-${row.problemType}-${month}`}
              aria-pressed={isSelected}
              aria-label={t("open", { count, problem: labels.problem(row.problemType), month: labels.month(month) })}
              onClick={() => onSelect({ problemType: row.problemType, month })}
              className={clsx(
                "min-w-8 rounded px-1.5 py-0.5 font-medium tabular-nums underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-rose-600",
                isSelected ? "bg-rose-600 text-white" : "text-rose-700",
              )}
            >
              {count}
            </button>
          );
        },
      }),
    ),
    { key: "total", header: t("total"), align: "end", cell: (row) => <span className="font-semibold tabular-nums">{row.total}</span> },
    {
      key: "trend",
      header: t("trend"),
      align: "end",
      cell: (row) => (
        <Sparkline
          values={data.months.map((month) => row.byMonth[month] ?? 0)}
          min={0}
          max={highest}
          label={t("trendTitle", { problem: labels.problem(row.problemType) })}
          width={80}
          testId={`voc-trend-${row.problemType}`}
        />
      ),
    },
  ];

  return <Table rows={rows} columns={columns} rowKey={(row) => row.problemType} caption={t("title")} testId="voc-month-table" />;
}
