"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useOrg } from "@/components/layout/org-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import type { ProblemLogRow } from "@/lib/contracts/queues";
import { useTRPC } from "@/lib/trpc-client";
import { ProblemForm } from "./ProblemForm";
import { useQueueRefresh } from "./use-queue-mutations";
import type { QueueScope } from "./use-queue-format";

/** 问题归因 The problem-attribution log operators keep per shop: problem, cases, team, fix, measured effect, linked facts. */
export function ProblemLog({ scope, shops }: { scope: QueueScope; shops: readonly { id: string; name: string }[] }) {
  const t = useTranslations("queues");
  const tv = useTranslations("voc");
  const trpc = useTRPC();
  const { can } = useOrg();
  const mayWrite = can("queues.write");
  const rows = useQuery(trpc.queues.problems.queryOptions(scope));
  const remove = useMutation(trpc.queues.deleteProblem.mutationOptions());
  const refresh = useQueueRefresh();
  const [editing, setEditing] = useState<ProblemLogRow | "new" | null>(null);
  if (rows.isPending) return <PageSpinner label={t("tabs.problems")} />;
  if (rows.isError) return <EmptyState title={t("loadFailed")} description={rows.error.message} />;
  const columns: Column<ProblemLogRow>[] = [
    { key: "problem", header: t("problems.problem"), primary: true, cell: (r) => <span className="inline-flex items-center gap-2">{tv(`problemTypes.${r.problemType}`)}<Badge>{t("problems.casesCount", { count: r.cases })}</Badge></span> },
    { key: "shop", header: t("columns.shop"), cell: (r) => r.shopName },
    { key: "team", header: t("problems.team"), cell: (r) => r.owningTeam },
    { key: "fix", header: t("problems.fix"), cell: (r) => <span className="line-clamp-3 max-w-xs">{r.fix}</span> },
    { key: "effect", header: t("problems.effect"), cell: (r) => r.effect ?? "—" },
    { key: "links", header: t("problems.links"), cell: (r) => t("problems.linksCount", { facts: r.factRefs.length, checklist: r.checklistId ? 1 : 0 }) },
    {
      key: "actions",
      header: t("columns.actions"),
      align: "end",
      cell: (r) =>
        mayWrite ? (
          <span className="inline-flex gap-1">
            <Button size="sm" variant="secondary" onClick={() => setEditing(r)}>{t("edit")}</Button>
            <Button size="sm" variant="ghost" onClick={() => remove.mutate({ id: r.id }, { onSuccess: () => void refresh.done(), onError: refresh.failed })}>{t("delete")}</Button>
          </span>
        ) : null,
    },
  ];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-zinc-600">{t("problems.lead")}</p>
        {mayWrite && shops.length > 0 ? <Button size="sm" onClick={() => setEditing("new")} data-testid="problem-new">{t("problems.new")}</Button> : null}
      </div>
      {rows.data.length === 0 ? <EmptyState title={t("problems.empty")} /> : <Table rows={rows.data} columns={columns} rowKey={(r) => r.id} caption={t("tabs.problems")} testId="problem-log" />}
      {editing ? <ProblemForm shops={shops} entry={editing === "new" ? null : editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
