"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ScoreScale } from "@/lib/contracts/explanation";
import { axisTicks, bandLadder, bandTone } from "@/lib/scores/bands";
import { formatScore, formatThreshold, shownDifference } from "@/lib/scores/format";
import { HistoryAnnotations } from "./HistoryAnnotations";
import { historyRows, OVERALL_SERIES, seriesValue, withSeries, type HistoryRow } from "./history-rows";
import type { EntityScoreData, ScoreEntityKind, ScoreHistoryPoint } from "./types";
import { useBilingual } from "./use-bilingual";

type Annotation = EntityScoreData["annotations"][number];
type Dimension = EntityScoreData["dimensions"][number];
type Series = { key: string; label: string; colour: string; width: number; dashed?: boolean };

/** A forecast day as shown (server-rounded), drawn as a dashed continuation of the overall. */
export type ForecastChartPoint = { day: string; overallShown: number | null };
const FORECAST_SERIES = "forecast";

/** The same days under another rule set, on this chart's axis (its 5-point display), as a second line. */
export type ComparisonChartSeries = { label: string; points: readonly { day: string; value: number | null }[] };
const COMPARISON_SERIES = "comparison";
const COMPARISON_COLOUR = "#0f766e";

const OVERALL_COLOUR = "#e11d48";
const DIMENSION_COLOURS = ["#0284c7", "#7c3aed", "#0d9488", "#ca8a04", "#4b5563"];

/**
 * The score history up to the day shown (90 days): the overall and each dimension as lines that can
 * be switched on and off, the rule set's band thresholds as labelled dashed lines, and the user's
 * annotations as numbered marks on the time axis, listed (and edited) under the chart.
 */
export function ScoreHistoryChart({
  kind,
  entityId,
  history,
  dimensions,
  annotations,
  scale,
  forecast = [],
  comparison,
}: {
  kind: ScoreEntityKind;
  entityId: string;
  history: readonly ScoreHistoryPoint[];
  dimensions: readonly Dimension[];
  annotations: readonly Annotation[];
  scale: ScoreScale;
  /** "If nothing changes": days after the history's last, shown only when the chart ends on the newest day. */
  forecast?: readonly ForecastChartPoint[];
  comparison?: ComparisonChartSeries;
}) {
  const t = useTranslations("scores.history");
  const tForecast = useTranslations("insight.forecast");
  const locale = useLocale();
  const { english } = useBilingual();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const score = (value: number) => formatScore(value, scale, locale);

  const series: Series[] = [
    { key: OVERALL_SERIES, label: t("seriesName"), colour: OVERALL_COLOUR, width: 2.5 },
    ...dimensions.map((d, i) => ({ key: d.code, label: english ? d.nameEn : `${d.nameZh} ${d.nameEn}`, colour: DIMENSION_COLOURS[i % DIMENSION_COLOURS.length] ?? "#4b5563", width: 1.5 })),
  ];
  const historyOnly = historyRows(history, dimensions.map((d) => d.code));
  const firstDay = historyOnly[0]?.day;
  const lastDay = historyOnly.at(-1)?.day;
  const ahead = forecast.filter((f) => lastDay === undefined || f.day > lastDay);
  if (ahead.length > 0) series.push({ key: FORECAST_SERIES, label: tForecast("seriesName"), colour: OVERALL_COLOUR, width: 2, dashed: true });
  if (comparison) series.push({ key: COMPARISON_SERIES, label: comparison.label, colour: COMPARISON_COLOUR, width: 2, dashed: true });
  // The forecast line starts on the last history day so it continues the overall without a gap.
  const withForecast: HistoryRow[] =
    ahead.length === 0
      ? historyOnly
      : [
          ...historyOnly.map((row, i) => (i === historyOnly.length - 1 ? { ...row, [FORECAST_SERIES]: seriesValue(row, OVERALL_SERIES) } : row)),
          ...ahead.map((f): HistoryRow => ({ day: f.day, [FORECAST_SERIES]: f.overallShown })),
        ];
  const rows = comparison ? withSeries(withForecast, COMPARISON_SERIES, comparison.points) : withForecast;
  const numbered = annotations.map((a, i) => ({ ...a, number: i + 1 }));
  const onAxis = numbered.filter((a) => firstDay && lastDay && a.day >= firstDay && a.day <= lastDay);
  const references = bandLadder(scale).flatMap((band) => (band.minScore === null ? [] : [{ limit: band.minScore, colour: bandTone(scale, band).line }]));
  const limitsText = references.map((r) => formatThreshold(r.limit, scale, locale)).join(" / ");

  const scored = history.filter((p): p is ScoreHistoryPoint & { overallShown: number } => p.overallShown !== null);
  let summary: string;
  const first = scored.at(0);
  const last = scored.at(-1);
  if (!first || !last) {
    summary = t("summaryNone", { days: history.length });
  } else {
    const values = scored.map((p) => p.overallShown);
    const change = shownDifference(first.overallShown, last.overallShown, scale);
    summary = t("summary", {
      days: historyOnly.length,
      from: firstDay ?? first.day,
      to: lastDay ?? last.day,
      first: score(first.overallShown),
      last: score(last.overallShown),
      max: score(Math.max(...values)),
      min: score(Math.min(...values)),
      trend: change > 0 ? "up" : change < 0 ? "down" : "flat",
      change: score(Math.abs(change)),
      limits: limitsText,
    });
    const unscoredDays = historyOnly.length - scored.length;
    if (unscoredDays > 0) summary += ` ${t("unscoredDays", { count: unscoredDays })}`;
  }
  const forecastLast = ahead.at(-1)?.overallShown;
  if (ahead.length > 0) summary += ` ${tForecast("chartSummary", { days: ahead.length, last: forecastLast == null ? t("noScore") : score(forecastLast) })}`;

  const toggle = (key: string) =>
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <figure data-testid="score-history" className="min-w-0 rounded-lg border border-zinc-200 bg-white p-4">
      <figcaption className="mb-3">
        <span className="block text-sm font-semibold text-zinc-900">{t("title")}</span>
        <span data-testid="score-history-summary" className="mt-1 block text-sm text-zinc-600">
          {summary}
        </span>
      </figcaption>
      <div role="group" aria-label={t("seriesToggles")} className="mb-3 flex flex-wrap gap-2" data-testid="score-history-series">
        {series.map((s) => {
          const shown = !hidden.has(s.key);
          return (
            <button
              key={s.key}
              type="button"
              aria-pressed={shown}
              onClick={() => toggle(s.key)}
              data-testid={`score-history-series-${s.key}`}
              className="inline-flex min-h-9 items-center gap-2 rounded-full border border-zinc-200 px-3 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-50 aria-[pressed=false]:text-zinc-400"
            >
              <span aria-hidden="true" className="h-0.5 w-4 rounded" style={{ backgroundColor: shown ? s.colour : "#d4d4d8", height: s.width + 0.5 }} />
              {s.label}
            </button>
          );
        })}
      </div>
      {rows.length > 0 ? (
        <div aria-hidden="true" className="h-60 w-full sm:h-72">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={rows} margin={{ top: 16, right: 44, bottom: 0, left: -16 }}>
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
                // Labels sit in the right margin, outside the lines, one per threshold: they never cover the data or each other.
                <ReferenceLine
                  key={limit}
                  y={limit}
                  stroke={colour}
                  strokeDasharray="4 4"
                  ifOverflow="extendDomain"
                  label={{ value: `≥${formatThreshold(limit, scale, locale)}`, position: "right", fontSize: 11, fontWeight: 600, fill: colour }}
                />
              ))}
              {onAxis.map((a) => (
                <ReferenceLine
                  key={a.id}
                  x={a.day}
                  stroke="#52525b"
                  strokeDasharray="2 3"
                  label={{ value: String(a.number), position: "top", fontSize: 11, fontWeight: 700, fill: "#27272a" }}
                />
              ))}
              <Tooltip content={(props) => <HistoryTooltip active={props.active} payload={props.payload} label={props.label} series={series} hidden={hidden} annotations={numbered} score={score} noScore={t("noScore")} />} />
              {series.map((s) =>
                hidden.has(s.key) ? null : (
                  <Line
                    key={s.key}
                    type="monotone"
                    dataKey={s.key}
                    name={s.label}
                    stroke={s.colour}
                    strokeWidth={s.width}
                    strokeDasharray={s.dashed ? "6 4" : undefined}
                    strokeOpacity={s.dashed ? 0.6 : undefined}
                    dot={!s.dashed && scored.length < 3}
                    connectNulls={false}
                    isAnimationActive={false}
                  />
                ),
              )}
            </LineChart>
          </ResponsiveContainer>
        </div>
      ) : null}
      <HistoryAnnotations kind={kind} entityId={entityId} annotations={numbered} defaultDay={lastDay ?? null} />
    </figure>
  );
}

function HistoryTooltip({
  active,
  payload,
  label,
  series,
  hidden,
  annotations,
  score,
  noScore,
}: {
  active?: boolean;
  payload?: readonly { payload?: unknown }[];
  label?: unknown;
  series: readonly Series[];
  hidden: ReadonlySet<string>;
  annotations: readonly (Annotation & { number: number })[];
  score: (value: number) => string;
  noScore: string;
}) {
  if (!active || !payload?.[0]) return null;
  const row = payload[0].payload as HistoryRow;
  const notes = annotations.filter((a) => a.day === label);
  return (
    <div className="max-w-64 rounded-md border border-zinc-200 bg-white p-2 text-xs shadow-md">
      <p className="font-semibold text-zinc-900 tabular-nums">{String(label)}</p>
      <ul className="mt-1 space-y-0.5">
        {series
          .filter((s) => !hidden.has(s.key))
          .map((s) => {
            const value = seriesValue(row, s.key);
            return (
              <li key={s.key} className="flex justify-between gap-3">
                <span style={{ color: s.colour }}>{s.label}</span>
                <span className="tabular-nums">{value === null ? noScore : score(value)}</span>
              </li>
            );
          })}
      </ul>
      {notes.map((a) => (
        <p key={a.id} className="mt-1 border-t border-zinc-100 pt-1 text-zinc-700">
          {a.number}. {a.text}
        </p>
      ))}
    </div>
  );
}
