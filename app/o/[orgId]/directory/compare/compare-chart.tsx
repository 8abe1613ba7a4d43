"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const COLOURS = ["#e11d48", "#2563eb", "#16a34a", "#d97706", "#7c3aed"];

/** The compared cards' published overall scores over 90 days, on one chart (one line per card). */
export function CompareChart({ series }: { series: { cardId: string; name: string; points: { day: string; overall: number | null }[] }[] }) {
  const t = useTranslations("directory.compare");
  const days = [...new Set(series.flatMap((s) => s.points.map((p) => p.day)))].sort();
  const data = days.map((day) => ({
    day,
    ...Object.fromEntries(series.map((s) => [s.cardId, s.points.find((p) => p.day === day)?.overall ?? null])),
  }));
  if (series.length === 0) return <p className="text-sm text-zinc-500">{t("noTrend")}</p>;
  return (
    <div className="h-72 w-full" data-testid="compare-chart" role="img" aria-label={t("trendChart")}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e4e4e7" />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis domain={["auto", "auto"]} tick={{ fontSize: 11 }} width={40} />
          <Tooltip />
          <Legend />
          {series.map((s, i) => (
            <Line key={s.cardId} type="monotone" dataKey={s.cardId} name={s.name} stroke={COLOURS[i % COLOURS.length]} dot={false} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
