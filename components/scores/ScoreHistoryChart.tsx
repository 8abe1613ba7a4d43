"use client";

import { useLocale, useTranslations } from "next-intl";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ScoreScale } from "@/lib/contracts/explanation";
import { axisTicks, bandLadder, bandTone } from "@/lib/scores/bands";
import { formatScore, formatThreshold, shownDifference } from "@/lib/scores/format";
import type { ScoreHistoryPoint } from "./types";

type ChartPoint = { day: string; score: number | null; forecast?: number | null };

/** A forecast day as shown (server-rounded), drawn as a dashed continuation of the history. */
export type ForecastChartPoint = { day: string; overallShown: number | null };

/** The last 90 days of the shown overall score on the rule set's scale, with its band thresholds, and the forecast when given. */
export function ScoreHistoryChart({ history, scale, forecast = [] }: { history: readonly ScoreHistoryPoint[]; scale: ScoreScale; forecast?: readonly ForecastChartPoint[] }) {
  const t = useTranslations("scores.history");
  const tForecast = useTranslations("insight.forecast");
  const locale = useLocale();
  const score = (value: number) => formatScore(value, scale, locale);
  const lastDay = history.at(-1)?.day;
  const ahead = forecast.filter((f) => lastDay === undefined || f.day > lastDay);
  const historyData: ChartPoint[] = history.map((h, i) => ({ day: h.day, score: h.overallShown, ...(i === history.length - 1 && ahead.length > 0 ? { forecast: h.overallShown } : {}) }));
  const data: ChartPoint[] = [...historyData, ...ahead.map((f) => ({ day: f.day, score: null, forecast: f.overallShown }))];
  const scored = historyData.filter((p): p is { day: string; score: number } => p.score !== null);
  const unscoredDays = historyData.length - scored.length;
  const references = bandLadder(scale).flatMap((band) => (band.minScore === null ? [] : [{ limit: band.minScore, colour: bandTone(scale, band).line }]));
  const limitsText = references.map((r) => formatThreshold(r.limit, scale, locale)).join(" / ");

  let summary: string;
  const first = scored.at(0);
  const last = scored.at(-1);
  if (!first || !last) {
    summary = t("summaryNone", { days: historyData.length });
  } else {
    const values = scored.map((p) => p.score);
    const change = shownDifference(first.score, last.score, scale);
    summary = t("summary", {
      days: historyData.length,
      from: historyData[0]?.day ?? first.day,
      to: historyData.at(-1)?.day ?? last.day,
      first: score(first.score),
      last: score(last.score),
      max: score(Math.max(...values)),
      min: score(Math.min(...values)),
      trend: change > 0 ? "up" : change < 0 ? "down" : "flat",
      change: score(Math.abs(change)),
      limits: limitsText,
    });
    if (unscoredDays > 0) summary += ` ${t("unscoredDays", { count: unscoredDays })}`;
  }
  const forecastLast = ahead.at(-1)?.overallShown;
  if (ahead.length > 0) summary += ` ${tForecast("chartSummary", { days: ahead.length, last: forecastLast == null ? t("noScore") : score(forecastLast) })}`;

  return (
    <figure data-testid="score-history" className="rounded-lg border border-zinc-200 bg-white p-4">
      <figcaption className="mb-3">
        <span className="block text-sm font-semibold text-zinc-900">{t("title")}</span>
        <span data-testid="score-history-summary" className="mt-1 block text-sm text-zinc-600">
          {summary}
        </span>
      </figcaption>
      {data.length > 0 ? (
        <div aria-hidden="true" className="h-56 w-full sm:h-64">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
              <CartesianGrid stroke="#f4f4f5" vertical={false} />
              <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} tick={{ fontSize: 11, fill: "#71717a" }} minTickGap={24} tickLine={false} />
              <YAxis
                domain={[scale.scoreBounds.min, scale.scoreBounds.max]}
                ticks={axisTicks(scale)}
                tickFormatter={(value: number) => formatThreshold(value, scale, locale)}
                tick={{ fontSize: 11, fill: "#71717a" }}
                tickLine={false}
                axisLine={false}
                width={44}
              />
              {references.map(({ limit, colour }) => (
                <ReferenceLine
                  key={limit}
                  y={limit}
                  stroke={colour}
                  strokeDasharray="4 4"
                  label={{ value: formatThreshold(limit, scale, locale), position: "insideRight", fontSize: 10, fill: colour }}
                />
              ))}
              <Tooltip
                formatter={(value) => (typeof value === "number" ? score(value) : t("noScore"))}
                labelFormatter={(label) => String(label)}
                contentStyle={{ fontSize: 12 }}
              />
              <Line type="monotone" dataKey="score" name={t("seriesName")} stroke="#e11d48" strokeWidth={2} dot={data.length < 3} connectNulls={false} isAnimationActive={false} />
              {ahead.length > 0 ? (
                <Line type="monotone" dataKey="forecast" name={tForecast("seriesName")} stroke="#e11d48" strokeOpacity={0.6} strokeWidth={2} strokeDasharray="6 4" dot={false} connectNulls={false} isAnimationActive={false} />
              ) : null}
            </LineChart>
          </ResponsiveContainer>
        </div>
      ) : null}
    </figure>
  );
}
