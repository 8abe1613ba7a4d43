"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useCategories } from "@/components/catalog/use-categories";
import { useOrg } from "@/components/layout/org-context";
import { Button } from "@/components/ui/button";
import { DatePicker } from "@/components/ui/date-picker";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { scoredEntityKinds } from "@/lib/contracts/entities";
import { formatNumber } from "@/lib/scores/format";
import { CohortReachNote } from "./CohortReachNote";
import { CurrentRulesSummary } from "./CurrentRulesSummary";
import { AsOfBanner, DataCoverageNotice } from "./DataCoverageNotice";
import { DimensionScores } from "./DimensionScores";
import { IndicatorTable } from "./IndicatorTable";
import { InsufficientData } from "./InsufficientData";
import { RECALCULATING_REFETCH_MS, RecalculatingNotice } from "./RecalculatingNotice";
import { RuleSetComparison, useRuleSetLabel } from "./RuleSetComparison";
import { ScoreBadge } from "./ScoreBadge";
import { ScoreHistoryChart } from "./ScoreHistoryChart";
import { ThresholdCallout } from "./ThresholdCallout";
import type { EntityScoreData, ScoreEntityKind } from "./types";
import { useAsOfDay } from "./use-as-of-day";
import { useEntityScoreOptions } from "./use-entity-score-options";
import { useRuleSetComparison } from "./use-rule-set-comparison";
import { useBilingual } from "./use-bilingual";
import { ForecastNote } from "@/components/insight/ForecastNote";
import { InsightPanels } from "@/components/insight/InsightPanels";
import { useEntityForecast } from "@/components/insight/use-entity-forecast";

/** While there is no score yet (scoring runs in the background after an import), look again. */
const WAITING_REFETCH_MS = 15_000;

/**
 * 商家体验分 / 带货口碑分 of one shop or creator account: overall, thresholds, dimensions, history,
 * indicators, as of the latest day or the day in the URL (`?date=`), in one request.
 */
export function EntityScorePanel({ kind, id }: { kind: ScoreEntityKind; id: string }) {
  const t = useTranslations("scores");
  const [asOf, setAsOf] = useAsOfDay();
  const options = useEntityScoreOptions(kind, id);
  const score = useQuery({
    ...options,
    // A past day's score is computed once and does not change; the latest is waited for.
    refetchInterval: (query) => {
      if (query.state.data?.recalculating) return RECALCULATING_REFETCH_MS;
      return !asOf && query.state.data && query.state.data.latest === null ? WAITING_REFETCH_MS : false;
    },
  });
  const recalculating = score.data?.recalculating === true;
  const headingId = `score-panel-${kind}-${id}`;

  let body;
  if (score.isPending) {
    body = <PageSpinner label={t(asOf ? "loadingAsOf" : "loading", { day: asOf ?? "" })} />;
  } else if (score.isError) {
    body = (
      <EmptyState
        title={t("loadFailed")}
        description={score.error.message}
        action={
          <Button variant="secondary" loading={score.isFetching} onClick={() => void score.refetch()}>
            {t("retry")}
          </Button>
        }
      />
    );
  } else if (score.data.latest === null) {
    body = asOf ? <EmptyState title={t("emptyAsOfTitle", { day: asOf })} description={t("emptyAsOfBody")} /> : <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />;
  } else {
    body = <ScoreContent kind={kind} data={score.data} latest={score.data.latest} asOf={asOf} />;
  }

  return (
    <section aria-labelledby={headingId} data-testid="score-panel" className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={headingId} className="text-lg font-semibold text-zinc-900">
            {t(`title.${kind}`)}
          </h2>
          <p className="mt-0.5 text-sm text-zinc-600">{t(`lead.${kind}`)}</p>
        </div>
        <DatePicker
          value={asOf}
          onChange={setAsOf}
          placeholder={t("asOfLatest")}
          label={t("asOfLabel")}
          min={score.data?.coverage?.first}
          max={score.data?.today}
          testId="score-date-picker"
        />
      </div>
      {asOf ? <AsOfBanner day={asOf} onLatest={() => setAsOf(null)} /> : null}
      {score.data?.coverage ? <DataCoverageNotice coverage={score.data.coverage} asOf={asOf} onViewAsOf={setAsOf} /> : null}
      {recalculating ? <RecalculatingNotice /> : null}
      <div aria-busy={recalculating || score.isFetching} className={recalculating ? "opacity-60" : undefined}>
        {body}
      </div>
    </section>
  );
}

function ScoreContent({ kind, data, latest, asOf }: { kind: ScoreEntityKind; data: EntityScoreData; latest: NonNullable<EntityScoreData["latest"]>; asOf: string | null }) {
  const t = useTranslations("scores");
  const format = useFormatter();
  const categories = useCategories();
  const { orgId } = useOrg();
  const { english, locale } = useBilingual();
  const x = latest.explanation;
  const shown = x.state === "scored" && x.overallShown !== null ? { shown: x.overallShown, band: x.band } : null;
  const ruleSetLabel = english ? x.ruleSet.labelEn : x.ruleSet.labelZh;
  // Forecast, what-if and gap speak of the newest day: a page showing an earlier day leaves them out.
  const outlook = !asOf;
  const forecast = useEntityForecast(kind, data.entity.id, latest.computedAt, outlook);
  // 对比规则 (shops): the days up to the one shown, recomputed under another 100-point or SPS rule set.
  const comparison = useRuleSetComparison(kind === "shop" ? data.entity.id : null, asOf);
  const labelOfRuleSet = useRuleSetLabel();
  const compared = comparison.ruleSet !== "" ? comparison.query.data : undefined;
  // On a 5-point shop's axis the other rule set's 5-point display is a second line.
  const comparisonLine =
    compared && !x.current ? { label: t("compare.seriesName", { ruleSet: labelOfRuleSet(compared.ruleSet.name) }), points: compared.days.map((d) => ({ day: d.day, value: d.score5 })) } : undefined;

  let beats: string | null = null;
  if (shown && x.beatsPercent !== null) {
    const percent = formatNumber(x.beatsPercent, locale, 1);
    const peers = x.beatsCohortSize ?? 0;
    beats = x.beatsFallback
      ? t("overall.beatsFallback", { percent, peers, kind, min: x.ruleSet.cohortMinSize })
      : t("overall.beats", { percent, peers, kind, category: categories.labelOf(x.categoryCode) });
  }

  return (
    <div className="space-y-5">
      <div className="grid gap-4 rounded-lg border border-zinc-200 bg-white p-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
        <div className="min-w-0">
          <p className="text-sm text-zinc-600">{t("overall.label")}</p>
          <div className="mt-1">
            <ScoreBadge score={shown} scale={x.ruleSet} size="lg" testId="score-overall" />
          </div>
          {beats ? (
            <p data-testid="score-beats" className="mt-2 text-sm font-medium text-zinc-900">
              {beats}
              <CohortReachNote reach={x.beatsCohort} kind={kind} testId="score-beats-reach" />
            </p>
          ) : null}
          <dl className="mt-3 space-y-1 text-xs text-zinc-600">
            <div className="flex flex-wrap gap-x-1">
              <dt>{t("overall.asOf")}</dt>
              <dd className="tabular-nums">{t("overall.asOfValue", { day: latest.day })}</dd>
            </div>
            <div className="flex flex-wrap gap-x-1">
              <dt>{t("overall.computedAt")}</dt>
              <dd>{format.dateTime(latest.computedAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
            </div>
            <div className="flex flex-wrap gap-x-1">
              <dt>{t("overall.ruleSet")}</dt>
              <dd>
                {ruleSetLabel} <span className="font-mono">({x.ruleSet.name})</span>
              </dd>
            </div>
            <div className="flex flex-wrap gap-x-1">
              <dt>{t("overall.validOrders")}</dt>
              <dd className="tabular-nums">{t("overall.validOrdersValue", { count: x.validOrders })}</dd>
            </div>
          </dl>
          {kind === "creator" ? <p className="mt-3 text-xs text-zinc-500">{t("creatorEstimate")}</p> : null}
          {x.dimensionWeightsOverridden ? <p className="mt-2 text-xs text-zinc-500">{t("weightsOverridden")}</p> : null}
        </div>
        <div className="min-w-0">
          {shown ? (
            <ThresholdCallout score={shown} scale={x.ruleSet} />
          ) : (
            <InsufficientData validOrders={x.validOrders} minValidOrders={x.ruleSet.minValidOrders} />
          )}
        </div>
      </div>

      {x.current ? <CurrentRulesSummary current={x.current} thresholds={data.currentThresholds} /> : null}

      <DimensionScores dimensions={x.dimensions} scale={x.ruleSet} />

      <ScoreHistoryChart
        kind={kind}
        entityId={data.entity.id}
        history={data.history}
        dimensions={data.dimensions}
        annotations={data.annotations}
        scale={x.ruleSet}
        forecast={outlook ? forecast.data?.forecast?.days : undefined}
        comparison={comparisonLine}
      />
      {kind === "shop" ? <RuleSetComparison comparison={comparison} ownRuleSet={x.ruleSet.name} ownScale={x.ruleSet} history={data.history} /> : null}
      {outlook ? <ForecastNote data={forecast.data} /> : null}
      {/* What-if, gap and outlook work on the 5-point rules' indicators. */}
      {outlook && x.state === "scored" && !x.current ? <InsightPanels kind={kind} id={data.entity.id} explanation={x} /> : null}

      <section aria-labelledby={`score-indicators-${kind}`}>
        <h3 id={`score-indicators-${kind}`} className="mb-3 text-base font-semibold text-zinc-900">
          {t("indicatorsTitle")}
        </h3>
        <IndicatorTable
          dimensions={x.dimensions}
          kind={kind}
          categoryLabel={categories.labelOf}
          cohortMinSize={x.ruleSet.cohortMinSize}
          factsHref={x.current ? undefined : (code) => `/o/${orgId}/${scoredEntityKinds[kind].plural}/${data.entity.id}/indicators/${code}?day=${latest.day}`}
        />
      </section>
    </div>
  );
}
