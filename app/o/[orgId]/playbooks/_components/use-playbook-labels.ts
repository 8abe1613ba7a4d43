"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useBilingual } from "@/components/scores/use-bilingual";
import type { PlaybookTrigger } from "@/lib/contracts/playbooks";
import { useTRPC } from "@/lib/trpc-client";

/** Names for what a playbook definition holds as codes: indicators (from the server's catalogue), dimensions, triggers. */
export function usePlaybookLabels() {
  const t = useTranslations("playbooks");
  const trpc = useTRPC();
  const { primary } = useBilingual();
  const library = useQuery(trpc.playbooks.list.queryOptions({ includeArchived: true }));
  const indicators = library.data?.indicators ?? [];
  const indicatorOf = (code: string) => indicators.find((i) => i.code === code);
  const indicatorName = (code: string) => {
    const found = indicatorOf(code);
    return found ? primary(found) : code;
  };
  /** A bound as the indicator reads: rates in percent, durations in hours. */
  const bound = (code: string, value: number) =>
    indicatorOf(code)?.kind === "rate" ? `${Math.round(value * 1000) / 10}%` : indicatorOf(code)?.kind === "mean" ? `${value} h` : String(value);
  const trigger = (x: PlaybookTrigger): string => {
    switch (x.type) {
      case "indicator_percentile_below":
        return t("trigger.indicator_percentile_below", { indicator: indicatorName(x.indicator), below: x.below });
      case "indicator_value":
        return t("trigger.indicator_value", { indicator: indicatorName(x.indicator), op: x.op, value: bound(x.indicator, x.value) });
      case "score_below":
        return t("trigger.score_below", { target: t(`dimensions.${x.target}`), below: x.below });
      case "forecast_below":
        return t("trigger.forecast_below", { threshold: x.threshold, withinDays: x.withinDays });
    }
  };
  return { indicators, indicatorName, trigger, title: (d: { titleZh: string; titleEn: string }) => primary({ nameZh: d.titleZh, nameEn: d.titleEn }) };
}
