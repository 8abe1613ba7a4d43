"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { formatNumber, formatRate, percentileToPercent } from "@/lib/scores/format";
import { CohortReachNote } from "./CohortReachNote";
import type { DimensionExplanation, IndicatorExplanation, ScoreEntityKind } from "./types";
import { useBilingual } from "./use-bilingual";

export type IndicatorTableProps = {
  dimensions: readonly DimensionExplanation[];
  kind: ScoreEntityKind;
  /** 一级类目 code → label in the user's language. */
  categoryLabel: (code: string) => string;
  /** Below this many peers in the category, the cohort falls back to every category. */
  cohortMinSize: number;
  /** Where the facts behind an indicator's numerator and denominator are listed (the drill-down). */
  factsHref?: (code: string) => string;
};

/** Every indicator: value, peer percentile, cohort, weight and contribution, and the raw numbers. */
export function IndicatorTable({ dimensions, kind, categoryLabel, cohortMinSize, factsHref }: IndicatorTableProps) {
  const t = useTranslations("scores.indicator");
  const { primary, secondary } = useBilingual();
  return (
    <div className="space-y-5">
      {dimensions.map((d) => (
        <section key={d.code} aria-labelledby={`score-indicators-${d.code}`}>
          <h3 id={`score-indicators-${d.code}`} className="mb-2 text-sm font-semibold text-zinc-800">
            {primary(d)} <span className="font-normal text-zinc-500">{secondary(d)}</span>
          </h3>
          <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white">
            {d.indicators.map((indicator) => (
              <IndicatorRow key={indicator.code} indicator={indicator} kind={kind} categoryLabel={categoryLabel} cohortMinSize={cohortMinSize} factsHref={factsHref} />
            ))}
          </ul>
        </section>
      ))}
      <p className="text-xs text-zinc-500">{t("footnote")}</p>
    </div>
  );
}

function IndicatorRow({ indicator: i, kind, categoryLabel, cohortMinSize, factsHref }: { indicator: IndicatorExplanation } & Omit<IndicatorTableProps, "dimensions">) {
  const t = useTranslations("scores.indicator");
  const tFacts = useTranslations("insight");
  const { primary, secondary, locale } = useBilingual();
  const value = formatValue(i, locale, t);
  const ranked = !i.missing && i.percentile !== null;

  let cohort = "—";
  if (ranked && i.cohortSize !== null) {
    cohort = i.fallback || i.cohortCategory === null
      ? t("cohortFallback", { size: i.cohortSize, min: cohortMinSize, kind })
      : t("cohort", { category: categoryLabel(i.cohortCategory), size: i.cohortSize, kind });
  }

  return (
    <li data-testid={`score-indicator-${i.code}`} className="p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="min-w-0 font-medium text-zinc-900">
          {primary(i)} <span className="text-sm font-normal text-zinc-500">({secondary(i)})</span>
        </p>
        <p className={i.missing ? "text-sm text-zinc-500" : "text-lg font-semibold text-zinc-900 tabular-nums"}>{i.missing ? t("missing") : value}</p>
      </div>
      <div className="mt-0.5 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="text-xs text-zinc-500">{i.better === "higher" ? t("higherBetter") : t("lowerBetter")}</p>
        {factsHref && !i.missing ? (
          <Link
            href={factsHref(i.code)}
            data-testid={`score-indicator-facts-${i.code}`}
            aria-label={tFacts("openFactsLabel", { indicator: primary(i) })}
            className="text-xs font-medium text-rose-700 hover:underline"
          >
            {tFacts("openFacts")} · <span className="tabular-nums">{fraction(i.numerator, i.denominator, locale, 2)}</span>
          </Link>
        ) : null}
      </div>
      <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-3">
        <div className="flex justify-between gap-3 sm:block">
          <dt className="text-zinc-500">{t("peers")}</dt>
          <dd className="text-right font-medium text-zinc-900 sm:text-left">
            {ranked && i.percentile !== null ? t("beats", { percent: percentileToPercent(i.percentile) }) : i.missing ? "—" : t("noPercentile")}
          </dd>
        </div>
        <div className="flex justify-between gap-3 sm:block">
          <dt className="text-zinc-500">{t("cohortLabel")}</dt>
          <dd className="text-right text-zinc-800 sm:text-left">
            {cohort}
            {ranked ? <CohortReachNote reach={i.cohort} kind={kind} testId={`score-cohort-reach-${i.code}`} /> : null}
          </dd>
        </div>
        {i.band !== undefined && i.band !== null ? (
          <div className="flex justify-between gap-3 sm:block" data-testid={`score-indicator-band-${i.code}`}>
            <dt className="text-zinc-500">{t("bandLabel")}</dt>
            <dd className="text-right font-medium text-zinc-900 sm:text-left">
              {t("band", { points: formatNumber(i.band, locale, 1, 0) })}
              {i.protected ? <span className="ml-1 rounded bg-sky-50 px-1.5 py-0.5 text-xs font-normal text-sky-800">{t("protected", { events: i.badEvents ?? 0 })}</span> : null}
              {i.bandSource ? <span className="block text-xs font-normal text-zinc-500">{t(`source.${i.bandSource}`)}</span> : null}
            </dd>
          </div>
        ) : null}
        <div className="flex justify-between gap-3 sm:block">
          <dt className="text-zinc-500">{t("weightLabel")}</dt>
          <dd className="text-right text-zinc-800 sm:text-left">
            {i.weight !== null && i.overallWeight !== null
              ? t("weight", { weight: formatRate(i.weight, locale), overall: formatRate(i.overallWeight, locale) })
              : i.missing
                ? t("excluded")
                : "—"}
            {i.contribution !== null ? (
              <span className="block text-xs text-zinc-600">{t("contribution", { points: `+${formatNumber(i.contribution, locale, 3, 3)}` })}</span>
            ) : null}
          </dd>
        </div>
      </dl>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-xs font-medium text-rose-700 hover:underline">{t("details")}</summary>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md bg-zinc-50 p-3 text-xs text-zinc-700">
          <dt>{i.kind === "rate" ? t("numeratorDenominator") : t(i.unit === "seconds" ? "secondsCount" : i.unit === "stars" ? "starsCount" : i.unit === "points" ? "pointsCount" : "hoursCount")}</dt>
          <dd className="tabular-nums">
            {factsHref ? (
              <Link href={factsHref(i.code)} className="text-rose-700 hover:underline" data-testid={`score-indicator-fraction-${i.code}`}>
                {fraction(i.numerator, i.denominator, locale, 2)}
              </Link>
            ) : (
              fraction(i.numerator, i.denominator, locale, 2)
            )}
          </dd>
          <dt>{t("unweighted")}</dt>
          <dd className="tabular-nums">{fraction(i.unweightedNumerator, i.unweightedDenominator, locale, 1)}</dd>
          <dt>{t("window")}</dt>
          <dd className="tabular-nums">{t("windowDays", { from: i.windowFirstDay, to: i.windowLastDay })}</dd>
          {i.percentile !== null ? (
            <>
              <dt>{t("percentile")}</dt>
              <dd className="tabular-nums">{formatNumber(i.percentile, locale, 4, 4)}</dd>
            </>
          ) : null}
          <dt>{t("code")}</dt>
          <dd className="font-mono">{i.code}</dd>
        </dl>
      </details>
    </li>
  );
}

type Translate = ReturnType<typeof useTranslations>;

/** A value in its unit: a share, hours, seconds, stars or points (the 5-point rule sets: a rate is a share, a mean hours). */
function formatValue(i: IndicatorExplanation, locale: string, t: Translate): string {
  if (i.value === null) return t("missing");
  const unit = i.unit ?? (i.kind === "rate" ? "ratio" : "hours");
  if (unit === "ratio") return formatRate(i.value, locale);
  if (unit === "stars") return t("stars", { value: formatNumber(i.value, locale, 2, 2) });
  if (unit === "seconds") return t("seconds", { value: formatNumber(i.value, locale, 1, 0) });
  if (unit === "points") return t("points", { value: formatNumber(i.value, locale, 1, 1) });
  return t("hours", { value: formatNumber(i.value, locale, 1, 1) });
}

function fraction(numerator: number | null, denominator: number | null, locale: string, decimals: number): string {
  if (numerator === null || denominator === null) return "—";
  return `${formatNumber(numerator, locale, decimals)} / ${formatNumber(denominator, locale, decimals)}`;
}
