"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/forms/form-error";
import { orgKindOptions } from "@/components/forms/org-kind-options";
import { ruleSetOptions } from "@/components/forms/rule-set-options";
import { serverErrorsOf, validate, type FieldErrors } from "@/components/forms/validation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc-client";
import { createOrgInput } from "@/lib/contracts/orgs";
import { TODAYS_SHOP_RULE_SET } from "@/lib/contracts/rule-sets";

export function NewOrgForm({
  firstOrgHref,
  isFirst,
}: {
  firstOrgHref: string | null;
  isFirst: boolean;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState({ name: "", kind: "brand", defaultShopRuleSet: TODAYS_SHOP_RULE_SET as string });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const create = useMutation(
    trpc.orgs.create.mutationOptions({ onSuccess: (org) => router.push(`/o/${org.orgId}`) }),
  );
  const server = serverErrorsOf(create.error, t);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const checked = validate(createOrgInput, values, t);
    if (!checked.ok) return setClientErrors(checked.errors);
    setClientErrors({});
    create.mutate(checked.data);
  }

  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-xs">
      <h1 className="text-xl font-semibold">
        {isFirst ? t("orgs.firstTitle") : t("orgs.newTitle")}
      </h1>
      <p className="mt-1 text-sm text-zinc-600">{t("orgs.newLead")}</p>
      <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
        <Field
          label={t("orgs.name")}
          hint={t("orgs.nameHint")}
          errors={clientErrors.name ?? server.fields.name}
        >
          <Input
            name="name"
            autoComplete="organization"
            value={values.name}
            onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
          />
        </Field>
        <Field label={t("orgs.kind")} errors={clientErrors.kind ?? server.fields.kind}>
          <Select
            name="kind"
            options={orgKindOptions(t)}
            value={values.kind}
            onChange={(e) => setValues((v) => ({ ...v, kind: e.target.value }))}
          />
        </Field>
        <Field label={t("orgs.defaultShopRuleSet")} hint={t("orgs.defaultShopRuleSetHint")} errors={clientErrors.defaultShopRuleSet ?? server.fields.defaultShopRuleSet}>
          <Select
            name="defaultShopRuleSet"
            options={ruleSetOptions("shop", locale)}
            value={values.defaultShopRuleSet}
            onChange={(e) => setValues((v) => ({ ...v, defaultShopRuleSet: e.target.value }))}
          />
        </Field>
        <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
        <div className="flex flex-wrap items-center justify-end gap-2">
          {firstOrgHref ? (
            <Link href={firstOrgHref} className="mr-auto text-sm text-zinc-600 hover:underline">
              {t("common.cancel")}
            </Link>
          ) : null}
          <Button type="submit" loading={create.isPending || create.isSuccess}>
            {t("orgs.create")}
          </Button>
        </div>
      </form>
    </div>
  );
}
