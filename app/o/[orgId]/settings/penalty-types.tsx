"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/forms/form-error";
import { serverErrorsOf, validate, type FieldErrors } from "@/components/forms/validation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { PENALTY_TYPES, type PenaltyType } from "@/lib/contracts/facts";
import { setPenaltyTypeInput } from "@/lib/contracts/penalty-types";
import { useTRPC } from "@/lib/trpc-client";

type Draft = { label: string; type: PenaltyType; editing: boolean };
const EMPTY: Draft = { label: "", type: "other", editing: false };

/**
 * 处罚类型映射 / Penalty label mapping: the organisation's own penalty label → type mappings over
 * Koubei's table. Members see them; administrators add, change and remove them (the server
 * re-maps the penalties already imported and rescores their shops).
 */
export function PenaltyTypes({ editable }: { editable: boolean }) {
  const t = useTranslations("settings.penaltyTypes");
  const tAll = useTranslations();
  // The penalty types' names are the importer's value labels (the same words a preview shows).
  const tValues = useTranslations("importer.values.type");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const overrides = useQuery(trpc.penaltyTypes.list.queryOptions());
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.penaltyTypes.list.queryKey() });
  const save = useMutation(
    trpc.penaltyTypes.set.mutationOptions({
      onSuccess: async (result) => {
        await refresh();
        setDraft(EMPTY);
        toast.show(t("saved", { penalties: result.penaltiesChanged, shops: result.shopsToRescore }));
      },
    }),
  );
  const remove = useMutation(
    trpc.penaltyTypes.remove.mutationOptions({
      onSuccess: async (result) => {
        await refresh();
        toast.show(t("removed", { penalties: result.penaltiesChanged, shops: result.shopsToRescore }));
      },
    }),
  );
  const server = serverErrorsOf(save.error ?? remove.error, tAll);
  const typeOptions = PENALTY_TYPES.map((type) => ({ value: type, label: tValues(type) }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validate(setPenaltyTypeInput, draft, tAll);
    if (!checked.ok) return setClientErrors(checked.errors);
    setClientErrors({});
    save.mutate(checked.data);
  }

  return (
    <section aria-labelledby="penalty-types" className="rounded-lg border border-zinc-200 bg-white p-5" data-testid="penalty-types">
      <h2 id="penalty-types" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 mb-4 text-sm text-zinc-600">{editable ? t("lead") : t("readOnlyLead")}</p>
      {overrides.data && overrides.data.length > 0 ? (
        <ul className="mb-4 divide-y divide-zinc-100 rounded-md border border-zinc-200 text-sm">
          {overrides.data.map((o) => (
            <li key={o.label} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <div className="min-w-0">
                <p className="break-words">
                  <span className="font-medium">{o.label}</span> <span aria-hidden>→</span> <span>{tValues(o.type)}</span>
                </p>
                <p className="text-xs text-zinc-500">{t("defaultType", { type: tValues(o.defaultType) })}</p>
              </div>
              {editable ? (
                <div className="flex gap-2">
                  <Button type="button" variant="secondary" size="sm" onClick={() => setDraft({ label: o.label, type: o.type, editing: true })}>
                    {t("edit")}
                  </Button>
                  <Button type="button" variant="ghost" size="sm" loading={remove.isPending && remove.variables?.label === o.label} onClick={() => remove.mutate({ label: o.label })}>
                    {t("remove")}
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-4 text-sm text-zinc-500">{t("none")}</p>
      )}
      {editable ? (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("label")} errors={clientErrors.label ?? server.fields.label}>
              {/* A mapping is changed by its type; a different label is a new mapping. */}
              <Input name="penaltyLabel" value={draft.label} maxLength={100} readOnly={draft.editing} onChange={(e) => setDraft((d) => ({ ...d, label: e.target.value }))} />
            </Field>
            <Field label={t("type")} errors={clientErrors.type ?? server.fields.type}>
              <Select name="penaltyType" value={draft.type} options={typeOptions} onChange={(e) => setDraft((d) => ({ ...d, type: e.target.value as PenaltyType }))} />
            </Field>
          </div>
          <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
          <div className="flex flex-wrap justify-end gap-2">
            {draft.editing ? (
              <Button type="button" variant="secondary" onClick={() => setDraft(EMPTY)}>
                {t("cancel")}
              </Button>
            ) : null}
            <Button type="submit" loading={save.isPending}>
              {draft.editing ? tAll("common.save") : t("add")}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
