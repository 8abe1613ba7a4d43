"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatScore, formatThreshold } from "@/lib/scores/format";
import type { EntityForecastData } from "./use-entity-forecast";

/** One line under the history chart: which threshold the score crosses, and when, if no new data arrives. */
export function ForecastNote({ data }: { data: EntityForecastData | undefined }) {
  const t = useTranslations("insight.forecast");
  const locale = useLocale();
  if (!data) return null;
  const { forecast, scale } = data;
  let text: string;
  if (!forecast || forecast.days.length === 0) {
    text = t("none");
  } else if (forecast.currentOverall === null) {
    // Not scored today: the only news is the day it would be, if any.
    const scoredFrom = forecast.days.find((d) => d.overall !== null);
    if (!scoredFrom) return null;
    text = t("scoredFrom", { day: scoredFrom.day });
  } else {
    // The nearest event first: a fall below a threshold, a rise to one, or leaving scoring altogether.
    const [crossing] = [...forecast.crossings].sort((a, b) => a.inDays - b.inDays || (a.direction === "falls_below" ? -1 : 1));
    const unscoredFrom = forecast.currentOverall !== null ? forecast.days.find((d) => d.overall === null) : undefined;
    const last = forecast.days.at(-1);
    if (unscoredFrom && (!crossing || unscoredFrom.day <= crossing.day)) {
      text = t("unscored", { day: unscoredFrom.day });
    } else if (crossing) {
      const values = { limit: formatThreshold(crossing.minScore, scale, locale), day: crossing.day, inDays: crossing.inDays };
      text = crossing.direction === "falls_below" ? t("falls", values) : t("reaches", values);
    } else {
      text = t("steady", { days: forecast.days.length, last: last?.overallShown == null ? "—" : formatScore(last.overallShown, scale, locale) });
    }
  }
  return (
    <p data-testid="forecast-note" className="rounded-md border border-dashed border-zinc-300 bg-zinc-50 px-3 py-2 text-sm text-zinc-700">
      <span className="font-medium text-zinc-900">{t("title")}: </span>
      {text}
    </p>
  );
}
