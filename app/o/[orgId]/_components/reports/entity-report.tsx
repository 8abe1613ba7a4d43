"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useCategories } from "@/components/catalog/use-categories";
import { ForecastNote } from "@/components/insight/ForecastNote";
import { GapPanel } from "@/components/insight/GapPanel";
import { useEntityForecast } from "@/components/insight/use-entity-forecast";
import { useOrg } from "@/components/layout/org-context";
import { DimensionScores } from "@/components/scores/DimensionScores";
import { InsufficientData } from "@/components/scores/InsufficientData";
import { ScoreBadge } from "@/components/scores/ScoreBadge";
import { ScoreHistoryChart } from "@/components/scores/ScoreHistoryChart";
import type { EntityScoreData } from "@/components/scores/types";
import { useBilingual } from "@/components/scores/use-bilingual";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { scoredEntityKinds, type ScoredEntityKind } from "@/lib/contracts/entities";
import { formatNumber } from "@/lib/scores/format";
import { useTRPC } from "@/lib/trpc-client";
import { EntityExportMenu } from "./entity-export-menu";
import { ReportIndicators } from "./report-indicators";
import { ReportThresholds } from "./report-thresholds";
import { useReportReady } from "./use-report-ready";

/**
 * The printable report of one shop or creator account (A4, print CSS): overall and dimension
 * scores with their bands and the rule set's thresholds, every indicator, the history with its
 * threshold lines and annotations, the forecast and the gap to the next threshold, the data's
 * coverage. Every number is the stored explanation's. The PDF export is this page printed by
 * headless Chromium, which waits for data-report-ready.
 */
export function EntityReport({ kind, id }: { kind: ScoredEntityKind; id: string }) {
  const t = useTranslations("reports.page");
  const trpc = useTRPC();
  const { orgId } = useOrg();
  const score = useQuery(kind === "shop" ? trpc.scores.shop.queryOptions({ id }) : trpc.scores.creator.queryOptions({ id }));
  const latest = score.data?.latest ?? null;
  const forecast = useEntityForecast(kind, id, latest?.computedAt ?? null, latest !== null);
  const ready = useReportReady(score.isSuccess && (latest === null || !forecast.isPending), score.isError);
  const entityHref = `/o/${orgId}/${scoredEntityKinds[kind].plural}/${id}`;

  let body: ReactNode;
  if (score.isPending) body = <PageSpinner label={t("loading")} />;
  else if (score.isError) body = <EmptyState title={t("loadFailed")} description={score.error.message} />;
  else if (!latest) body = <EmptyState title={t("noScoreTitle")} description={t("noScoreBody")} />;
  else body = <ReportBody kind={kind} data={score.data} latest={latest} forecast={forecast.data} />;

  return (
    <article data-testid="entity-report" data-report-ready={ready} className="report-page mx-auto max-w-4xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2 print:hidden">
        <Link href={entityHref} className="text-sm text-zinc-600 hover:underline">
          ← {t("back")}
        </Link>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" data-testid="report-print" onClick={() => window.print()}>
            {t("print")}
          </Button>
          <EntityExportMenu kind={kind} id={id} />
        </div>
      </div>
      {body}
    </article>
  );
}

type Latest = NonNullable<EntityScoreData["latest"]>;

function ReportBody({ kind, data, latest, forecast }: { kind: ScoredEntityKind; data: EntityScoreData; latest: Latest; forecast: ReturnType<typeof useEntityForecast>["data"] }) {
  const t = useTranslations("reports.page");
  const tScores = useTranslations("scores");
  const format = useFormatter();
  const categories = useCategories();
  const { org } = useOrg();
  const { english, locale, primary } = useBilingual();
  const x = latest.explanation;
  const shown = x.state === "scored" && x.overallShown !== null ? { shown: x.overallShown, band: x.band } : null;
  const names = new Map(x.dimensions.flatMap((d) => d.indicators.map((i) => [i.code, primary(i)] as const)));
  const facts: [string, string][] = [
    [t("facts.organisation"), org.name],
    [t(`facts.externalId.${kind}`), data.entity.externalId],
    [t("facts.category"), categories.labelOf(data.entity.categoryCode)],
    [t("facts.ruleSet"), `${english ? x.ruleSet.labelEn : x.ruleSet.labelZh} (${x.ruleSet.name})`],
    [t("facts.day"), latest.day],
    [t("facts.computedAt"), format.dateTime(new Date(latest.computedAt), { dateStyle: "medium", timeStyle: "short" })],
    [t("facts.validOrders"), tScores("overall.validOrdersValue", { count: x.validOrders })],
    [t("facts.coverage"), data.coverage ? tScores("coverage.covers", { first: data.coverage.first, last: data.coverage.last }) : t("facts.noFacts")],
  ];
  return (
    <>
      <header className="border-b border-zinc-200 pb-4">
        <p className="text-sm text-zinc-500">{t(`kicker.${kind}`)}</p>
        <h1 className="mt-1 text-2xl font-semibold break-words text-zinc-900">{data.entity.name}</h1>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          {facts.map(([label, value]) => (
            <div key={label} className="flex justify-between gap-3 sm:justify-start">
              <dt className="text-zinc-500">{label}</dt>
              <dd className="text-right break-all text-zinc-900 sm:text-left">{value}</dd>
            </div>
          ))}
        </dl>
      </header>

      <section className="grid gap-4 break-inside-avoid sm:grid-cols-2" aria-label={t("overallTitle")}>
        <div className="rounded-lg border border-zinc-200 bg-white p-4">
          <h2 className="text-sm font-semibold text-zinc-900">{tScores(`title.${kind}`)}</h2>
          <div className="mt-2">
            <ScoreBadge score={shown} scale={x.ruleSet} size="lg" testId="report-overall" />
          </div>
          {shown && x.beatsPercent !== null ? (
            <p className="mt-2 text-sm text-zinc-800">{t("beats", { percent: formatNumber(x.beatsPercent, locale, 1), peers: x.beatsCohortSize ?? 0, kind })}</p>
          ) : null}
          {!shown ? <InsufficientData validOrders={x.validOrders} minValidOrders={x.ruleSet.minValidOrders} /> : null}
        </div>
        <div className="rounded-lg border border-zinc-200 bg-white p-4">
          <h2 className="mb-2 text-sm font-semibold text-zinc-900">{t("thresholdsTitle")}</h2>
          <ReportThresholds score={shown} scale={x.ruleSet} />
        </div>
      </section>

      <section className="break-inside-avoid" aria-label={t("dimensionsTitle")}>
        <h2 className="mb-2 text-base font-semibold text-zinc-900">{t("dimensionsTitle")}</h2>
        <DimensionScores dimensions={x.dimensions} scale={x.ruleSet} />
      </section>

      <section className="break-inside-avoid space-y-3" aria-label={t("historyTitle")}>
        <ScoreHistoryChart
          kind={kind}
          entityId={data.entity.id}
          history={data.history}
          dimensions={data.dimensions}
          annotations={data.annotations}
          scale={x.ruleSet}
          forecast={forecast?.forecast?.days}
        />
        <ForecastNote data={forecast} />
      </section>

      {x.state === "scored" ? (
        <section className="break-inside-avoid" aria-label={t("gapTitle")}>
          <GapPanel kind={kind} id={data.entity.id} scale={x.ruleSet} shownNow={x.overallShown} nameOf={(code) => names.get(code) ?? code} />
        </section>
      ) : null}

      <section aria-label={t("indicatorsTitle")}>
        <h2 className="mb-2 text-base font-semibold text-zinc-900">{t("indicatorsTitle")}</h2>
        <ReportIndicators dimensions={x.dimensions} />
      </section>

      <p className="text-xs text-zinc-500">{t("footer", { day: latest.day })}</p>
    </>
  );
}
