"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { controlClasses, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { APPEAL_SUBJECTS, type AppealSubject } from "@/lib/contracts/queues";
import { useTRPC } from "@/lib/trpc-client";
import { useQueueRefresh } from "./use-queue-mutations";

type Draft = { shopId: string; subject: AppealSubject; factKey: string; reason: string; evidenceNote: string; evidenceUrl: string; deadlineDay: string };

/** 发起申诉 Files an appeal: what is contested, why, the evidence (note, link) and the platform's deadline. */
export function AppealForm({
  shops,
  initial,
  onClose,
}: {
  shops: readonly { id: string; name: string }[];
  initial?: Partial<Pick<Draft, "shopId" | "subject" | "factKey">>;
  onClose: () => void;
}) {
  const t = useTranslations("queues");
  const trpc = useTRPC();
  const create = useMutation(trpc.queues.createAppeal.mutationOptions());
  const refresh = useQueueRefresh();
  const [draft, setDraft] = useState<Draft>({ shopId: shops[0]?.id ?? "", subject: "review", factKey: "", reason: "", evidenceNote: "", evidenceUrl: "", deadlineDay: "", ...initial });
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = () =>
    create.mutate(
      {
        shopId: draft.shopId,
        subject: draft.subject,
        factKey: draft.factKey,
        reason: draft.reason,
        evidenceNote: draft.evidenceNote || null,
        evidenceUrl: draft.evidenceUrl || null,
        deadlineDay: draft.deadlineDay || null,
      },
      { onSuccess: () => { onClose(); void refresh.done(t("appeals.filed")); }, onError: refresh.failed },
    );
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("appeals.new")}
      description={t("appeals.formLead")}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>{t("cancel")}</Button>
          <Button onClick={submit} loading={create.isPending} data-testid="appeal-submit">{t("appeals.file")}</Button>
        </>
      }
    >
      <div className="space-y-3" data-testid="appeal-form">
        <Field label={t("columns.shop")}>
          <Select value={draft.shopId} options={shops.map((s) => ({ value: s.id, label: s.name }))} onChange={(e) => set({ shopId: e.target.value })} />
        </Field>
        <Field label={t("appeals.subject")}>
          <Select value={draft.subject} options={APPEAL_SUBJECTS.map((s) => ({ value: s, label: t(`appealSubjects.${s}`) }))} onChange={(e) => set({ subject: e.target.value as AppealSubject })} />
        </Field>
        <Field label={t("appeals.factKey")} hint={t(`appeals.factKeyHint.${draft.subject}`)}>
          <Input value={draft.factKey} maxLength={240} onChange={(e) => set({ factKey: e.target.value })} />
        </Field>
        <Field label={t("appeals.reason")}>
          <textarea className={`${controlClasses} min-h-20 w-full`} maxLength={2000} value={draft.reason} onChange={(e) => set({ reason: e.target.value })} />
        </Field>
        <Field label={t("appeals.evidenceNote")}>
          <textarea className={`${controlClasses} min-h-16 w-full`} maxLength={2000} value={draft.evidenceNote} onChange={(e) => set({ evidenceNote: e.target.value })} />
        </Field>
        <Field label={t("appeals.evidenceUrl")}>
          <Input type="url" value={draft.evidenceUrl} maxLength={500} placeholder="https://" onChange={(e) => set({ evidenceUrl: e.target.value })} />
        </Field>
        <Field label={t("appeals.deadline")}>
          <Input type="date" value={draft.deadlineDay} onChange={(e) => set({ deadlineDay: e.target.value })} />
        </Field>
      </div>
    </Dialog>
  );
}
