"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useRenderMessage } from "@/components/i18n/use-render-message";
import { useOrg } from "@/components/layout/org-context";
import { useBilingual } from "@/components/scores/use-bilingual";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import { useTRPC } from "@/lib/trpc-client";

/**
 * 建议改进方案: the playbooks whose triggers fire on the entity's latest score, each with its reason,
 * strongest first, and an Apply button; playbooks already running link to their checklist.
 */
export function SuggestedPlaybooks({ kind, id }: { kind: ScoredEntityKind; id: string }) {
  const t = useTranslations("playbooks");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const render = useRenderMessage();
  const { primary } = useBilingual();
  const { orgId, can } = useOrg();
  const [applied, setApplied] = useState<Record<string, string>>({});
  // A new shop is scored in the background: look again until its first score is stored.
  const suggestions = useQuery({ ...trpc.playbooks.suggest.queryOptions({ kind, id }), refetchInterval: (query) => (query.state.data?.day ? false : 5_000) });
  const apply = useMutation(
    trpc.playbooks.applyToEntity.mutationOptions({
      onSuccess: async (result, input) => {
        setApplied((a) => ({ ...a, [input.playbook]: result.checklistId }));
        await queryClient.invalidateQueries({ queryKey: trpc.playbooks.suggest.pathKey() });
      },
    }),
  );
  const checklistHref = (checklistId: string) => `/o/${orgId}/checklists/${checklistId}`;
  const titleOf = (s: { titleZh: string; titleEn: string }) => primary({ nameZh: s.titleZh, nameEn: s.titleEn });
  const data = suggestions.data;
  const justApplied = Object.entries(applied).filter(([code]) => !data?.running.some((r) => r.playbook === code));

  return (
    <Card
      title={t("suggested.title")}
      description={data?.day ? t("suggested.lead", { day: data.day }) : undefined}
      testId="suggested-playbooks"
      actions={
        <Link href={`/o/${orgId}/playbooks`} className="text-sm text-rose-700 hover:underline">
          {t("suggested.library")}
        </Link>
      }
    >
      {suggestions.isPending ? (
        <Spinner />
      ) : !data?.day ? (
        <p className="text-sm text-zinc-600">{t("suggested.noScore")}</p>
      ) : (
        <ul className="divide-y divide-zinc-100">
          {data.suggestions.length === 0 && data.running.length === 0 && justApplied.length === 0 ? (
            <li className="text-sm text-zinc-600">{t("suggested.none")}</li>
          ) : null}
          {data.suggestions.map((s) => (
            <li key={s.playbook} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:justify-between" data-testid={`suggestion-${s.playbook}`}>
              <div className="min-w-0">
                <Link href={`/o/${orgId}/playbooks/${encodeURIComponent(s.playbook)}`} className="font-medium break-words text-zinc-900 hover:underline">
                  {titleOf(s)}
                </Link>
                <p className="mt-0.5 text-sm break-words text-zinc-600" data-testid="suggestion-reason">
                  {render(s.reason)}
                </p>
              </div>
              {can("playbooks.apply") ? (
                <Button
                  size="sm"
                  data-testid={`apply-${s.playbook}`}
                  disabled={apply.isPending}
                  onClick={() => apply.mutate({ kind, id, playbook: s.playbook, day: data.day ?? undefined, fromSuggestion: true })}
                >
                  {apply.isPending && apply.variables?.playbook === s.playbook ? t("suggested.applying") : t("suggested.apply")}
                </Button>
              ) : null}
            </li>
          ))}
          {data.running.map((r) => (
            <li key={r.playbook} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:justify-between" data-testid={`running-${r.playbook}`}>
              <div className="min-w-0">
                <span className="font-medium break-words text-zinc-900">{titleOf(r)}</span>{" "}
                <Badge tone="success">{t("suggested.running")}</Badge>
                <p className="mt-0.5 text-sm text-zinc-600">{render(r.reason)}</p>
                <p className="text-xs text-zinc-500">{t("suggested.runningSince", { day: r.startDay })}</p>
              </div>
              <Link href={checklistHref(r.checklistId)} className={buttonClasses("secondary", "sm")} data-testid="open-checklist">
                {t("suggested.openChecklist")}
              </Link>
            </li>
          ))}
          {justApplied.map(([code, checklistId]) => (
            <li key={code} className="flex items-center justify-between gap-2 py-3">
              <Badge tone="success">{t("suggested.applied")}</Badge>
              <Link href={checklistHref(checklistId)} className={buttonClasses("secondary", "sm")} data-testid="open-checklist">
                {t("suggested.openChecklist")}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {apply.error ? <p className="mt-2 text-sm text-red-600">{apply.error.message}</p> : null}
    </Card>
  );
}
