"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useOrg } from "@/components/layout/org-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { useBilingual } from "@/components/scores/use-bilingual";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../../_components/page-header";
import { PlaybookEditor } from "./playbook-editor";
import { usePlaybookLabels } from "./use-playbook-labels";

/** One playbook: what it targets, when it is suggested, its steps; writers copy a built-in or edit their own. */
export function PlaybookDetail({ code }: { code: string }) {
  const t = useTranslations("playbooks");
  const tRoles = useTranslations("roles");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { orgId, can } = useOrg();
  const { english } = useBilingual();
  const labels = usePlaybookLabels();
  const [editing, setEditing] = useState(false);
  const entry = useQuery(trpc.playbooks.get.queryOptions({ code }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.playbooks.pathKey() });
  const copy = useMutation(
    trpc.playbooks.copy.mutationOptions({
      onSuccess: async (copied) => {
        await refresh();
        toast.show(t("copied", { code: copied.code }));
        router.push(`/o/${orgId}/playbooks/${encodeURIComponent(copied.code)}`);
      },
    }),
  );
  const archive = useMutation(
    trpc.playbooks.archive.mutationOptions({
      onSuccess: async (row) => {
        await refresh();
        toast.show(t(row.archived ? "archivedToast" : "restoredToast"));
      },
    }),
  );
  const back = (
    <Link href={`/o/${orgId}/playbooks`} className="text-sm text-zinc-600 hover:underline">
      ← {t("back")}
    </Link>
  );
  if (entry.isPending) return <PageSpinner label={t("loading")} />;
  if (entry.isError) return <div className="space-y-4">{back}<EmptyState title={t("notFound")} description={entry.error.message} /></div>;
  const e = entry.data;
  const d = e.definition;
  const mayWrite = can("playbooks.write");
  return (
    <div className="space-y-5">
      {back}
      <PageHeader
        title={labels.title(d)}
        description={english ? d.descriptionEn : d.descriptionZh}
        actions={
          mayWrite ? (
            e.source === "builtin" ? (
              <Button data-testid="playbook-copy" disabled={copy.isPending} onClick={() => copy.mutate({ code: e.code })}>
                {t("copy")}
              </Button>
            ) : (
              <>
                <Button variant="secondary" data-testid="playbook-edit" onClick={() => setEditing((x) => !x)}>
                  {t("edit")}
                </Button>
                <Button variant="ghost" disabled={archive.isPending} onClick={() => archive.mutate({ id: e.id ?? "", archived: !e.archived })}>
                  {t(e.archived ? "restore" : "archive")}
                </Button>
              </>
            )
          ) : null
        }
      />
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={e.source === "org" ? "brand" : "neutral"}>{t(`source.${e.source}`)}</Badge>
        <Badge>{t(`dimensions.${d.dimension}`)}</Badge>
        <span className="text-zinc-500">{t("version", { version: e.version })}</span>
        {e.basedOnCode ? <span className="text-zinc-500">{t("basedOn", { code: e.basedOnCode, version: e.basedOnVersion ?? 1 })}</span> : null}
        {e.archived ? <Badge tone="warning">{t("archived")}</Badge> : null}
      </div>
      {editing && e.id ? (
        <PlaybookEditor id={e.id} definition={d} onDone={() => setEditing(false)} />
      ) : (
        <>
          <div className="grid gap-4 md:grid-cols-2">
            <Card title={t("indicators")}>
              <ul className="space-y-1 text-sm">
                {d.indicators.map((code) => (
                  <li key={code}>{labels.indicatorName(code)}</li>
                ))}
              </ul>
            </Card>
            <Card title={t("triggers")}>
              {d.triggers.length === 0 ? (
                <p className="text-sm text-zinc-600">{t("noTriggers")}</p>
              ) : (
                <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="playbook-triggers">
                  {d.triggers.map((trigger, i) => (
                    <li key={i}>{labels.trigger(trigger)}</li>
                  ))}
                </ul>
              )}
            </Card>
          </div>
          <Card title={t("steps")} testId="playbook-steps">
            <ol className="divide-y divide-zinc-100">
              {d.steps.map((step, i) => (
                <li key={step.key} className="py-3 first:pt-0 last:pb-0">
                  <p className="text-sm text-zinc-900">
                    <span className="mr-2 font-medium text-zinc-500">{i + 1}.</span>
                    {english ? step.textEn : step.textZh}
                  </p>
                  <div className="mt-1 flex flex-wrap gap-2 text-xs text-zinc-600">
                    <Badge>{t(`cadence.${step.cadence}`)}</Badge>
                    <span>
                      {t("owner")}: {tRoles(step.ownerRole)}
                    </span>
                    <span>
                      {t("evidenceLabel")}: {t(`evidence.${step.evidence}`)}
                    </span>
                  </div>
                </li>
              ))}
            </ol>
          </Card>
        </>
      )}
    </div>
  );
}
