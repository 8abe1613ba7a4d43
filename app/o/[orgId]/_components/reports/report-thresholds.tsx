"use client";

import clsx from "clsx";
import { useLocale, useTranslations } from "next-intl";
import type { ScoreScale, ShownScore } from "@/lib/contracts/explanation";
import { useBandLabel } from "@/components/scores/use-band-label";
import { useBilingual } from "@/components/scores/use-bilingual";
import { bandLadder, nextThreshold } from "@/lib/scores/bands";
import { formatScore } from "@/lib/scores/format";

/** The rule set's bands, the one reached marked, and the points missing to the next (all from the explanation). */
export function ReportThresholds({ score, scale }: { score: ShownScore | null; scale: ScoreScale }) {
  const t = useTranslations("reports.page.thresholds");
  const locale = useLocale();
  const label = useBandLabel(scale);
  const { meaning } = useBilingual();
  const next = score ? nextThreshold(scale, score.shown) : null;
  const current = (minScore: number | null) => score?.band !== null && score?.band !== undefined && score.band.minScore === minScore;
  return (
    <div data-testid="report-thresholds">
      <ol className="space-y-1 text-sm">
        {[...bandLadder(scale)].reverse().map((band) => (
          <li key={band.minScore ?? "floor"} className={clsx("flex gap-3", current(band.minScore) && "font-semibold text-zinc-900")}>
            <span className="w-20 shrink-0 tabular-nums">{label(band)}</span>
            <span className="min-w-0 text-zinc-700">
              {meaning(band)}
              {current(band.minScore) ? <span className="ml-1 text-rose-700">{t("here")}</span> : null}
            </span>
          </li>
        ))}
      </ol>
      {score ? (
        <p className="mt-3 text-sm font-medium text-zinc-900" data-testid="report-next-threshold">
          {next ? t("toNext", { gap: formatScore(next.gap, scale, locale), next: formatScore(next.minScore, scale, locale) }) : t("top")}
        </p>
      ) : null}
    </div>
  );
}
