"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { controlClasses, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ProblemLogRow } from "@/lib/contracts/queues";
import { PROBLEM_TYPES, type ProblemType } from "@/lib/contracts/voc";
import { useTRPC } from "@/lib/trpc-client";
import { useQueueRefresh } from "./use-queue-mutations";

/** Adds or edits a problem-log entry; linked facts are typed one per line as `order:…` or `review:…`. */
export function ProblemForm({ shops, entry, onClose }: { shops: readonly { id: string; name: string }[]; entry: ProblemLogRow | null; onClose: () => void }) {
  const t = useTranslations("queues");
  const tv = useTranslations("voc");
  const trpc = useTRPC();
  const save = useMutation(trpc.queues.saveProblem.mutationOptions());
  const refresh = useQueueRefresh();
  const [draft, setDraft] = useState({
    shopId: entry?.shopId ?? shops[0]?.id ?? "",
    problemType: entry?.problemType ?? ("size" as ProblemType),
    cases: String(entry?.cases ?? 0),
    owningTeam: entry?.owningTeam ?? "",
    fix: entry?.fix ?? "",
    effect: entry?.effect ?? "",
    checklistId: entry?.checklistId ?? "",
    factRefs: (entry?.factRefs ?? []).join("\n"),
  });
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = () =>
    save.mutate(
      {
        ...(entry ? { id: entry.id } : {}),
        shopId: draft.shopId,
        problemType: draft.problemType,
        cases: Math.max(0, Math.round(Number(draft.cases) || 0)),
        owningTeam: draft.owningTeam,
        fix: draft.fix,
        effect: draft.effect || null,
        checklistId: draft.checklistId || null,
        factRefs: draft.factRefs.split(/\s*\n\s*/).filter(Boolean),
      },
      { onSuccess: () => { onClose(); void refresh.done(); }, onError: refresh.failed },
    );
  return (
    <Dialog
      open
      onClose={onClose}
      title={entry ? t("problems.edit") : t("problems.new")}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>{t("cancel")}</Button>
          <Button onClick={submit} loading={save.isPending} data-testid="problem-save">{t("save")}</Button>
        </>
      }
    >
      <div className="space-y-3">
        <Field label={t("columns.shop")}>
          <Select value={draft.shopId} options={shops.map((s) => ({ value: s.id, label: s.name }))} onChange={(e) => set({ shopId: e.target.value })} />
        </Field>
        <Field label={t("problems.problem")}>
          <Select value={draft.problemType} options={PROBLEM_TYPES.map((p) => ({ value: p, label: tv(`problemTypes.${p}`) }))} onChange={(e) => set({ problemType: e.target.value as ProblemType })} />
        </Field>
        <Field label={t("problems.cases")}>
          <Input type="number" min={0} inputMode="numeric" value={draft.cases} onChange={(e) => set({ cases: e.target.value })} />
        </Field>
        <Field label={t("problems.team")}>
          <Input value={draft.owningTeam} maxLength={80} placeholder={t("problems.teamPlaceholder")} onChange={(e) => set({ owningTeam: e.target.value })} />
        </Field>
        <Field label={t("problems.fix")}>
          <textarea className={`${controlClasses} min-h-16 w-full`} maxLength={1000} value={draft.fix} onChange={(e) => set({ fix: e.target.value })} />
        </Field>
        <Field label={t("problems.effect")}>
          <Input value={draft.effect} maxLength={500} placeholder={t("problems.effectPlaceholder")} onChange={(e) => set({ effect: e.target.value })} />
        </Field>
        <Field label={t("problems.checklist")}>
          <Input value={draft.checklistId} maxLength={36} onChange={(e) => set({ checklistId: e.target.value })} />
        </Field>
        <Field label={t("problems.links")} hint={t("problems.linksHint")}>
          <textarea className={`${controlClasses} min-h-16 w-full font-mono text-xs`} value={draft.factRefs} onChange={(e) => set({ factRefs: e.target.value })} />
        </Field>
      </div>
    </Dialog>
  );
}
