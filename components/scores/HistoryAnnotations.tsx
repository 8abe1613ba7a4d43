"use client";

import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useOrg } from "@/components/layout/org-context";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { scoredEntityKinds } from "@/lib/contracts/entities";
import { useTRPC } from "@/lib/trpc-client";
import type { EitherKindEntityRouter } from "@/server/api/root";
import type { EntityScoreData, ScoreEntityKind } from "./types";

type Annotation = EntityScoreData["annotations"][number] & { number: number };

/**
 * The notes on the history's time axis ("switched carrier"), numbered as on the chart: everyone who
 * sees the score reads them; members who may edit the shop or creator account add, change and
 * delete them.
 */
export function HistoryAnnotations({ kind, entityId, annotations, defaultDay }: { kind: ScoreEntityKind; entityId: string; annotations: readonly Annotation[]; defaultDay: string | null }) {
  const t = useTranslations("scores.annotations");
  const { can } = useOrg();
  const info = scoredEntityKinds[kind];
  const writable = can(info.permissions.write);
  const [editing, setEditing] = useState<string | null>(null);
  const mutations = useAnnotationMutations(kind);

  return (
    <section aria-labelledby={`annotations-${entityId}`} data-testid="score-annotations" className="mt-4 border-t border-zinc-100 pt-3">
      <h4 id={`annotations-${entityId}`} className="text-sm font-semibold text-zinc-900">
        {t("title")}
      </h4>
      {annotations.length === 0 ? <p className="mt-1 text-xs text-zinc-500">{t("none")}</p> : null}
      <ol className="mt-2 space-y-2">
        {annotations.map((a) => (
          <li key={a.id} data-testid="score-annotation" className="text-sm text-zinc-800">
            {editing === a.id ? (
              <AnnotationForm
                initial={{ day: a.day, text: a.text }}
                submitLabel={t("save")}
                pending={mutations.update.isPending}
                onCancel={() => setEditing(null)}
                onSubmit={(value) => mutations.update.mutate({ id: a.id, ...value }, { onSuccess: () => setEditing(null) })}
              />
            ) : (
              <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                <span aria-hidden="true" className="inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-zinc-800 px-1 text-xs font-bold text-white">
                  {a.number}
                </span>
                <span className="text-xs text-zinc-500 tabular-nums">{a.day}</span>
                <span className="min-w-0 break-words">{a.text}</span>
                {writable ? (
                  <span className="ml-auto flex gap-1">
                    <Button variant="ghost" size="sm" aria-label={t("editOne", { day: a.day })} onClick={() => setEditing(a.id)}>
                      {t("edit")}
                    </Button>
                    <Button variant="ghost" size="sm" aria-label={t("deleteOne", { day: a.day })} loading={mutations.remove.isPending && mutations.remove.variables.id === a.id} onClick={() => mutations.remove.mutate({ id: a.id })}>
                      {t("delete")}
                    </Button>
                  </span>
                ) : null}
              </div>
            )}
          </li>
        ))}
      </ol>
      {writable && defaultDay ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-rose-700">{t("add")}</summary>
          <div className="mt-2">
            <AnnotationForm
              key={annotations.length}
              initial={{ day: defaultDay, text: "" }}
              submitLabel={t("addSubmit")}
              pending={mutations.add.isPending}
              onSubmit={(value) => mutations.add.mutate({ entityId, ...value })}
            />
          </div>
        </details>
      ) : null}
    </section>
  );
}

type AnnotationValue = { day: string; text: string };

function AnnotationForm({ initial, submitLabel, pending, onSubmit, onCancel }: { initial: AnnotationValue; submitLabel: string; pending: boolean; onSubmit: (value: AnnotationValue) => void; onCancel?: () => void }) {
  const t = useTranslations("scores.annotations");
  const [value, setValue] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ day: value.day, text: value.text.trim() });
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-2 sm:flex-row sm:items-end" data-testid="score-annotation-form">
      <label className="text-xs font-medium text-zinc-700 sm:w-40">
        {t("day")}
        <Input type="date" required value={value.day} onChange={(e) => setValue({ ...value, day: e.target.value })} className="mt-1" />
      </label>
      <label className="min-w-0 flex-1 text-xs font-medium text-zinc-700">
        {t("text")}
        <Input required maxLength={200} placeholder={t("placeholder")} value={value.text} onChange={(e) => setValue({ ...value, text: e.target.value })} className="mt-1" />
      </label>
      <div className="flex gap-2">
        <Button type="submit" size="sm" loading={pending}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button type="button" variant="ghost" size="sm" onClick={onCancel}>
            {t("cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function useAnnotationMutations(kind: ScoreEntityKind) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  // Either kind's router has the same procedures (scoredEntityRouter); seen through one of them.
  const api = trpc[scoredEntityKinds[kind].plural] as unknown as TRPCOptionsProxy<EitherKindEntityRouter>;
  const handlers = {
    onSuccess: async () => void (await queryClient.invalidateQueries({ queryKey: trpc.scores.pathKey() })),
    onError: (error: { message: string }) => toast.show(error.message, "error"),
  };
  return {
    add: useMutation(api.addAnnotation.mutationOptions(handlers)),
    update: useMutation(api.updateAnnotation.mutationOptions(handlers)),
    remove: useMutation(api.deleteAnnotation.mutationOptions(handlers)),
  };
}
