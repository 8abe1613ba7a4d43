"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { BAND_LIMITS, formatScore, roundScoreForDisplay } from "@/lib/scores/format";
import type { ScoreHistoryPoint } from "./types";

const REFERENCE_COLOURS: Record<number, string> = { 4.4: "#d97706", 4.6: "#16a34a", 4.8: "#059669" };

type ChartPoint = { day: string; score: number | null };

/** The last 90 days of the overall score, y-axis 3–5 with the 4.4 / 4.6 / 4.8 thresholds. */
export function ScoreHistoryChart({ history, limits = BAND_LIMITS }: { history: readonly ScoreHistoryPoint[]; limits?: readonly number[] }) {
  const t = useTranslations("scores.history");
  const data: ChartPoint[] = history.map((h) => ({ day: h.day, score: h.overall === null ? null : roundScoreForDisplay(h.overall) }));
  const scored = data.filter((p): p is { day: string; score: number } => p.score !== null);
  const unscoredDays = data.length - scored.length;

  let summary: string;
  const first = scored.at(0);
  const last = scored.at(-1);
  if (!first || !last) {
    summary = t("summaryNone", { days: data.length });
  } else {
    const values = scored.map((p) => p.score);
    const change = Number((last.score - first.score).toFixed(2));
    summary = t("summary", {
      days: data.length,
      from: data[0]?.day ?? first.day,
      to: data.at(-1)?.day ?? last.day,
      first: formatScore(first.score),
      last: formatScore(last.score),
      max: formatScore(Math.max(...values)),
      min: formatScore(Math.min(...values)),
      trend: change > 0 ? "up" : change < 0 ? "down" : "flat",
      change: Math.abs(change).toFixed(2),
    });
    if (unscoredDays > 0) summary += ` ${t("unscoredDays", { count: unscoredDays })}`;
  }

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
              <YAxis domain={[3, 5]} ticks={[3, 3.5, 4, 4.5, 5]} tick={{ fontSize: 11, fill: "#71717a" }} tickLine={false} axisLine={false} width={44} />
              {limits.map((limit) => (
                <ReferenceLine
                  key={limit}
                  y={limit}
                  stroke={REFERENCE_COLOURS[limit] ?? "#a1a1aa"}
                  strokeDasharray="4 4"
                  label={{ value: limit.toFixed(1), position: "insideRight", fontSize: 10, fill: REFERENCE_COLOURS[limit] ?? "#71717a" }}
                />
              ))}
              <Tooltip
                formatter={(value) => (typeof value === "number" ? formatScore(value) : t("noScore"))}
                labelFormatter={(label) => String(label)}
                contentStyle={{ fontSize: 12 }}
              />
              <Line type="monotone" dataKey="score" name={t("seriesName")} stroke="#e11d48" strokeWidth={2} dot={data.length < 3} connectNulls={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      ) : null}
    </figure>
  );
}
