"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useLocalText } from "@/components/checklists/local-text";
import { Card } from "@/components/ui/card";
import { Table, type Column } from "@/components/ui/table";
import type { PlaybookEffect } from "@/lib/contracts/checklists";
import { formatNumber } from "@/lib/scores/format";
import { useTRPC } from "@/lib/trpc-client";

const OFFSETS = ["7", "14", "30"] as const;

/** Each playbook's mean change of the overall score at 7, 14 and 30 days, across this organisation's checklists. */
export function PlaybookEffects() {
  const t = useTranslations("checklists");
  const locale = useLocale();
  const local = useLocalText();
  const trpc = useTRPC();
  const effects = useQuery(trpc.checklists.effects.queryOptions());
  const rows = effects.data ?? [];
  const change = (value: number | null) =>
    value === null ? "—" : `${value > 0 ? "+" : value < 0 ? "−" : "±"}${formatNumber(Math.abs(value), locale, 2)}`;
  const columns: Column<PlaybookEffect>[] = [
    { key: "playbook", header: t("playbook"), primary: true, cell: (r) => <span className="font-medium">{local(r.titleZh, r.titleEn)}</span> },
    { key: "checklists", header: t("effects.checklists"), align: "end", cell: (r) => r.checklists },
    ...OFFSETS.map(
      (offset): Column<PlaybookEffect> => ({
        key: `at${offset}`,
        header: t("effects.at", { days: offset }),
        align: "end",
        cell: (r) => (
          <span className="tabular-nums">
            {change(r.at[offset].overall)}
            <span className="block text-xs text-zinc-500">{t("effects.measured", { count: r.at[offset].measured })}</span>
          </span>
        ),
      }),
    ),
  ];
  return (
    <Card title={t("effects.title")} description={t("effects.description")} testId="playbook-effects">
      {rows.length === 0 ? <p className="text-sm text-zinc-500">{t("effects.empty")}</p> : <Table rows={rows} columns={columns} rowKey={(r) => r.playbookCode} caption={t("effects.title")} />}
    </Card>
  );
}
