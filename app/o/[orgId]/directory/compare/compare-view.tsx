"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { CategoryValue, Freshness, RateValue, ScoreValue, TrendValue, type DirectoryCard } from "@/components/directory/card-cells";
import { useOrg } from "@/components/layout/org-context";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { MAX_COMPARE } from "@/lib/contracts/directory";
import { formatNumber, formatRate, percentileToPercent } from "@/lib/scores/format";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../../_components/page-header";
import { CompareChart } from "./compare-chart";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A side-by-side grid: one row per measure, one column per card (scrolls sideways on a phone). */
function Grid({ cards, rows, caption }: { cards: DirectoryCard[]; rows: { key: string; label: ReactNode; cell: (card: DirectoryCard) => ReactNode }[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="sticky left-0 bg-white px-3 py-2" />
            {cards.map((card) => (
              <th key={card.card} scope="col" className="px-3 py-2 text-right font-semibold whitespace-nowrap text-zinc-900">
                {card.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" className="sticky left-0 bg-white px-3 py-2 text-left font-medium whitespace-nowrap text-zinc-600">
                {row.label}
              </th>
              {cards.map((card) => (
                <td key={card.card} className="px-3 py-2 text-right">
                  {row.cell(card)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CompareView() {
  const t = useTranslations("directory");
  const locale = useLocale();
  const trpc = useTRPC();
  const { orgId } = useOrg();
  const cardIds = (useSearchParams().get("cards") ?? "").split(",").filter((id) => UUID.test(id)).slice(0, MAX_COMPARE);
  const compared = useQuery({ ...trpc.directory.compare.queryOptions({ cardIds }), enabled: cardIds.length > 0 });
  const back = (
    <Link href={`/o/${orgId}/directory`} className={buttonClasses("secondary", "sm")}>
      {t("compare.back")}
    </Link>
  );
  if (cardIds.length === 0) return <EmptyState title={t("compare.title")} description={t("compare.none")} action={back} />;
  if (compared.isPending) return <PageSpinner label={t("results.loading")} />;
  const cards = cardIds.flatMap((id) => compared.data?.cards.find((c) => c.card === id) ?? []);
  const shown = (card: DirectoryCard, field: DirectoryCard["fields"][number]) => card.fields.includes(field);
  const codes = [...new Set(cards.flatMap((c) => (c.indicators ?? []).map((i) => i.code)))];
  const indicatorName = (code: string) => {
    const found = cards.flatMap((c) => c.indicators ?? []).find((i) => i.code === code);
    return found ? (locale === "en" ? found.nameEn : found.nameZh) : code;
  };
  const series = cards
    .filter((card) => shown(card, "trend") && shown(card, "overall"))
    .map((card) => ({ cardId: card.card, name: card.name, points: (compared.data?.history ?? []).filter((h) => h.cardId === card.card) }));

  return (
    <div className="space-y-5" data-testid="compare-view">
      <PageHeader title={t("compare.title")} description={t("compare.lead")} actions={back} />
      <Card title={t("compare.scores")}>
        <Grid
          caption={t("compare.scores")}
          cards={cards}
          rows={[
            { key: "kind", label: t("columns.kind"), cell: (card) => t(`kinds.${card.kind}`) },
            { key: "category", label: t("columns.category"), cell: (card) => <CategoryValue card={card} /> },
            { key: "overall", label: t("columns.overall"), cell: (card) => <ScoreValue card={card} value={card.overall} shown={shown(card, "overall")} /> },
            ...(["product", "logistics", "service"] as const).map((code) => ({
              key: code,
              label: t(`dimensions.${code}`),
              cell: (card: DirectoryCard) => <ScoreValue card={card} value={card.dimensions?.[code]} shown={shown(card, "dimensions")} />,
            })),
            { key: "goodReviewRate", label: t("columns.goodReviewRate"), cell: (card) => <RateValue card={card} /> },
            { key: "trend", label: t("columns.trend"), cell: (card) => <TrendValue card={card} /> },
            { key: "day", label: t("columns.day"), cell: (card) => <Freshness day={card.day} /> },
          ]}
        />
      </Card>
      {codes.length > 0 ? (
        <Card title={t("compare.indicators")}>
          <Grid
            caption={t("compare.indicators")}
            cards={cards}
            rows={codes.map((code) => ({
              key: code,
              label: indicatorName(code),
              cell: (card) => {
                if (!shown(card, "indicators")) return <span className="text-xs text-zinc-400">{t("hidden")}</span>;
                const indicator = card.indicators?.find((i) => i.code === code);
                if (!indicator) return "—";
                const value = code.endsWith("_rate") ? formatRate(indicator.value, locale) : formatNumber(indicator.value, locale, 1);
                return (
                  <span className="tabular-nums">
                    {value}
                    {indicator.percentile !== null ? <span className="block text-xs text-zinc-500">{t("compare.percentile", { value: percentileToPercent(indicator.percentile) })}</span> : null}
                  </span>
                );
              },
            }))}
          />
        </Card>
      ) : null}
      <Card title={t("compare.trendChart")}>
        <CompareChart series={series} />
      </Card>
    </div>
  );
}
