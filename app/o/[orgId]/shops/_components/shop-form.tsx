"use client";

import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { useCategories } from "@/components/catalog/use-categories";
import { FormError } from "@/components/forms/form-error";
import { useFormFields } from "@/components/forms/use-form-fields";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { RULE_SET_NAMES_BY_KIND } from "@/lib/contracts/rule-sets";
import { createShopInput, type CreateShopInput } from "@/server/shops/schemas";

export type ShopFormValues = {
  name: string;
  category: string;
  externalId: string;
  openedAt: string;
  ruleSet: string;
};

export const EMPTY_SHOP: ShopFormValues = {
  name: "",
  category: "",
  externalId: "",
  openedAt: "",
  ruleSet: "",
};

type ShopFormProps = {
  initial: ShopFormValues;
  submitLabel: string;
  pending: boolean;
  /** The last failed call, for its field errors and message. */
  error: unknown;
  onValid: (input: CreateShopInput) => void;
  /** Editing an existing shop: its platform id stays required once set. */
  editing?: boolean;
};

export function ShopForm({
  initial,
  submitLabel,
  pending,
  error,
  onValid,
  editing = false,
}: ShopFormProps) {
  const t = useTranslations();
  const categories = useCategories();
  const { values, set, errorsOf, server, check } = useFormFields(initial, error);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const data = check(
      createShopInput,
      {
        name: values.name,
        category: values.category,
        externalId: values.externalId.trim() || (editing ? "" : undefined),
        openedAt: values.openedAt || null,
        ruleSet: values.ruleSet || undefined,
      },
    );
    if (data) onValid(data);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label={t("shops.name")} errors={errorsOf("name")}>
        <Input name="name" value={values.name} onChange={set("name")} maxLength={80} />
      </Field>
      <Field label={t("shops.category")} errors={errorsOf("category")}>
        <Select
          name="category"
          value={values.category}
          placeholder={t("shops.chooseCategory")}
          options={categories.options}
          onChange={set("category")}
        />
      </Field>
      <Field
        label={t("shops.externalId")}
        hint={editing ? undefined : t("shops.externalIdHint")}
        errors={errorsOf("externalId")}
      >
        <Input
          name="externalId"
          value={values.externalId}
          onChange={set("externalId")}
          inputMode="text"
          autoCapitalize="off"
          spellCheck={false}
        />
      </Field>
      <Field
        label={t("shops.openedAt")}
        hint={t("shops.openedAtHint")}
        errors={errorsOf("openedAt")}
      >
        <Input type="date" name="openedAt" value={values.openedAt} onChange={set("openedAt")} />
      </Field>
      <Field label={t("shops.ruleSet")} hint={t("shops.ruleSetHint")} errors={errorsOf("ruleSet")}>
        <Select
          name="ruleSet"
          value={values.ruleSet}
          placeholder={editing ? undefined : t("shops.ruleSetDefault")}
          options={RULE_SET_NAMES_BY_KIND.shop.map((name) => ({ value: name, label: name }))}
          onChange={set("ruleSet")}
        />
      </Field>
      <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
      <div className="flex justify-end">
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
