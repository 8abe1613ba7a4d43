"use client";

import clsx from "clsx";
import { useLocale, useTranslations } from "next-intl";
import type { ScoreScale, ShownScore } from "@/lib/contracts/explanation";
import { bandTone } from "@/lib/scores/bands";
import { formatScore } from "@/lib/scores/format";
import { useBandLabel } from "./use-band-label";

type BadgeLook = {
  size?: "sm" | "lg";
  /** Put on the number itself, so a test reads "4.62" and nothing else. */
  testId?: string;
};

type ShownScoreBadgeProps = BadgeLook & {
  /** The score as the server shows it, with its band. */
  score: ShownScore;
  /** The rule set's decimals and bands. */
  scale: ScoreScale;
};

/** A shown score, or null for 暂无评分 (no scale needed then). */
export type ScoreBadgeProps = ShownScoreBadgeProps | (BadgeLook & { score: null });

/** The shown score with its band in words, coloured by band. */
export function ScoreBadge(props: ScoreBadgeProps) {
  const t = useTranslations("scores");
  if (props.score === null) {
    return (
      <span className="inline-flex items-center rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-zinc-600 ring-1 ring-zinc-200 ring-inset">
        <span data-testid={props.testId}>{t("noScoreShort")}</span>
      </span>
    );
  }
  return <ShownScoreBadge {...props} />;
}

function ShownScoreBadge({ score, scale, size = "sm", testId }: ShownScoreBadgeProps) {
  const locale = useLocale();
  const bandLabel = useBandLabel(scale);
  const tone = bandTone(scale, score.band);
  const number = formatScore(score.shown, scale, locale);
  if (size === "lg") {
    return (
      <span className="inline-flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span data-testid={testId} className={clsx("text-5xl font-semibold tracking-tight tabular-nums", tone.text)}>
          {number}
        </span>
        <span className={clsx("inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-sm font-medium whitespace-nowrap ring-1 ring-inset", tone.chip)}>
          <span aria-hidden="true" className={clsx("size-2 rounded-full", tone.dot)} />
          {bandLabel(score.band)}
        </span>
      </span>
    );
  }
  return (
    <span className={clsx("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", tone.chip)}>
      <span data-testid={testId} className="text-sm font-semibold tabular-nums">
        {number}
      </span>
      <span>{bandLabel(score.band)}</span>
    </span>
  );
}
