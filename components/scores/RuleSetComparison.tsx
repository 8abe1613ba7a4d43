"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import type { ScoreScale } from "@/lib/contracts/explanation";
import type { ComparedDay } from "@/lib/contracts/rule-compare";
import { POINTS_RULE_SET_NAMES, RULE_SET_LABELS } from "@/lib/contracts/rule-sets";
import { formatDay, formatNumber, formatScore } from "@/lib/scores/format";
import type { ScoreHistoryPoint } from "./types";
import { useBilingual } from "./use-bilingual";
import type { useRuleSetComparison } from "./use-rule-set-comparison";

type Comparison = ReturnType<typeof useRuleSetComparison>;
type Row = ComparedDay & { own: number | null };

/** A rule set's name as operators read it, in the user's language. */
export function useRuleSetLabel() {
  const { english } = useBilingual();
  return (name: string) => {
    const label = (RULE_SET_LABELS as Record<string, { zh: string; en: string } | undefined>)[name];
    return label ? (english ? label.en : label.zh) : name;
  };
}

/**
 * 对比规则: the shop's days recomputed under another 100-point or SPS rule set, day by day beside
 * its own shown score. Every number is the server's (shown scores, the 5-point display); this only
 * formats them.
 */
export function RuleSetComparison({ comparison, ownRuleSet, ownScale, history }: { comparison: Comparison; ownRuleSet: string; ownScale: ScoreScale; history: readonly ScoreHistoryPoint[] }) {
  const t = useTranslations("scores.compare");
  const tScores = useTranslations("scores");
  const { locale } = useBilingual();
  const labelOf = useRuleSetLabel();
  const { ruleSet, setRuleSet, query } = comparison;
  const options = POINTS_RULE_SET_NAMES.filter((name) => name !== ownRuleSet).map((name) => ({ value: name, label: labelOf(name) }));
  const ownByDay = new Map(history.map((h) => [h.day, h.overallShown]));
  const otherLabel = labelOf(ruleSet);
  const noScore = t("noScore");

  let body = null;
  if (ruleSet === "") {
    body = null;
  } else if (query.isPending) {
    body = (
      <div data-testid="rule-compare-computing" className="flex items-center gap-2 py-4 text-sm text-zinc-600" role="status">
        <Spinner size="sm" /> {t("computing")}
      </div>
    );
  } else if (query.isError) {
    body = (
      <EmptyState
        title={t("failed")}
        description={query.error.message}
        action={
          <Button variant="secondary" loading={query.isFetching} onClick={() => void query.refetch()}>
            {tScores("retry")}
          </Button>
        }
      />
    );
  } else {
    const data = query.data;
    const scale: ScoreScale = data.ruleSet;
    const rows: Row[] = [...data.days].reverse().map((d) => ({ ...d, own: ownByDay.get(d.day) ?? null }));
    const columns: Column<Row>[] = [
      { key: "day", header: t("columns.day"), primary: true, cell: (r) => <span className="tabular-nums">{formatDay(r.day, locale)}</span> },
      { key: "own", header: t("columns.own"), align: "end", cell: (r) => <span className="tabular-nums">{r.own === null ? noScore : formatScore(r.own, ownScale, locale)}</span> },
      { key: "other", header: t("columns.other"), align: "end", cell: (r) => <span className="tabular-nums">{r.overallShown === null ? noScore : formatScore(r.overallShown, scale, locale)}</span> },
      { key: "score5", header: t("columns.score5"), align: "end", cell: (r) => <span className="tabular-nums">{r.score5 === null ? noScore : formatNumber(r.score5, locale, 2)}</span> },
      { key: "stage", header: t("columns.stage"), cell: (r) => t(`stage.${r.state}`) },
    ];
    const range = t("range", { from: formatDay(data.from, locale, true), to: formatDay(data.to, locale, true), days: data.days.length, ruleSet: otherLabel });
    body = data.days.some((d) => d.overallShown !== null) ? (
      <div className="space-y-2">
        <p data-testid="rule-compare-range" className="text-xs text-zinc-600">
          {range}
        </p>
        <Table rows={rows} columns={columns} rowKey={(r) => r.day} caption={t("caption", { ruleSet: otherLabel })} testId="rule-compare-table" />
      </div>
    ) : (
      <EmptyState title={t("empty", { from: formatDay(data.from, locale, true), to: formatDay(data.to, locale, true) })} />
    );
  }

  return (
    <Card title={t("title")} description={t("lead")} testId="rule-compare">
      <div className="space-y-3">
        <label className="block max-w-sm text-sm font-medium text-zinc-800">
          {t("choose")}
          <Select className="mt-1" value={ruleSet} onChange={(e) => setRuleSet(e.target.value)} options={options} placeholder={t("placeholder")} data-testid="rule-compare-select" />
        </label>
        {body}
      </div>
    </Card>
  );
}
