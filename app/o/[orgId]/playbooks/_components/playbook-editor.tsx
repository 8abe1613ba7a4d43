"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { ROLES } from "@/lib/contracts/members";
import { EVIDENCE_KINDS, STEP_CADENCES, type PlaybookDefinition, type PlaybookStep, type PlaybookTrigger } from "@/lib/contracts/playbooks";
import { useTRPC } from "@/lib/trpc-client";
import { usePlaybookLabels } from "./use-playbook-labels";

const textareaClasses = "w-full rounded-md border border-zinc-300 px-3 py-2 text-sm focus:border-rose-500 focus:outline-none";

/** The number a trigger compares against, which an organisation tunes to its own bar. */
const boundOf = (trigger: PlaybookTrigger) =>
  trigger.type === "indicator_percentile_below" || trigger.type === "score_below" ? trigger.below : trigger.type === "indicator_value" ? trigger.value : trigger.threshold;
const withBound = (trigger: PlaybookTrigger, value: number): PlaybookTrigger =>
  trigger.type === "indicator_percentile_below" || trigger.type === "score_below"
    ? { ...trigger, below: value }
    : trigger.type === "indicator_value"
      ? { ...trigger, value }
      : { ...trigger, threshold: value };

/** Edits an organisation's playbook: texts, trigger bounds and steps. Saving makes the next version. */
export function PlaybookEditor({ id, definition, onDone }: { id: string; definition: PlaybookDefinition; onDone: () => void }) {
  const t = useTranslations("playbooks");
  const tRoles = useTranslations("roles");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const labels = usePlaybookLabels();
  const [draft, setDraft] = useState(() => {
    const { code: _code, version: _version, ...rest } = definition;
    return rest;
  });
  const save = useMutation(
    trpc.playbooks.update.mutationOptions({
      onSuccess: async (row) => {
        await queryClient.invalidateQueries({ queryKey: trpc.playbooks.pathKey() });
        toast.show(t("saved", { version: row.version }));
        onDone();
      },
    }),
  );
  const setStep = (index: number, change: Partial<PlaybookStep>) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? { ...s, ...change } : s)) }));
  const addStep = () =>
    setDraft((d) => ({
      ...d,
      steps: [...d.steps, { key: `step-${Date.now().toString(36)}`, textZh: "", textEn: "", cadence: "once", ownerRole: "analyst", evidence: "note" }],
    }));

  return (
    <form
      className="space-y-4"
      data-testid="playbook-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ id, definition: draft });
      }}
    >
      <Card>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t("fields.titleZh")}>
            <Input value={draft.titleZh} maxLength={120} required onChange={(e) => setDraft({ ...draft, titleZh: e.target.value })} />
          </Field>
          <Field label={t("fields.titleEn")}>
            <Input value={draft.titleEn} maxLength={120} required onChange={(e) => setDraft({ ...draft, titleEn: e.target.value })} />
          </Field>
          <Field label={t("fields.descriptionZh")}>
            <textarea className={textareaClasses} rows={3} value={draft.descriptionZh} onChange={(e) => setDraft({ ...draft, descriptionZh: e.target.value })} />
          </Field>
          <Field label={t("fields.descriptionEn")}>
            <textarea className={textareaClasses} rows={3} value={draft.descriptionEn} onChange={(e) => setDraft({ ...draft, descriptionEn: e.target.value })} />
          </Field>
        </div>
      </Card>
      {draft.triggers.length > 0 ? (
        <Card title={t("triggers")}>
          <ul className="space-y-2">
            {draft.triggers.map((trigger, i) => (
              <li key={i} className="flex flex-wrap items-center gap-2 text-sm">
                <span className="min-w-0 flex-1">{labels.trigger(trigger)}</span>
                <Input
                  aria-label={t("fields.bound")}
                  type="number"
                  step="any"
                  className="w-28"
                  value={boundOf(trigger)}
                  onChange={(e) =>
                    setDraft((d) => ({ ...d, triggers: d.triggers.map((x, j) => (j === i ? withBound(x, Number(e.target.value)) : x)) }))
                  }
                />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title={t("steps")} actions={<Button type="button" size="sm" variant="secondary" onClick={addStep}>{t("fields.addStep")}</Button>}>
        <ol className="space-y-4">
          {draft.steps.map((step, i) => (
            <li key={step.key} className="space-y-2 rounded-md border border-zinc-100 p-3">
              <div className="flex items-center justify-between gap-2">
                <span className="text-sm font-medium text-zinc-700">{t("fields.stepNumber", { n: i + 1 })}</span>
                {draft.steps.length > 1 ? (
                  <Button type="button" size="sm" variant="ghost" onClick={() => setDraft((d) => ({ ...d, steps: d.steps.filter((_, j) => j !== i) }))}>
                    {t("fields.removeStep")}
                  </Button>
                ) : null}
              </div>
              <Field label={t("fields.stepTextZh")}>
                <textarea className={textareaClasses} rows={2} required value={step.textZh} onChange={(e) => setStep(i, { textZh: e.target.value })} />
              </Field>
              <Field label={t("fields.stepTextEn")}>
                <textarea className={textareaClasses} rows={2} required value={step.textEn} onChange={(e) => setStep(i, { textEn: e.target.value })} />
              </Field>
              <div className="grid gap-2 sm:grid-cols-3">
                <Field label={t("cadenceLabel")}>
                  <Select value={step.cadence} onChange={(e) => setStep(i, { cadence: e.target.value as PlaybookStep["cadence"] })} options={STEP_CADENCES.map((c) => ({ value: c, label: t(`cadence.${c}`) }))} />
                </Field>
                <Field label={t("owner")}>
                  <Select value={step.ownerRole} onChange={(e) => setStep(i, { ownerRole: e.target.value as PlaybookStep["ownerRole"] })} options={ROLES.map((r) => ({ value: r, label: tRoles(r) }))} />
                </Field>
                <Field label={t("evidenceLabel")}>
                  <Select value={step.evidence} onChange={(e) => setStep(i, { evidence: e.target.value as PlaybookStep["evidence"] })} options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`evidence.${k}`) }))} />
                </Field>
              </div>
            </li>
          ))}
        </ol>
      </Card>
      {save.error ? <p className="text-sm text-red-600">{save.error.message}</p> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" data-testid="playbook-save" disabled={save.isPending}>
          {t("save")}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
