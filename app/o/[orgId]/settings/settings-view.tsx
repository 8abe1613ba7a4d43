"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { CurrentOrg } from "@/components/api-types";
import { FormError } from "@/components/forms/form-error";
import { orgKindOptions } from "@/components/forms/org-kind-options";
import { ruleSetOptions } from "@/components/forms/rule-set-options";
import { serverErrorsOf, validate, type FieldErrors } from "@/components/forms/validation";
import { useOrg } from "@/components/layout/org-context";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { DictionaryEditor } from "@/components/voc/DictionaryEditor";
import { useTRPC } from "@/lib/trpc-client";
import { updateOrgInput } from "@/lib/contracts/orgs";
import { PageHeader } from "../_components/page-header";
import { ApiKeys } from "./api-keys";
import { DeleteOrg } from "./delete-org";
import { DimensionWeights } from "./dimension-weights";
import { PenaltyTypes } from "./penalty-types";
import { ScoringParameters } from "./scoring-parameters";

export function SettingsView() {
  const t = useTranslations();
  const { org, orgId, can } = useOrg();
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader
        title={t("settings.title")}
        description={can("org.update") ? t("settings.lead") : t("settings.readOnlyLead")}
      />
      <OrgForm
        key={`${org.name}|${org.kind}|${String(org.benchmarking)}|${org.defaultShopRuleSet}`}
        org={org}
        editable={can("org.update")}
      />
      <AlertsLink />
      <DimensionWeights editable={can("org.update")} />
      <ScoringParameters editable={can("org.update")} />
      <PenaltyTypes editable={can("org.update")} />
      <DictionaryEditor editable={can("voc.write")} />
      {can("apiKeys.manage") ? <ApiKeys /> : null}
      {can("audit.read") ? (
        <section aria-labelledby="audit-link" className="rounded-lg border border-zinc-200 bg-white p-5">
          <h2 id="audit-link" className="text-base font-semibold">
            {t("audit.title")}
          </h2>
          <p className="mt-1 text-sm text-zinc-600">{t("audit.lead")}</p>
          <Link href={`/o/${orgId}/settings/audit`} className="mt-3 inline-block text-sm font-medium text-rose-700 underline" data-testid="audit-link">
            {t("audit.open")}
          </Link>
        </section>
      ) : null}
      {can("org.delete") ? <DeleteOrg /> : null}
    </div>
  );
}

/** Alert rules, endpoints and each member's own choices live on their own page. */
function AlertsLink() {
  const t = useTranslations("alerts");
  const { orgId } = useOrg();
  return (
    <section className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-zinc-200 bg-white p-5">
      <div className="min-w-0">
        <h2 className="text-base font-semibold">{t("title")}</h2>
        <p className="text-sm text-zinc-600">{t("settingsLead")}</p>
      </div>
      <Link href={`/o/${orgId}/settings/alerts`} className={buttonClasses("secondary", "sm")} data-testid="open-alerts">
        {t("open")}
      </Link>
    </section>
  );
}

function OrgForm({ org, editable }: { org: CurrentOrg; editable: boolean }) {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [values, setValues] = useState({
    name: org.name,
    kind: org.kind as string,
    benchmarking: org.benchmarking,
    defaultShopRuleSet: org.defaultShopRuleSet,
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const update = useMutation(
    trpc.orgs.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.orgs.current.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
        toast.show(t("common.saved"));
      },
    }),
  );
  const server = serverErrorsOf(update.error, t);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const checked = validate(updateOrgInput, values, t);
    if (!checked.ok) return setClientErrors(checked.errors);
    setClientErrors({});
    update.mutate(checked.data);
  }

  return (
    <section
      aria-labelledby="org-settings"
      className="rounded-lg border border-zinc-200 bg-white p-5"
    >
      <h2 id="org-settings" className="mb-4 text-base font-semibold">
        {t("settings.organisation")}
      </h2>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <fieldset disabled={!editable} className="space-y-4">
          <Field label={t("orgs.name")} errors={clientErrors.name ?? server.fields.name}>
            <Input
              name="name"
              value={values.name}
              maxLength={80}
              onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
            />
          </Field>
          <Field label={t("orgs.kind")} errors={clientErrors.kind ?? server.fields.kind}>
            <Select
              name="kind"
              value={values.kind}
              options={orgKindOptions(t)}
              onChange={(e) => setValues((v) => ({ ...v, kind: e.target.value }))}
            />
          </Field>
          {/* Only new shops take it: existing shops keep theirs (each is switched on the shop). */}
          <Field
            label={t("orgs.defaultShopRuleSet")}
            hint={t("settings.defaultShopRuleSetHint")}
            errors={clientErrors.defaultShopRuleSet ?? server.fields.defaultShopRuleSet}
          >
            <Select
              name="defaultShopRuleSet"
              value={values.defaultShopRuleSet}
              options={ruleSetOptions("shop", locale)}
              onChange={(e) => setValues((v) => ({ ...v, defaultShopRuleSet: e.target.value }))}
            />
          </Field>
          <div className="flex items-start gap-3">
            <input
              id="benchmarking"
              type="checkbox"
              className="mt-0.5 size-4 accent-rose-600"
              aria-describedby="benchmarking-hint"
              checked={values.benchmarking}
              onChange={(e) => setValues((v) => ({ ...v, benchmarking: e.target.checked }))}
            />
            <div>
              <label htmlFor="benchmarking" className="text-sm font-medium text-zinc-800">
                {t("settings.benchmarking")}
              </label>
              <p id="benchmarking-hint" className="text-xs text-zinc-500">
                {t("settings.benchmarkingHint")}
              </p>
            </div>
          </div>
        </fieldset>
        <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
        {editable ? (
          <div className="flex justify-end">
            <Button type="submit" loading={update.isPending}>
              {t("common.save")}
            </Button>
          </div>
        ) : null}
      </form>
    </section>
  );
}
