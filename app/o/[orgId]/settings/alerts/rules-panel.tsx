"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { serverErrorsOf } from "@/components/forms/validation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import type { RouterOutputs } from "@/components/api-types";
import { useTRPC } from "@/lib/trpc-client";
import { RuleBuilder, type RuleDraft } from "./rule-builder";

type Rule = RouterOutputs["alerts"]["rules"][number];

/** The organisation's rules; analysts and above create, change and delete them with the builder. */
export function RulesPanel({ editable }: { editable: boolean }) {
  const t = useTranslations("alerts");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const rules = useQuery(trpc.alerts.rules.queryOptions());
  const endpoints = useQuery(trpc.alerts.endpoints.queryOptions());
  const [editing, setEditing] = useState<Rule | "new" | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() });
  const create = useMutation(trpc.alerts.createRule.mutationOptions({ onSuccess: async () => { await refresh(); setEditing(null); toast.show(t("rules.saved")); } }));
  const update = useMutation(trpc.alerts.updateRule.mutationOptions({ onSuccess: async () => { await refresh(); setEditing(null); toast.show(t("rules.saved")); } }));
  const remove = useMutation(trpc.alerts.deleteRule.mutationOptions({ onSuccess: refresh }));
  if (rules.isPending) return <PageSpinner label={t("tabs.rules")} />;
  const endpointName = new Map((endpoints.data ?? []).map((e) => [e.id, e.name]));

  const save = (draft: RuleDraft) => {
    if (editing && editing !== "new") update.mutate({ id: editing.id, ...draft });
    else create.mutate(draft);
  };
  const columns: Column<Rule>[] = [
    { key: "name", header: t("rules.name"), cell: (r) => r.name, primary: true },
    { key: "rule", header: t("rules.rule"), cell: (r) => <code className="font-mono text-xs">{r.rule}</code> },
    { key: "scope", header: t("rules.scope"), cell: (r) => r.entity?.name ?? t("rules.scopeAll") },
    { key: "sendTo", header: t("rules.sendTo"), cell: (r) => [t("rules.inApp"), ...r.endpointIds.map((id) => endpointName.get(id) ?? "…")].join("、") },
    { key: "enabled", header: t("rules.state"), cell: (r) => (r.enabled ? <Badge tone="success">{t("rules.on")}</Badge> : <Badge>{t("rules.off")}</Badge>) },
    ...(editable
      ? [
          {
            key: "actions",
            header: tAll("common.actions"),
            align: "end" as const,
            cell: (r: Rule) => (
              <div className="flex justify-end gap-2">
                <Button type="button" size="sm" variant="secondary" onClick={() => setEditing(r)}>
                  {tAll("common.edit")}
                </Button>
                <Button type="button" size="sm" variant="danger" loading={remove.isPending && remove.variables.id === r.id} onClick={() => window.confirm(t("rules.confirmDelete", { name: r.name })) && remove.mutate({ id: r.id })}>
                  {t("rules.delete")}
                </Button>
              </div>
            ),
          },
        ]
      : []),
  ];
  const pending = editing === "new" ? create : update;
  return (
    <div className="space-y-4">
      {editable && editing === null ? (
        <div className="flex justify-end">
          <Button type="button" onClick={() => setEditing("new")} data-testid="new-rule">
            {t("rules.new")}
          </Button>
        </div>
      ) : null}
      {editing !== null ? (
        <RuleBuilder
          key={editing === "new" ? "new" : editing.id}
          initial={editing === "new" ? null : { name: editing.name, rule: editing.rule, entity: editing.entity ? { kind: editing.entity.kind, id: editing.entity.id } : null, endpointIds: editing.endpointIds, enabled: editing.enabled }}
          endpoints={endpoints.data ?? []}
          pending={pending.isPending}
          error={serverErrorsOf(pending.error, tAll).message}
          onSubmit={save}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {(rules.data ?? []).length === 0 ? <EmptyState title={t("rules.empty")} /> : <Table rows={rules.data ?? []} columns={columns} rowKey={(r) => r.id} caption={t("tabs.rules")} testId="alert-rules-table" />}
    </div>
  );
}
