"use client";

import clsx from "clsx";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { GoalStatusBadge } from "@/components/goals/goal-status-badge";
import { ScoreBadge } from "@/components/scores/ScoreBadge";
import type { PortfolioRow } from "@/components/scores/types";
import { Badge } from "@/components/ui/badge";
import { Sparkline } from "@/components/ui/sparkline";
import type { Column } from "@/components/ui/table";
import { scoredEntityKinds } from "@/lib/contracts/entities";
import { PORTFOLIO_DIMENSIONS, type PortfolioColumn, type PortfolioSortKey } from "@/lib/contracts/portfolio";
import { formatChange, formatDay, formatScore, formatThreshold } from "@/lib/scores/format";

const FRESHNESS_KINDS = ["orders", "reviews", "afterSales", "complaints", "chats"] as const;

function Change({ value, row }: { value: number | null; row: PortfolioRow }) {
  const locale = useLocale();
  if (value === null) return <span className="text-zinc-400">—</span>;
  return (
    <span className={clsx("tabular-nums", value > 0 ? "text-emerald-700" : value < 0 ? "text-red-700" : "text-zinc-600")}>
      {formatChange(value, row.scale, locale)}
    </span>
  );
}

/** The table's columns for the columns the user chose; the name always leads. */
export function usePortfolioColumns(options: { orgId: string; chosen: readonly PortfolioColumn[]; riskAvailable: boolean }): Column<PortfolioRow>[] {
  const t = useTranslations("portfolio");
  const locale = useLocale();
  const zh = locale !== "en";
  const { orgId, chosen, riskAvailable } = options;
  const sortable = (key: PortfolioSortKey) => ({ key, sortable: true });

  const byColumn: Record<PortfolioColumn, Column<PortfolioRow>[]> = {
    kind: [{ ...sortable("kind"), header: t("columns.kind"), cell: (r) => t(`kinds.${r.kind}`) }],
    alias: [{ ...sortable("alias"), header: t("columns.alias"), cell: (r) => r.alias ?? "—" }],
    owner: [{ ...sortable("owner"), header: t("columns.owner"), cell: (r) => r.owner?.name ?? <span className="text-zinc-400">{t("noOwner")}</span> }],
    category: [{ ...sortable("category"), header: t("columns.category"), cell: (r) => (zh ? r.category.nameZh : r.category.nameEn) }],
    ruleSet: [{ ...sortable("ruleSet"), header: t("columns.ruleSet"), cell: (r) => <span className="text-xs text-zinc-600">{r.ruleSet}</span> }],
    overall: [
      {
        ...sortable("overall"),
        header: t("columns.overall"),
        align: "end",
        cell: (r) => (r.overall ? <ScoreBadge score={r.overall} scale={r.scale} testId="portfolio-score" /> : <ScoreBadge score={null} testId="portfolio-score" />),
      },
    ],
    dimensions: PORTFOLIO_DIMENSIONS.map((code) => ({
      ...sortable(`dimension.${code}`),
      header: t(`dimensions.${code}`),
      align: "end" as const,
      cell: (r: PortfolioRow) => {
        const score = r.dimensions.find((d) => d.code === code)?.score;
        return score ? <span className="tabular-nums">{formatScore(score.shown, r.scale, locale)}</span> : <span className="text-zinc-400">—</span>;
      },
    })),
    change7: [{ ...sortable("change7"), header: t("columns.change7"), align: "end", cell: (r) => <Change value={r.change7} row={r} /> }],
    change30: [{ ...sortable("change30"), header: t("columns.change30"), align: "end", cell: (r) => <Change value={r.change30} row={r} /> }],
    sparkline: [
      {
        key: "sparkline",
        header: t("columns.sparkline"),
        cell: (r) =>
          r.sparkline.some((v) => v !== null) ? (
            <Sparkline values={r.sparkline} min={r.scale.scoreBounds.min} max={r.scale.scoreBounds.max} label={t("sparklineLabel", { name: r.name })} />
          ) : (
            <span className="text-zinc-400">—</span>
          ),
      },
    ],
    thresholds: [
      {
        key: "thresholds",
        header: t("columns.thresholds"),
        cell: (r) => (
          <span className="text-xs whitespace-nowrap text-zinc-600 tabular-nums">
            {r.nextAbove?.minScore != null ? t("above", { score: formatThreshold(r.nextAbove.minScore, r.scale, locale) }) : t("top")}
            {" · "}
            {r.nextBelow?.minScore != null ? t("below", { score: formatThreshold(r.nextBelow.minScore, r.scale, locale) }) : t("bottom")}
          </span>
        ),
      },
    ],
    risk: [
      {
        ...sortable("risk"),
        header: t("columns.risk"),
        cell: (r) => {
          // Under the 100-point rules the column names the thresholds the score misses (or the exit risk).
          if (r.currentThresholds) {
            const missed = r.currentThresholds.filter((th) => th.status === "not_met");
            if (missed.length === 0) return <span className="text-zinc-400">{t("thresholdsAllMet")}</span>;
            return (
              <Badge tone="danger" wrap>
                {t(missed.some((th) => th.risk) ? "thresholdsRisk" : "thresholdsMissed", { list: missed.map((th) => (locale === "en" ? th.nameEn : th.nameZh)).join(locale === "en" ? ", " : "、") })}
              </Badge>
            );
          }
          if (!riskAvailable) return <span className="text-zinc-400" title={t("riskUnavailable")}>—</span>;
          if (!r.risk || r.risk.threshold.minScore === null) return <span className="text-zinc-400">{t("noRisk")}</span>;
          return (
            <Badge tone="danger">
              {t("risk", { score: formatThreshold(r.risk.threshold.minScore, r.scale, locale), day: formatDay(r.risk.crossingDay, locale) })}
            </Badge>
          );
        },
      },
    ],
    state: [
      {
        ...sortable("state"),
        header: t("columns.state"),
        cell: (r) =>
          r.state === "insufficient_data" ? (
            <Badge tone="warning">{t("insufficient", { missing: r.missingValidOrders ?? 0 })}</Badge>
          ) : r.state === "scored" ? (
            <span className="text-zinc-600">{t("scored")}</span>
          ) : (
            <span className="text-zinc-400">{t("unscored")}</span>
          ),
      },
    ],
    freshness: [
      {
        ...sortable("freshness"),
        header: t("columns.freshness"),
        cell: (r) => (
          <div className="space-y-0.5 text-xs text-zinc-600" data-testid="portfolio-freshness">
            {r.freshness.stale ? <Badge tone="warning">{t("stale")}</Badge> : null}
            <div className="grid grid-cols-[auto_auto] justify-end gap-x-2 tabular-nums md:justify-start">
              {FRESHNESS_KINDS.map((kind) => (
                <span key={kind} className="contents">
                  <span className="text-zinc-400">{t(`freshnessKinds.${kind}`)}</span>
                  <span>{r.freshness[kind] ? formatDay(r.freshness[kind], locale) : "—"}</span>
                </span>
              ))}
            </div>
          </div>
        ),
      },
    ],
    grants: [{ key: "grants", header: t("columns.grants"), cell: (r) => r.grantees.map((g) => g.name).join(zh ? "、" : ", ") || "—" }],
  };

  const name: Column<PortfolioRow> = {
    ...sortable("name"),
    header: t("columns.name"),
    primary: true,
    cell: (r) => (
      <div className="min-w-0">
        <Link href={`/o/${orgId}/${scoredEntityKinds[r.kind].plural}/${r.id}`} className="font-medium text-zinc-900 hover:text-rose-700 hover:underline">
          {r.name}
        </Link>
        {r.kind === "creator" ? <span className="ml-2 align-middle"><Badge>{t("kinds.creator")}</Badge></span> : null}
        {r.goal ? (
          <span className="ml-2 align-middle" title={t("goalHint")}>
            <GoalStatusBadge status={r.goal.status} testId="portfolio-goal" />
          </span>
        ) : null}
        {r.alias ? <div className="text-xs text-zinc-500">{r.alias}</div> : null}
        {r.recalculating ? <div className="text-xs text-amber-700">{t("recalculatingRow")}</div> : null}
      </div>
    ),
  };
  return [name, ...chosen.flatMap((column) => byColumn[column])];
}
