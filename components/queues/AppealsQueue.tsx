"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useOrg } from "@/components/layout/org-context";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Menu } from "@/components/ui/menu";
import { PageSpinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import { APPEAL_OUTCOMES, type AppealOutcome, type AppealRow } from "@/lib/contracts/queues";
import { useTRPC } from "@/lib/trpc-client";
import { AppealForm } from "./AppealForm";
import { useQueueRefresh } from "./use-queue-mutations";
import { useQueueFormat, type QueueScope } from "./use-queue-format";

const OUTCOME_TONES: Record<AppealOutcome, BadgeTone> = { pending: "warning", upheld: "success", rejected: "danger" };

/** 申诉 Appeals against reviews, after-sales, complaints, disputes and penalties: evidence, deadline, outcome. Upheld exempts the fact and rescores. */
export function AppealsQueue({ scope, shops }: { scope: QueueScope; shops: readonly { id: string; name: string }[] }) {
  const t = useTranslations("queues");
  const trpc = useTRPC();
  const fmt = useQueueFormat();
  const { can } = useOrg();
  const mayWrite = can("queues.write");
  const rows = useQuery(trpc.queues.appeals.queryOptions(scope));
  const decide = useMutation(trpc.queues.decideAppeal.mutationOptions());
  const refresh = useQueueRefresh();
  const [filing, setFiling] = useState(false);
  if (rows.isPending) return <PageSpinner label={t("tabs.appeals")} />;
  if (rows.isError) return <EmptyState title={t("loadFailed")} description={rows.error.message} />;
  const columns: Column<AppealRow>[] = [
    { key: "fact", header: t("appeals.factKey"), primary: true, cell: (r) => <span className="inline-flex flex-wrap items-center gap-2"><Badge>{t(`appealSubjects.${r.subject}`)}</Badge><span className="font-mono text-xs break-all">{r.factKey}</span></span> },
    { key: "shop", header: t("columns.shop"), cell: (r) => r.shopName },
    { key: "reason", header: t("appeals.reason"), cell: (r) => <span className="line-clamp-3 max-w-xs">{r.reason}</span> },
    {
      key: "evidence",
      header: t("appeals.evidence"),
      cell: (r) => (
        <span className="space-y-1">
          {r.evidenceNote ? <span className="line-clamp-2 block max-w-xs">{r.evidenceNote}</span> : null}
          {r.evidenceUrl ? <a href={r.evidenceUrl} target="_blank" rel="noopener noreferrer nofollow" className="text-rose-700 underline">{t("appeals.link")}</a> : null}
          {!r.evidenceNote && !r.evidenceUrl ? "—" : null}
        </span>
      ),
    },
    { key: "deadline", header: t("appeals.deadline"), cell: (r) => (r.deadlineDay ? fmt.day(r.deadlineDay) : "—") },
    {
      key: "outcome",
      header: t("appeals.outcome"),
      align: "end",
      cell: (r) =>
        mayWrite ? (
          <Menu
            trigger={<Badge tone={OUTCOME_TONES[r.outcome]}>{t(`appealOutcomes.${r.outcome}`)}</Badge>}
            triggerLabel={t("appeals.outcome")}
            variant="ghost"
            items={APPEAL_OUTCOMES.map((o) => ({ key: o, label: t(`appealOutcomes.${o}`), onSelect: () => decide.mutate({ id: r.id, outcome: o }, { onSuccess: (res) => void refresh.done(res.factsChanged ? t("appeals.rescoring") : t("saved")), onError: refresh.failed }) }))}
          />
        ) : (
          <Badge tone={OUTCOME_TONES[r.outcome]}>{t(`appealOutcomes.${r.outcome}`)}</Badge>
        ),
    },
  ];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-zinc-600">{t("appeals.lead")}</p>
        {mayWrite && shops.length > 0 ? <Button size="sm" onClick={() => setFiling(true)}>{t("appeals.new")}</Button> : null}
      </div>
      {rows.data.length === 0 ? <EmptyState title={t("appeals.empty")} /> : <Table rows={rows.data} columns={columns} rowKey={(r) => r.id} caption={t("tabs.appeals")} testId="appeals-queue" />}
      {filing ? <AppealForm shops={shops} onClose={() => setFiling(false)} /> : null}
    </div>
  );
}
