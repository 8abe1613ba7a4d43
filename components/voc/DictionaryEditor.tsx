"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/forms/form-error";
import { serverErrorsOf, validate, type FieldErrors } from "@/components/forms/validation";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { controlClasses } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { TAGGED_PROBLEM_TYPES, VOC_TERM_MAX_LENGTH, vocDictionaryInput, type TaggedProblemType } from "@/lib/contracts/voc";
import { useTRPC } from "@/lib/trpc-client";
import type { VocDictionaryData } from "./types";
import { useVocLabels } from "./use-voc-labels";

type Drafts = Record<TaggedProblemType, string>;

// Buyers' languages mix separators: commas of both widths, 顿号, semicolons and new lines all split terms.
const splitTerms = (text: string) => text.split(/[,，、;；\n\r]+/).map((term) => term.trim()).filter((term) => term.length > 0);
const draftsOf = (data: VocDictionaryData): Drafts =>
  Object.fromEntries(TAGGED_PROBLEM_TYPES.map((type) => [type, (data.entries.find((e) => e.problemType === type)?.terms ?? []).join("，")])) as Drafts;

/** The organisation's 买家之声 keyword dictionary: terms per problem type, editable with voc.write. */
export function DictionaryEditor({ editable }: { editable: boolean }) {
  const t = useTranslations("voc.dictionary");
  const trpc = useTRPC();
  const dictionary = useQuery(trpc.voc.dictionary.queryOptions());
  return (
    <Card title={t("title")} description={t("lead")} testId="voc-dictionary">
      {dictionary.isPending ? (
        <Spinner label={t("title")} />
      ) : dictionary.isError ? (
        <FormError message={dictionary.error.message} />
      ) : (
        <DictionaryForm key={JSON.stringify(dictionary.data)} data={dictionary.data} editable={editable} />
      )}
    </Card>
  );
}

function DictionaryForm({ data, editable }: { data: VocDictionaryData; editable: boolean }) {
  const t = useTranslations("voc.dictionary");
  const tAll = useTranslations();
  const labels = useVocLabels();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [drafts, setDrafts] = useState<Drafts>(() => draftsOf(data));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.voc.dictionary.queryKey() });
    // Every entity's problem counts depend on the dictionary.
    await queryClient.invalidateQueries({ queryKey: trpc.voc.problems.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.voc.problemItems.queryKey() });
  };
  const done = (message: string) => async () => {
    await refresh();
    toast.show(message);
  };
  const save = useMutation(trpc.voc.saveDictionary.mutationOptions({ onSuccess: done(t("saved")) }));
  const reset = useMutation(trpc.voc.resetDictionary.mutationOptions({ onSuccess: done(t("resetDone")) }));
  const server = serverErrorsOf(save.error ?? reset.error, tAll);
  const errorsOf = (index: number) => {
    const prefix = `entries.${index}`;
    const all = { ...server.fields, ...clientErrors };
    return Object.entries(all).flatMap(([field, messages]) => (field === prefix || field.startsWith(`${prefix}.`) ? messages : []));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const values = { entries: TAGGED_PROBLEM_TYPES.map((problemType) => ({ problemType, terms: splitTerms(drafts[problemType]) })) };
    const checked = validate(vocDictionaryInput, values, tAll);
    if (!checked.ok) return setClientErrors(checked.errors);
    setClientErrors({});
    save.mutate(checked.data);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <p className="text-sm text-zinc-700" data-testid="voc-dictionary-state">
        {data.custom ? t("usingCustom") : t("usingDefault", { version: data.defaultVersion })}
      </p>
      <fieldset disabled={!editable} className="grid gap-4 sm:grid-cols-2">
        {TAGGED_PROBLEM_TYPES.map((type, index) => (
          <Field key={type} label={labels.problem(type)} hint={t("termsHint", { max: VOC_TERM_MAX_LENGTH })} errors={errorsOf(index)}>
            <textarea
              name={type}
              data-testid={`voc-terms-${type}`}
              rows={3}
              value={drafts[type]}
              onChange={(e) => setDrafts((d) => ({ ...d, [type]: e.target.value }))}
              className={clsx(controlClasses, "w-full resize-y")}
            />
          </Field>
        ))}
      </fieldset>
      <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
      {editable ? (
        <div className="flex flex-wrap justify-end gap-2">
          {data.custom ? (
            <Button type="button" variant="secondary" loading={reset.isPending} onClick={() => reset.mutate()} data-testid="voc-dictionary-reset">
              {t("reset")}
            </Button>
          ) : null}
          <Button type="submit" loading={save.isPending} data-testid="voc-dictionary-save">
            {tAll("common.save")}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
