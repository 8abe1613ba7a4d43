"use client";

import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import type { VocProblems } from "./types";
import { PROBLEM_COLOURS, useVocLabels } from "./use-voc-labels";

/** Per problem type, the products it is heard about most. */
export function ProblemProducts({ data }: { data: VocProblems }) {
  const t = useTranslations("voc.products");
  const labels = useVocLabels();
  const groups = data.products.filter((group) => group.products.length > 0);
  if (groups.length === 0) return null;
  return (
    <Card title={t("title")} description={t("lead", { months: data.months.length })} testId="voc-products">
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {groups.map((group) => (
          <div key={group.problemType} className="min-w-0">
            <dt className="flex items-center gap-2 text-sm font-medium text-zinc-900">
              <span aria-hidden className="size-2.5 rounded-full" style={{ backgroundColor: PROBLEM_COLOURS[group.problemType] }} />
              {labels.problem(group.problemType)}
            </dt>
            <dd>
              <ol className="mt-1 space-y-0.5 text-sm">
                {group.products.map((product) => (
                  <li key={product.productKey ?? ""} className="flex justify-between gap-3">
                    <span className="truncate text-zinc-700">{product.productName ?? product.productKey ?? t("unnamed")}</span>
                    <span className="shrink-0 text-zinc-500 tabular-nums">{t("mentions", { count: product.count })}</span>
                  </li>
                ))}
              </ol>
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
