"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import { useTRPC } from "@/lib/trpc-client";
import { DrillDowns } from "./DrillDowns";
import { ProblemChart } from "./ProblemChart";
import { ProblemItems } from "./ProblemItems";
import { ProblemMonthTable, type ProblemSelection } from "./ProblemMonthTable";
import { ProblemProducts } from "./ProblemProducts";

/** 买家之声 Voice of the customer of a shop or creator account: problems per month, their feedback and products, and the drill-downs. */
export function VocPanel({ kind, id }: { kind: ScoredEntityKind; id: string }) {
  const t = useTranslations("voc");
  const trpc = useTRPC();
  const problems = useQuery(trpc.voc.problems.queryOptions({ kind, id }));
  const drill = useQuery(trpc.voc.drillDowns.queryOptions({ kind, id }));
  const [selection, setSelection] = useState<ProblemSelection | null>(null);
  const select = (next: ProblemSelection) => {
    setSelection(next);
    // The list opens under the table: bring it into view on a phone, where it is off screen.
    requestAnimationFrame(() => document.getElementById("voc-items")?.scrollIntoView({ behavior: "smooth", block: "nearest" }));
  };

  if (problems.isPending || drill.isPending) return <PageSpinner label={t("title")} />;
  if (problems.isError || drill.isError) return <EmptyState title={t("loadFailed")} description={(problems.error ?? drill.error)?.message} />;

  return (
    <div className="space-y-4" data-testid="voc-panel">
      <Card
        title={t("monthly.title")}
        description={t("lead")}
        actions={<Badge tone={problems.data.dictionary.custom ? "brand" : "neutral"}>{t(problems.data.dictionary.custom ? "dictionaryInUse.custom" : "dictionaryInUse.default")}</Badge>}
        testId="voc-monthly"
      >
        <div className="space-y-4">
          <ProblemChart data={problems.data} onSelect={(problemType, month) => select({ problemType, month })} />
          {problems.data.counts.length > 0 ? (
            <>
              <p className="text-sm text-zinc-600">{t("monthly.lead")}</p>
              <ProblemMonthTable data={problems.data} selected={selection} onSelect={select} />
            </>
          ) : null}
        </div>
      </Card>
      {selection ? <ProblemItems kind={kind} id={id} selection={selection} onClose={() => setSelection(null)} /> : null}
      <ProblemProducts data={problems.data} />
      <section aria-labelledby="voc-drill-title" className="space-y-3">
        <div>
          <h3 id="voc-drill-title" className="text-base font-semibold text-zinc-900">
            {t("drill.title")}
          </h3>
        </div>
        <DrillDowns data={drill.data} />
      </section>
    </div>
  );
}
