"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import { BAND_CLASSES, distanceTo, roundScoreForDisplay, scoreBandOf } from "@/lib/scores/format";
import type { Threshold } from "./types";
import { useBilingual } from "./use-bilingual";

/** What the current band means (from the rule set) and how far the next threshold is. */
export function ThresholdCallout({ overall, thresholds }: { overall: number; thresholds: readonly Threshold[] }) {
  const t = useTranslations("scores.threshold");
  const { meaning } = useBilingual();
  const shown = roundScoreForDisplay(overall);
  const ladder = [...thresholds].sort((a, b) => (a.minScore ?? -Infinity) - (b.minScore ?? -Infinity));
  const current = ladder.filter((th) => th.minScore === null || shown >= th.minScore).at(-1) ?? null;
  const next = ladder.find((th) => th.minScore !== null && th.minScore > shown) ?? null;
  const classes = BAND_CLASSES[scoreBandOf(overall)];
  const label = (th: Threshold) => (th.minScore === null ? t("below", { score: ladder.find((x) => x.minScore !== null)?.minScore?.toFixed(1) ?? "" }) : t("atLeast", { score: th.minScore.toFixed(1) }));

  return (
    <section aria-labelledby="score-threshold-title" data-testid="score-threshold" className={clsx("rounded-lg p-4 ring-1 ring-inset", classes.chip)}>
      <h3 id="score-threshold-title" className="text-sm font-semibold">
        {current ? t("current", { band: label(current) }) : t("title")}
      </h3>
      {current ? <p className="mt-1 text-sm">{meaning(current)}</p> : null}
      <p className="mt-2 text-sm font-medium">
        {next && next.minScore !== null
          ? t("toNext", { gap: distanceTo(next.minScore, overall).toFixed(2), next: next.minScore.toFixed(2) })
          : t("top")}
      </p>
      {next ? <p className="mt-0.5 text-xs opacity-90">{t("nextMeaning", { meaning: meaning(next) })}</p> : null}
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-xs font-medium underline-offset-2 hover:underline">{t("allBands")}</summary>
        <ol className="mt-2 space-y-1.5">
          {ladder.map((th) => {
            const isCurrent = th === current;
            return (
              <li key={th.minScore ?? "base"} className={clsx("flex flex-col gap-0.5 sm:flex-row sm:gap-3", isCurrent && "font-semibold")}>
                <span className="shrink-0 tabular-nums sm:w-24">
                  {label(th)}
                  {isCurrent ? <span className="ml-1">{t("here")}</span> : null}
                </span>
                <span className="text-xs sm:text-sm">{meaning(th)}</span>
              </li>
            );
          })}
        </ol>
      </details>
    </section>
  );
}
