"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useBilingual } from "@/components/scores/use-bilingual";
import { Card } from "@/components/ui/card";
import { Table, type Column } from "@/components/ui/table";
import type { HurtIndicator } from "@/lib/contracts/voc";

/** One drill-down: a table under the name of the indicator it hurts, as the rule set names it. */
export function DrillDownTable<Row>({
  title,
  indicator,
  window,
  rows,
  columns,
  rowKey,
  empty,
  testId,
}: {
  title: string;
  indicator: HurtIndicator;
  window: { fromDay: string; toDay: string };
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  empty: ReactNode;
  testId: string;
}) {
  const t = useTranslations("voc.drill");
  const bilingual = useBilingual();
  return (
    <Card
      title={title}
      testId={testId}
      description={
        <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span data-testid={`${testId}-indicator`} data-indicator={indicator.code}>
            {t("hurts")}
            {/* To the indicator's dimension in the score tab, where its value and percentile are explained. */}
            <Link href={`?tab=score#score-indicators-${indicator.dimension}`} className="underline-offset-2 hover:underline">
              <span className="font-medium text-zinc-800">{bilingual.primary(indicator)}</span>{" "}
              <span className="text-zinc-500">{bilingual.secondary(indicator)}</span>
            </Link>
          </span>
          <span className="text-zinc-400">·</span>
          <span>{t("window", { from: window.fromDay, to: window.toDay })}</span>
        </span>
      }
    >
      {rows.length === 0 ? <p className="text-sm text-zinc-600">{empty}</p> : <Table rows={rows} columns={columns} rowKey={rowKey} caption={title} testId={`${testId}-table`} />}
    </Card>
  );
}
