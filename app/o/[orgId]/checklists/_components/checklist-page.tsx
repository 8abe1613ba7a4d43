"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { ChecklistItem } from "@/components/checklists/checklist-item";
import { EffectPanel } from "@/components/checklists/effect-panel";
import { useLocalText } from "@/components/checklists/local-text";
import { ChecklistStatusBadge } from "@/components/checklists/status-badge";
import { useOrg } from "@/components/layout/org-context";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { renderStored } from "@/lib/contracts/message";
import { formatDay } from "@/lib/scores/format";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../../_components/page-header";

/** A playbook applied to one shop or creator account: its steps with their occurrences, and what changed since it started. */
export function ChecklistPage({ id }: { id: string }) {
  const t = useTranslations("checklists");
  const tAll = useTranslations();
  const locale = useLocale();
  const local = useLocalText();
  const { orgId } = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const checklist = useQuery(trpc.checklists.get.queryOptions({ id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.checklists.pathKey() });
  const close = useMutation(trpc.checklists.close.mutationOptions({ onSuccess: refresh, onError: (e) => toast.show(e.message, "error") }));

  const back = (
    <Link href={`/o/${orgId}/checklists`} className="text-sm text-zinc-600 hover:underline">
      ← {t("backToList")}
    </Link>
  );
  if (checklist.isPending) return <PageSpinner label={t("title")} />;
  if (checklist.isError) {
    return (
      <div className="space-y-4">
        {back}
        <EmptyState title={checklist.error.message} description={t("notFound")} />
      </div>
    );
  }
  const c = checklist.data;
  const entityHref = `/o/${orgId}/${c.entityKind === "shop" ? "shops" : "creators"}/${c.entityId}`;
  const render = (key: string, params?: Record<string, string | number>) => (tAll.has(key) ? tAll(key, params) : key);
  return (
    <div className="space-y-6">
      {back}
      <PageHeader
        title={
          <span className="inline-flex flex-wrap items-center gap-2" data-testid="checklist-title">
            {local(c.titleZh, c.titleEn)}
            <ChecklistStatusBadge status={c.status} />
          </span>
        }
        actions={
          c.canWrite ? (
            <div className="flex flex-wrap gap-2">
              <Button type="button" size="sm" onClick={() => close.mutate({ id: c.id, outcome: "done" })} loading={close.isPending} data-testid="close-checklist">
                {t("closeDone")}
              </Button>
              <Button type="button" size="sm" variant="secondary" onClick={() => close.mutate({ id: c.id, outcome: "cancelled" })} loading={close.isPending}>
                {t("cancel")}
              </Button>
            </div>
          ) : null
        }
      />
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-zinc-200 bg-white p-5 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-zinc-500">{t("entity")}</dt>
          <dd className="font-medium">
            <Link href={entityHref} className="text-rose-700 hover:underline">
              {c.entityName}
            </Link>{" "}
            <span className="text-xs text-zinc-500">{t(`kind.${c.entityKind}`)}</span>
          </dd>
        </div>
        <div>
          <dt className="text-zinc-500">{t("playbook")}</dt>
          <dd className="font-medium">
            {c.playbookCode} · {t(`dimension.${c.dimension}`)}
          </dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-zinc-500">{t("reason")}</dt>
          <dd className="font-medium" data-testid="checklist-reason">
            {c.reason ? renderStored(c.reason, render) : t("appliedByHand")}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-500">{t("startDay")}</dt>
          <dd className="font-medium tabular-nums">{formatDay(c.startDay, locale, true)}</dd>
        </div>
        <div>
          <dt className="text-zinc-500">{c.closedAt ? t("status.done") : t("dueDay")}</dt>
          <dd className="font-medium tabular-nums">
            {c.closedAt ? t("closed", { day: formatDay(c.closedAt.toISOString().slice(0, 10), locale, true) }) : c.dueDay ? formatDay(c.dueDay, locale, true) : t("noDueDay")}
          </dd>
        </div>
      </dl>
      {!c.canWrite && c.status === "open" ? <p className="text-sm text-zinc-600">{t("readOnly")}</p> : null}

      <EffectPanel effect={c.effect} />

      <section aria-labelledby="steps-title" className="space-y-4">
        <h2 id="steps-title" className="text-lg font-semibold text-zinc-900">
          {t("steps")}
        </h2>
        {c.steps.map((step) => {
          const [current, ...older] = step.items;
          return (
            <Card
              key={step.key}
              title={
                <span>
                  {step.position + 1}. {local(step.textZh, step.textEn)}
                </span>
              }
              description={`${t(`cadence.${step.cadence}`)} · ${t(`evidence.${step.evidenceKind}`)}`}
              testId={`step-${step.key}`}
              flush
            >
              <ul className="divide-y divide-zinc-100">
                {current ? <ChecklistItem orgId={orgId} item={current} members={c.assignable} canWrite={c.canWrite} onChanged={refresh} /> : null}
              </ul>
              {older.length > 0 ? (
                <details className="border-t border-zinc-100">
                  <summary className="cursor-pointer px-4 py-2 text-xs text-zinc-600">{t("olderOccurrences", { count: older.length })}</summary>
                  <ul className="divide-y divide-zinc-100">
                    {older.map((item) => (
                      <ChecklistItem key={item.id} orgId={orgId} item={item} members={c.assignable} canWrite={c.canWrite} onChanged={refresh} />
                    ))}
                  </ul>
                </details>
              ) : null}
            </Card>
          );
        })}
      </section>
    </div>
  );
}
