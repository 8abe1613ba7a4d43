"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import type { RouterOutputs } from "@/components/api-types";
import { Badge } from "@/components/ui/badge";
import { Select } from "@/components/ui/select";
import { Table, type Column } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc-client";

/** Koubei's latest score of the shop beside the one the platform reported, and the difference. */
export function ScoreComparison({ shopId }: { shopId: string }) {
  const t = useTranslations("sync");
  const format = useFormatter();
  const trpc = useTRPC();
  const comparison = useQuery({ ...trpc.sync.scoreComparison.queryOptions({ shopId }), refetchInterval: 10_000 });
  if (!comparison.data) return null;
  const { koubei, platform, difference } = comparison.data;
  const score = (value: number | null | undefined) => (value === null || value === undefined ? "—" : value.toFixed(2));
  return (
    <section aria-labelledby="score-comparison" className="rounded-lg border border-zinc-200 bg-white p-5" data-testid="score-comparison">
      <h2 id="score-comparison" className="mb-3 text-base font-semibold">
        {t("comparisonTitle")}
      </h2>
      <dl className="grid gap-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-zinc-500">{t("koubeiScore")}</dt>
          <dd className="mt-1 text-2xl font-semibold text-zinc-900" data-testid="koubei-score">
            {koubei ? score(koubei.score) : "—"}
          </dd>
          <dd className="text-xs text-zinc-500">{koubei ? t("asOfDay", { day: koubei.day }) : t("noKoubeiScore")}</dd>
        </div>
        <div>
          <dt className="text-zinc-500">{t("platformScore")}</dt>
          <dd className="mt-1 text-2xl font-semibold text-zinc-900" data-testid="platform-score">
            {platform ? score(platform.score) : "—"}
          </dd>
          <dd className="text-xs text-zinc-500">
            {platform ? t("reportedAt", { time: format.dateTime(platform.takenAt, { dateStyle: "medium", timeStyle: "short" }) }) : t("noPlatformScore")}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-500">{t("difference")}</dt>
          <dd className="mt-1 text-2xl font-semibold text-zinc-900" data-testid="score-difference">
            {difference === null ? "—" : `${difference > 0 ? "+" : ""}${difference.toFixed(2)}`}
          </dd>
        </div>
      </dl>
    </section>
  );
}

type Comparison = RouterOutputs["platformScores"]["comparison"];
type Row = { key: string; name: string; kind: "overall" | "dimension" | "indicator"; code: string; koubeiValue: number | null; platformValue: number | null; koubeiScore: number | null; platformScore: number | null; difference: number | null; protected?: boolean | null };

/** An indicator's value as the back-end shows it: rates in per cent, the rest with two decimals. */
function valueText(code: string, value: number | null): string {
  if (value === null) return "—";
  return code.endsWith("_rate") ? `${(value * 100).toFixed(2)}%` : value.toFixed(2);
}

const signed = (value: number | null) => (value === null ? "—" : `${value > 0 ? "+" : ""}${value.toFixed(2)}`);

/**
 * Koubei's 100-point score beside the platform's for one day, number by number: the overall score,
 * each dimension's, and each indicator's value and score, with the difference (Koubei − platform).
 * The day: any the platform reported (imported or synced), the latest first.
 */
export function CurrentRulesComparison({ shopId }: { shopId: string }) {
  const t = useTranslations("platformScores");
  const locale = useLocale();
  const trpc = useTRPC();
  const [day, setDay] = useState<string | undefined>(undefined);
  const comparison = useQuery(trpc.platformScores.comparison.queryOptions(day ? { shopId, day } : { shopId }));
  if (!comparison.data) return null;
  const data: Comparison = comparison.data;
  const name = (n: { nameZh: string; nameEn: string }) => (locale === "en" ? n.nameEn : n.nameZh);
  const score = (value: number | null) => (value === null ? "—" : value.toFixed(2));
  const rows: Row[] = [
    { key: "overall", name: t("overall"), kind: "overall", code: "overall", koubeiValue: null, platformValue: null, koubeiScore: data.overall.koubei, platformScore: data.overall.platform, difference: data.overall.difference },
    ...data.dimensions.map((d) => ({ key: d.code, name: name(d), kind: "dimension" as const, code: d.code, koubeiValue: null, platformValue: null, koubeiScore: d.koubei, platformScore: d.platform, difference: d.difference })),
    ...data.indicators.map((i) => ({
      key: i.code,
      name: name(i),
      kind: "indicator" as const,
      code: i.code,
      koubeiValue: i.koubeiValue,
      platformValue: i.platformValue,
      koubeiScore: i.koubeiBand,
      platformScore: i.platformScore,
      difference: i.scoreDifference,
      protected: i.protected,
    })),
  ];
  const columns: Column<Row>[] = [
    {
      key: "metric",
      header: t("metric"),
      primary: true,
      cell: (row) => (
        <span className={row.kind === "indicator" ? "pl-3 text-zinc-700" : "font-medium text-zinc-900"}>
          {row.name}
          {row.protected ? (
            <span className="ml-2">
              <Badge>{t("protected")}</Badge>
            </span>
          ) : null}
        </span>
      ),
    },
    { key: "koubeiValue", header: t("koubeiValue"), align: "end", cell: (row) => (row.kind === "indicator" ? valueText(row.code, row.koubeiValue) : "") },
    { key: "platformValue", header: t("platformValue"), align: "end", cell: (row) => (row.kind === "indicator" ? valueText(row.code, row.platformValue) : "") },
    { key: "koubeiScore", header: t("koubeiScore"), align: "end", cell: (row) => score(row.koubeiScore) },
    { key: "platformScore", header: t("platformScore"), align: "end", cell: (row) => score(row.platformScore) },
    { key: "difference", header: t("difference"), align: "end", cell: (row) => <span data-testid={`difference-${row.code}`}>{signed(row.difference)}</span> },
  ];
  const dayOptions = data.days.some((d) => d.day === data.day) ? data.days : [{ day: data.day, source: "", score: null }, ...data.days];
  return (
    <section aria-labelledby="current-comparison" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5" data-testid="current-comparison">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h2 id="current-comparison" className="text-base font-semibold">
            {t("title")}
          </h2>
          <p className="mt-1 text-sm text-zinc-600">{locale === "en" ? data.ruleSet.labelEn : data.ruleSet.labelZh}</p>
        </div>
        <label className="text-sm">
          <span className="mb-1 block text-zinc-600">{t("day")}</span>
          <Select
            name="comparisonDay"
            value={data.day}
            options={dayOptions.map((d) => ({ value: d.day, label: d.source ? `${d.day} · ${t(`sources.${d.source as "sync" | "import"}`)}` : d.day }))}
            onChange={(e) => setDay(e.target.value)}
            data-testid="comparison-day"
          />
        </label>
      </div>
      <dl className="grid gap-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-zinc-500">{t("koubei")}</dt>
          <dd className="mt-1 text-2xl font-semibold text-zinc-900" data-testid="current-koubei-score">
            {score(data.overall.koubei)}
          </dd>
          {data.koubei?.state === "growth" ? <dd className="text-xs text-zinc-500">{t("growth")}</dd> : null}
        </div>
        <div>
          <dt className="text-zinc-500">{t("platform")}</dt>
          <dd className="mt-1 text-2xl font-semibold text-zinc-900" data-testid="current-platform-score">
            {score(data.overall.platform)}
          </dd>
          {!data.platform ? <dd className="text-xs text-zinc-500">{t("noReport")}</dd> : null}
        </div>
        <div>
          <dt className="text-zinc-500">{t("difference")}</dt>
          <dd className="mt-1 text-2xl font-semibold text-zinc-900" data-testid="current-score-difference">
            {signed(data.overall.difference)}
          </dd>
        </div>
      </dl>
      <Table rows={rows} columns={columns} rowKey={(row) => row.key} caption={t("comparisonCaption", { day: data.day })} testId="current-comparison-table" />
    </section>
  );
}
