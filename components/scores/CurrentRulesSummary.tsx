"use client";

import { useTranslations } from "next-intl";
import { formatNumber, formatRate } from "@/lib/scores/format";
import type { EntityScoreData, ScoreExplanation } from "./types";
import { useBilingual } from "./use-bilingual";

type Thresholds = NonNullable<EntityScoreData["currentThresholds"]>;

const STATUS_STYLE = {
  met: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  not_met: "bg-rose-50 text-rose-800 ring-rose-200",
  unknown: "bg-zinc-50 text-zinc-600 ring-zinc-200",
} as const;

/**
 * What the 100-point and SPS rules add to a score (scoring-current-rules.md): the stage, the score
 * as shoppers see it on the 5-point scale, bonuses and deductions, TikTok's service bars, and the
 * thresholds the shop meets on its stored days (精选联盟, campaigns, brand badge…).
 */
export function CurrentRulesSummary({ current, thresholds }: { current: NonNullable<ScoreExplanation["current"]>; thresholds: Thresholds | null }) {
  const t = useTranslations("scores.current");
  const { primary, locale } = useBilingual();
  const points = (value: number) => formatNumber(value, locale, 2, 0);
  return (
    <section aria-labelledby="score-current-rules" data-testid="score-current-rules" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-5">
      <h3 id="score-current-rules" className="text-base font-semibold text-zinc-900">
        {t("title")}
      </h3>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
        <div className="flex justify-between gap-3 sm:block">
          <dt className="text-zinc-500">{t("stageLabel")}</dt>
          <dd data-testid="score-current-stage" className="font-medium text-zinc-900">
            {t(`stage.${current.stage}`)}
          </dd>
        </div>
        {current.score5 !== null ? (
          <div className="flex justify-between gap-3 sm:block">
            <dt className="text-zinc-500">{t("score5Label")}</dt>
            <dd data-testid="score-current-score5" className="font-medium tabular-nums text-zinc-900">
              {formatNumber(current.score5, locale, 1, 1)}
            </dd>
          </div>
        ) : null}
        {current.penaltyEvents !== null ? (
          <div className="flex justify-between gap-3 sm:block">
            <dt className="text-zinc-500">{t("penaltiesLabel")}</dt>
            <dd className="tabular-nums text-zinc-900">{t("penalties", { count: current.penaltyEvents })}</dd>
          </div>
        ) : null}
      </dl>
      {current.stage === "growth" ? <p className="text-xs text-zinc-600">{t("growthNote")}</p> : null}
      {current.bonuses.length + current.deductions.length > 0 ? (
        <ul className="space-y-1 text-sm" data-testid="score-current-adjustments">
          {current.bonuses.map((b) => (
            <li key={`b-${b.code}`} className="flex justify-between gap-3">
              <span>{t(`bonus.${b.code}`)}</span>
              <span className="font-medium tabular-nums text-emerald-700">
                +{points(b.applied ?? b.points)}
                {b.dimension && b.applied !== undefined && b.applied < b.points ? <span className="ml-1 text-xs font-normal text-zinc-500">{t("capped", { points: points(b.points) })}</span> : null}
              </span>
            </li>
          ))}
          {current.deductions.map((d) => (
            <li key={`d-${d.code}`} className="flex justify-between gap-3">
              <span>{t(`deduction.${d.code}`, { events: d.events })}</span>
              <span className="font-medium tabular-nums text-rose-700">−{points(d.points)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {current.bars ? (
        <ul className="space-y-1 text-sm">
          {Object.entries(current.bars).map(([code, bar]) => (
            <li key={code} className="flex justify-between gap-3">
              <span>{t(`bar.${code}`)}</span>
              <span className={bar.pass === false ? "font-medium text-rose-700" : "text-zinc-800"}>
                {bar.value === null ? "—" : formatRate(bar.value, locale)} · {bar.pass === null ? t("unknown") : bar.pass ? t("pass") : t("fail")}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {thresholds && thresholds.length > 0 ? (
        <div>
          <h4 className="mb-2 text-sm font-semibold text-zinc-800">{t("thresholdsTitle")}</h4>
          <ul className="grid gap-2 sm:grid-cols-2" data-testid="score-current-thresholds">
            {thresholds.map((th) => (
              <li key={th.code} data-testid={`score-current-threshold-${th.code}`} className={`rounded-md px-3 py-2 text-sm ring-1 ${STATUS_STYLE[th.status]}`}>
                <p className="font-medium">
                  {primary(th)} · {t(`status.${th.risk ? "risk_" : ""}${th.status}`)}
                </p>
                <p className="text-xs">
                  {t(th.days > 1 ? "averageOver" : "onTheDay", { days: th.days, min: points(th.minScore), average: th.average === null ? "—" : points(th.average) })}
                  {Object.entries(th.minDimensions).length > 0 ? ` · ${t("dimensionMinimums", { list: Object.entries(th.minDimensions).map(([code, min]) => `${t(`dimension.${code}`)} ≥ ${points(min)}`).join("，") })}` : ""}
                  {th.status === "unknown" ? ` · ${t("daysKnown", { known: th.daysKnown, days: th.days })}` : ""}
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
