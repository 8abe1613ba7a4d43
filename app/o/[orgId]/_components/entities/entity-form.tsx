"use client";

import { useLocale, useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { useCategories } from "@/components/catalog/use-categories";
import { FormError } from "@/components/forms/form-error";
import { ruleSetOptions } from "@/components/forms/rule-set-options";
import { useFormFields } from "@/components/forms/use-form-fields";
import { Button } from "@/components/ui/button";
import { Field, type FieldProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import {
  createEntityInput,
  scoredEntityKinds,
  type CreateEntityInput,
  type OptionalEntityField,
  type ScoredEntityKind,
} from "@/lib/contracts/entities";
import { DEFAULT_STORE_TYPE, STORE_TYPES } from "@/lib/contracts/facts";
import { fieldValue, storeTypeValue, type ScoredEntity } from "./use-entity-api";
import { useMemberOptions } from "./use-member-options";

type Values = Record<"name" | "category" | "externalId" | "ruleSet" | "alias" | "ownerUserId" | "storeType" | OptionalEntityField, string>;

const valuesOf = (entity: ScoredEntity | null): Values => ({
  name: entity?.name ?? "",
  category: entity?.categoryCode ?? "",
  externalId: entity?.externalId ?? "",
  ruleSet: entity?.ruleSet ?? "",
  alias: entity?.alias ?? "",
  ownerUserId: entity?.ownerUserId ?? "",
  openedAt: entity ? fieldValue(entity, "openedAt") : "",
  handle: entity ? fieldValue(entity, "handle") : "",
  storeType: (entity ? storeTypeValue(entity) : null) ?? DEFAULT_STORE_TYPE,
});

type EntityFormProps = {
  kind: ScoredEntityKind;
  /** The entity being edited, or null for a new one. */
  entity: ScoredEntity | null;
  submitLabel: string;
  pending: boolean;
  /** The last failed call, for its field errors and message. */
  error: unknown;
  onValid: (input: CreateEntityInput<ScoredEntityKind>) => void;
};

/** Create or edit a shop or a creator account: the fields its kind declares, checked by its schema. */
export function EntityForm({ kind, entity, submitLabel, pending, error, onValid }: EntityFormProps) {
  const t = useTranslations(scoredEntityKinds[kind].plural);
  const locale = useLocale();
  // The store type is a shop's own field (info.hasStoreType): its labels are the shops' messages.
  const tShop = useTranslations("shops");
  const info = scoredEntityKinds[kind];
  const categories = useCategories();
  const members = useMemberOptions();
  const { values, set, errorsOf, server, check } = useFormFields<Values>(() => valuesOf(entity), error);
  const editing = entity !== null;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const optional = Object.fromEntries(info.fields.map((field) => [field, values[field].trim() || null]));
    const data = check(createEntityInput[kind], {
      name: values.name,
      category: values.category,
      // An empty platform id is "generate one" for a new shop, but never clears a stored one.
      externalId: values.externalId.trim() || (editing || info.externalIdRequired ? "" : undefined),
      ruleSet: values.ruleSet || undefined,
      alias: values.alias.trim() || null,
      ownerUserId: values.ownerUserId || null,
      ...(info.hasStoreType ? { storeType: values.storeType || undefined } : {}),
      ...optional,
    });
    if (data) onValid(data);
  }

  const optionalInputs: Record<OptionalEntityField, FieldProps["children"]> = {
    openedAt: <Input type="date" name="openedAt" value={values.openedAt} onChange={set("openedAt")} />,
    handle: <Input name="handle" value={values.handle} onChange={set("handle")} autoCapitalize="off" spellCheck={false} />,
  };
  const hintOf = (key: string) => (t.has(key) ? t(key) : undefined);

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label={t("name")} errors={errorsOf("name")}>
        <Input name="name" value={values.name} onChange={set("name")} maxLength={80} />
      </Field>
      <Field label={t("alias")} hint={t("aliasHint")} errors={errorsOf("alias")}>
        <Input name="alias" value={values.alias} onChange={set("alias")} maxLength={40} />
      </Field>
      <Field label={t("owner")} errors={errorsOf("ownerUserId")}>
        <Select name="ownerUserId" value={values.ownerUserId} placeholder={t("ownerNone")} options={members} onChange={set("ownerUserId")} />
      </Field>
      <Field label={t("externalId")} hint={editing && !info.externalIdRequired ? undefined : t("externalIdHint")} errors={errorsOf("externalId")}>
        <Input name="externalId" value={values.externalId} onChange={set("externalId")} autoCapitalize="off" spellCheck={false} />
      </Field>
      {info.fields.map((field) => (
        <Field key={field} label={t(field)} hint={hintOf(`${field}Hint`)} errors={errorsOf(field)}>
          {optionalInputs[field]}
        </Field>
      ))}
      <Field label={t("category")} errors={errorsOf("category")}>
        <Select name="category" value={values.category} placeholder={t("chooseCategory")} options={categories.options} onChange={set("category")} />
      </Field>
      {info.hasStoreType ? (
        <Field label={tShop("storeType")} hint={tShop("storeTypeHint")} errors={errorsOf("storeType")}>
          <Select
            name="storeType"
            value={values.storeType}
            options={STORE_TYPES.map((type) => ({ value: type, label: tShop(`storeTypes.${type}`) }))}
            onChange={set("storeType")}
            data-testid="store-type"
          />
        </Field>
      ) : null}
      <Field label={t("ruleSet")} hint={t("ruleSetHint")} errors={errorsOf("ruleSet")}>
        <Select
          name="ruleSet"
          value={values.ruleSet}
          placeholder={editing ? undefined : t("ruleSetDefault")}
          options={ruleSetOptions(kind, locale)}
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
