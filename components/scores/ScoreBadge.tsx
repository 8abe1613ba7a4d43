"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import { BAND_CLASSES, formatScore, scoreBandOf } from "@/lib/scores/format";

export type ScoreBadgeProps = {
  /** Unrounded overall score; null = 暂无评分. */
  overall: number | null;
  size?: "sm" | "lg";
  /** Put on the number itself, so a test reads "4.62" and nothing else. */
  testId?: string;
};

/** The shown score (rounded half-up, 2 decimals) with its band in words, coloured by band. */
export function ScoreBadge({ overall, size = "sm", testId }: ScoreBadgeProps) {
  const t = useTranslations("scores");
  if (overall === null) {
    return (
      <span className="inline-flex items-center rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-zinc-600 ring-1 ring-zinc-200 ring-inset">
        <span data-testid={testId}>{t("noScoreShort")}</span>
      </span>
    );
  }
  const band = scoreBandOf(overall);
  const classes = BAND_CLASSES[band];
  if (size === "lg") {
    return (
      <span className="inline-flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span data-testid={testId} className={clsx("text-5xl font-semibold tracking-tight tabular-nums", classes.text)}>
          {formatScore(overall)}
        </span>
        <span className={clsx("inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-sm font-medium whitespace-nowrap ring-1 ring-inset", classes.chip)}>
          <span aria-hidden="true" className={clsx("size-2 rounded-full", classes.dot)} />
          {t(`band.${band}`)}
        </span>
      </span>
    );
  }
  return (
    <span className={clsx("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", classes.chip)}>
      <span data-testid={testId} className="text-sm font-semibold tabular-nums">
        {formatScore(overall)}
      </span>
      <span>{t(`band.${band}`)}</span>
    </span>
  );
}
