"use client";

import clsx from "clsx";
import { useLocale, useTranslations } from "next-intl";
import type { ScoreScale, ShownScore, Threshold } from "@/lib/contracts/explanation";
import { bandLadder, bandLimits, bandTone, nextThreshold } from "@/lib/scores/bands";
import { formatScore, formatThreshold } from "@/lib/scores/format";
import { useBandLabel } from "./use-band-label";
import { useBilingual } from "./use-bilingual";

/** What the current band means (from the rule set) and how far the next threshold is. */
export function ThresholdCallout({ score, scale }: { score: ShownScore; scale: ScoreScale }) {
  const t = useTranslations("scores.threshold");
  const locale = useLocale();
  const { meaning } = useBilingual();
  const label = useBandLabel(scale);
  const ladder = bandLadder(scale);
  const isCurrent = (th: Threshold) => score.band !== null && th.minScore === score.band.minScore;
  const current = ladder.find(isCurrent) ?? null;
  const next = nextThreshold(scale, score.shown);
  const top = bandLimits(scale).at(-1);
  const tone = bandTone(scale, score.band);

  return (
    <section aria-labelledby="score-threshold-title" data-testid="score-threshold" className={clsx("rounded-lg p-4 ring-1 ring-inset", tone.chip)}>
      <h3 id="score-threshold-title" className="text-sm font-semibold">
        {current ? t("current", { band: label(current) }) : t("title")}
      </h3>
      {current ? <p className="mt-1 text-sm">{meaning(current)}</p> : null}
      <p className="mt-2 text-sm font-medium">
        {next
          ? t("toNext", { gap: formatScore(next.gap, scale, locale), next: formatScore(next.minScore, scale, locale) })
          : t("top", { score: top === undefined ? "" : formatThreshold(top, scale, locale) })}
      </p>
      {next ? <p className="mt-0.5 text-xs opacity-90">{t("nextMeaning", { meaning: meaning(next.threshold) })}</p> : null}
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-xs font-medium underline-offset-2 hover:underline">{t("allBands")}</summary>
        <ol className="mt-2 space-y-1.5">
          {ladder.map((th) => (
            <li key={th.minScore ?? "base"} className={clsx("flex flex-col gap-0.5 sm:flex-row sm:gap-3", isCurrent(th) && "font-semibold")}>
              <span className="shrink-0 tabular-nums sm:w-24">
                {label(th)}
                {isCurrent(th) ? <span className="ml-1">{t("here")}</span> : null}
              </span>
              <span className="text-xs sm:text-sm">{meaning(th)}</span>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
