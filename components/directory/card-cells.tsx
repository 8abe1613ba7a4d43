"use client";

import { useLocale, useNow, useTranslations } from "next-intl";
import type { RouterOutputs } from "@/components/api-types";
import { Badge } from "@/components/ui/badge";
import { formatNumber, formatRate } from "@/lib/scores/format";

/** A published card as the server sends it: hidden fields are absent, not empty. */
export type DirectoryCard = RouterOutputs["directory"]["search"]["cards"][number];

/**
 * A shown score with the card's decimals and its scale ("85.0/100", "4.78/5"), so a score of the
 * 100-point rules is never read as one of 5; "not shown" when its owner hides the field, "no
 * score" when it has none.
 */
export function ScoreValue({ card, value, shown }: { card: Pick<DirectoryCard, "scoreDecimals" | "scale">; value: number | null | undefined; shown: boolean }) {
  const t = useTranslations("directory");
  const locale = useLocale();
  if (!shown) return <span className="text-xs text-zinc-400">{t("hidden")}</span>;
  if (value === null || value === undefined) return <span className="text-xs text-zinc-500">{t("noScore")}</span>;
  return (
    <span className="whitespace-nowrap" title={t("scaleTitle", { min: card.scale.min, max: card.scale.max })} data-testid="card-score">
      <span className="font-medium tabular-nums">{formatNumber(value, locale, card.scoreDecimals, card.scoreDecimals)}</span>
      <span className="ml-0.5 text-xs text-zinc-500 tabular-nums" data-testid="card-score-scale">
        {t("outOf", { max: card.scale.max })}
      </span>
    </span>
  );
}

export function RateValue({ card }: { card: DirectoryCard }) {
  const t = useTranslations("directory");
  const locale = useLocale();
  if (!card.fields.includes("goodReviewRate")) return <span className="text-xs text-zinc-400">{t("hidden")}</span>;
  if (card.goodReviewRate === null || card.goodReviewRate === undefined) return <span className="text-xs text-zinc-500">—</span>;
  return <span className="tabular-nums">{formatRate(card.goodReviewRate, locale)}</span>;
}

export function TrendValue({ card }: { card: DirectoryCard }) {
  const t = useTranslations("directory");
  const locale = useLocale();
  if (!card.fields.includes("trend")) return <span className="text-xs text-zinc-400">{t("hidden")}</span>;
  const direction = card.trend?.direction;
  if (!direction) return <span className="text-xs text-zinc-500">—</span>;
  const change = card.trend?.change30;
  const tone = direction === "improving" ? "success" : direction === "falling" ? "danger" : "neutral";
  return (
    <Badge tone={tone}>
      {t(`trends.${direction}`)}
      {change !== null && change !== undefined ? ` ${change > 0 ? "+" : ""}${formatNumber(change, locale, card.scoreDecimals)}` : ""}
    </Badge>
  );
}

/** How fresh a card's values are: the day they are as of, and how long ago that was. */
export function Freshness({ day }: { day: string | null }) {
  const t = useTranslations("directory");
  const now = useNow();
  if (!day) return <span className="text-xs text-zinc-500">{t("noScore")}</span>;
  const days = Math.max(0, Math.floor((now.getTime() - Date.parse(`${day}T00:00:00+08:00`)) / 86_400_000));
  return (
    <span className="text-xs whitespace-nowrap text-zinc-600" title={t("freshness", { day })}>
      {t("freshness", { day })} · {t("freshnessAgo", { days })}
    </span>
  );
}

export function CategoryValue({ card }: { card: DirectoryCard }) {
  const t = useTranslations("directory");
  const locale = useLocale();
  if (!card.fields.includes("category")) return <span className="text-xs text-zinc-400">{t("hidden")}</span>;
  if (!card.category) return <span className="text-xs text-zinc-500">—</span>;
  return <span>{locale === "en" ? `${card.category.nameEn} · ${card.category.nameZh}` : card.category.nameZh}</span>;
}
