"use client";

import { useLocale, useTranslations } from "next-intl";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDay, formatGoalValue } from "@/components/goals/goal-format";
import type { GoalProgress } from "@/lib/contracts/goals";

type Row = { day: string; value: number | null; forecast: number | null };

/** The goal's metric over time with the target as a line, the due day marked, and the forecast dashed after the newest day. */
export function GoalChart({ goal }: { goal: GoalProgress }) {
  const t = useTranslations("goals");
  const locale = useLocale();
  const rows: Row[] = goal.history.map((p) => ({ day: p.day, value: p.value, forecast: null }));
  const last = rows.at(-1);
  if (last && goal.forecast.length > 0) last.forecast = last.value;
  for (const p of goal.forecast) rows.push({ day: p.day, value: null, forecast: p.value });
  const values = rows.flatMap((r) => [r.value, r.forecast]).filter((v): v is number => v !== null);
  const low = Math.min(goal.target, ...values);
  const high = Math.max(goal.target, ...values);
  const pad = (high - low) * 0.15 || Math.abs(high) * 0.05 || 1;
  const lastDay = rows.at(-1)?.day ?? goal.dueDay;
  const value = (v: number) => formatGoalValue(v, goal, locale);

  if (rows.length === 0) return <p className="text-sm text-zinc-500" data-testid="goal-chart-empty">{t("noHistory")}</p>;
  return (
    <div className="h-56 w-full" data-testid="goal-chart" role="img" aria-label={t("chartLabel", { target: value(goal.target) })}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#f4f4f5" vertical={false} />
          <XAxis dataKey="day" tickFormatter={(d: string) => formatDay(d, locale)} tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis domain={[low - pad, high + pad]} tickFormatter={value} tick={{ fontSize: 11 }} width={52} />
          <Tooltip formatter={(v) => (typeof v === "number" ? value(v) : String(v))} labelFormatter={(d) => formatDay(String(d), locale, true)} />
          <ReferenceLine y={goal.target} stroke="#e11d48" strokeDasharray="6 3" label={{ value: t("targetLine", { target: value(goal.target) }), position: "insideTopLeft", fontSize: 11, fill: "#e11d48" }} />
          {goal.dueDay <= lastDay ? <ReferenceLine x={goal.dueDay} stroke="#a1a1aa" label={{ value: t("dueLine"), position: "insideTopRight", fontSize: 11 }} /> : null}
          <Line type="monotone" dataKey="value" name={t("seriesActual")} stroke="#0284c7" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
          <Line type="monotone" dataKey="forecast" name={t("seriesForecast")} stroke="#0284c7" strokeDasharray="4 4" strokeWidth={1.5} dot={false} connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
