"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import type { Creator } from "@/components/api-types";
import { useCategories } from "@/components/catalog/use-categories";
import { FormError } from "@/components/forms/form-error";
import { useFormFields } from "@/components/forms/use-form-fields";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc-client";
import { createCreatorInput } from "@/server/creators/schemas";
import { RULE_SET_NAMES_BY_KIND } from "@/lib/contracts/rule-sets";

type Values = {
  name: string;
  externalId: string;
  handle: string;
  category: string;
  ruleSet: string;
};

const valuesOf = (creator: Creator | null): Values =>
  creator
    ? {
        name: creator.name,
        externalId: creator.externalId,
        handle: creator.handle ?? "",
        category: creator.categoryCode,
        ruleSet: creator.ruleSet,
      }
    : { name: "", externalId: "", handle: "", category: "", ruleSet: "" };

/** Create (creator = null) or edit one 达人 account. Mounted fresh for each opening. */
export function CreatorDialog({
  creator,
  onClose,
}: {
  creator: Creator | null;
  onClose: () => void;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const categories = useCategories();
  const done = async (message: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.creators.pathKey() });
    toast.show(message);
    onClose();
  };
  const create = useMutation(
    trpc.creators.create.mutationOptions({
      onSuccess: (row) => done(t("creators.created", { name: row.name })),
    }),
  );
  const update = useMutation(
    trpc.creators.update.mutationOptions({ onSuccess: () => done(t("common.saved")) }),
  );
  const mutation = creator ? update : create;
  const { values, set, errorsOf, server, check } = useFormFields<Values>(() => valuesOf(creator), mutation.error);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const data = check(
      createCreatorInput,
      {
        name: values.name,
        externalId: values.externalId,
        handle: values.handle.trim() || null,
        category: values.category,
        ruleSet: values.ruleSet || undefined,
      },
    );
    if (!data) return;
    if (creator) update.mutate({ ...data, id: creator.id });
    else create.mutate(data);
  }

  const formId = "creator-form";
  return (
    <Dialog
      open
      onClose={onClose}
      title={creator ? t("creators.editTitle") : t("creators.newTitle")}
      description={t("creators.dialogLead")}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" form={formId} loading={mutation.isPending}>
            {creator ? t("common.save") : t("creators.create")}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field label={t("creators.name")} errors={errorsOf("name")}>
          <Input name="name" value={values.name} onChange={set("name")} maxLength={80} />
        </Field>
        <Field
          label={t("creators.externalId")}
          hint={t("creators.externalIdHint")}
          errors={errorsOf("externalId")}
        >
          <Input
            name="externalId"
            value={values.externalId}
            onChange={set("externalId")}
            autoCapitalize="off"
            spellCheck={false}
          />
        </Field>
        <Field label={t("creators.handle")} errors={errorsOf("handle")}>
          <Input
            name="handle"
            value={values.handle}
            onChange={set("handle")}
            autoCapitalize="off"
            spellCheck={false}
          />
        </Field>
        <Field label={t("creators.category")} errors={errorsOf("category")}>
          <Select
            name="category"
            value={values.category}
            placeholder={t("shops.chooseCategory")}
            options={categories.options}
            onChange={set("category")}
          />
        </Field>
        <Field label={t("shops.ruleSet")} errors={errorsOf("ruleSet")}>
          <Select
            name="ruleSet"
            value={values.ruleSet}
            placeholder={creator ? undefined : t("creators.ruleSetDefault")}
            options={RULE_SET_NAMES_BY_KIND.creator.map((name) => ({ value: name, label: name }))}
            onChange={set("ruleSet")}
          />
        </Field>
        <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
      </form>
    </Dialog>
  );
}
