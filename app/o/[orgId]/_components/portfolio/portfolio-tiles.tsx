"use client";

import { useLocale, useTranslations } from "next-intl";
import type { PortfolioPageData } from "@/components/scores/types";
import { KpiGrid, KpiTile, type KpiTone } from "@/components/ui/kpi-tile";
import type { PortfolioFilters } from "@/lib/contracts/portfolio";
import { formatNumber } from "@/lib/scores/format";

type Tiles = PortfolioPageData["tiles"];

const BAND_TONES: KpiTone[] = ["success", "neutral", "warning", "danger"];

/** Headline numbers of the portfolio; band, risk and stale tiles toggle their filter. */
export function PortfolioTiles({ tiles, filters, onFilter }: { tiles: Tiles; filters: PortfolioFilters; onFilter: (patch: Partial<PortfolioFilters>) => void }) {
  const t = useTranslations("portfolio.tiles");
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale, 0);
  const selectedBand = filters.bands?.length === 1 ? filters.bands[0] : undefined;
  const movers = (list: Tiles["moversUp"]) =>
    list.length === 0 ? t("noMovers") : list.map((m) => `${m.name} ${m.change7 > 0 ? "+" : ""}${formatNumber(m.change7, locale, 2, 2)}`).join("；");
  return (
    <KpiGrid>
      {tiles.bands.map((band, i) => (
        <KpiTile
          key={band.key}
          testId={`portfolio-tile-band-${band.key}`}
          label={band.threshold.minScore === null ? t("bandFloor") : t("band", { score: band.threshold.minScore })}
          value={n(band.count)}
          hint={locale === "en" ? band.threshold.meaningEn : band.threshold.meaningZh}
          tone={BAND_TONES[i] ?? "neutral"}
          selected={selectedBand === band.key}
          onSelect={() => onFilter({ bands: selectedBand === band.key ? undefined : [band.key] })}
        />
      ))}
      <KpiTile
        testId="portfolio-tile-risk"
        label={t("atRisk")}
        value={tiles.riskAvailable ? n(tiles.atRisk) : "—"}
        hint={tiles.riskAvailable ? t("atRiskHint") : t("riskUnavailable")}
        tone={tiles.atRisk > 0 ? "danger" : "neutral"}
        selected={filters.atRisk === true}
        onSelect={tiles.riskAvailable ? () => onFilter({ atRisk: filters.atRisk === true ? undefined : true }) : undefined}
      />
      <KpiTile
        testId="portfolio-tile-stale"
        label={t("stale")}
        value={n(tiles.stale)}
        hint={t("staleHint")}
        tone={tiles.stale > 0 ? "warning" : "neutral"}
        selected={filters.stale === true}
        onSelect={() => onFilter({ stale: filters.stale === true ? undefined : true })}
      />
      <KpiTile
        testId="portfolio-tile-goals"
        label={t("goalsAtRisk")}
        value={n(tiles.goalsAtRisk)}
        hint={t("goalsAtRiskHint")}
        tone={tiles.goalsAtRisk > 0 ? "warning" : "neutral"}
      />
      <KpiTile testId="portfolio-tile-up" label={t("moversUp")} value={tiles.moversUp.length > 0 ? `+${formatNumber(tiles.moversUp[0]?.change7 ?? 0, locale, 2, 2)}` : "—"} hint={movers(tiles.moversUp)} tone="success" />
      <KpiTile testId="portfolio-tile-down" label={t("moversDown")} value={tiles.moversDown.length > 0 ? formatNumber(tiles.moversDown[0]?.change7 ?? 0, locale, 2, 2) : "—"} hint={movers(tiles.moversDown)} tone="danger" />
      <KpiTile testId="portfolio-tile-unscored" label={t("unscored")} value={n(tiles.unscored)} hint={t("unscoredHint")} />
    </KpiGrid>
  );
}
