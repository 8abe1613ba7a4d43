"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import type { ScoreScale } from "@/lib/contracts/explanation";
import { bandTone } from "@/lib/scores/bands";
import { formatRate, formatScore, percentileToPercent } from "@/lib/scores/format";
import type { DimensionExplanation } from "./types";
import { useBilingual } from "./use-bilingual";

/** 商品体验 / 物流体验 / 服务体验: each dimension's score and composite percentile. */
export function DimensionScores({ dimensions, scale }: { dimensions: readonly DimensionExplanation[]; scale: ScoreScale }) {
  const t = useTranslations("scores.dimension");
  const { primary, secondary, locale } = useBilingual();
  return (
    <ul className="grid gap-3 sm:grid-cols-3" aria-label={t("listLabel")}>
      {dimensions.map((d) => {
        const tone = d.scoreShown === null ? null : bandTone(scale, d.band);
        const present = d.indicators.filter((i) => !i.missing).length;
        return (
          <li key={d.code} data-testid={`score-dimension-${d.code}`} className="rounded-lg border border-zinc-200 bg-white p-4">
            <div className="flex items-baseline justify-between gap-2">
              <h3 className="text-sm font-semibold text-zinc-900">
                {primary(d)} <span className="font-normal text-zinc-500">{secondary(d)}</span>
              </h3>
              <span className="text-xs text-zinc-500">{t("weight", { weight: formatRate(d.weight, locale) })}</span>
            </div>
            <p className={clsx("mt-2 text-3xl font-semibold tabular-nums", tone ? tone.text : "text-zinc-400")}>
              {d.scoreShown === null ? "—" : formatScore(d.scoreShown, scale, locale)}
            </p>
            <p className="mt-1 text-sm text-zinc-700">
              {d.composite === null ? t("noComposite") : t("composite", { percent: percentileToPercent(d.composite) })}
            </p>
            <p className="mt-0.5 text-xs text-zinc-500">{t("indicatorsPresent", { present, total: d.indicators.length })}</p>
          </li>
        );
      })}
    </ul>
  );
}
