"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageSpinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import type { AlertPreferences } from "@/lib/contracts/alerts";
import { useTRPC } from "@/lib/trpc-client";

/** What this member receives: in-app and e-mail, rules muted, and the ids the group bots @-mention them by. */
export function PreferencesPanel() {
  const t = useTranslations("alerts");
  const trpc = useTRPC();
  const preferences = useQuery(trpc.alerts.preferences.queryOptions());
  const rules = useQuery(trpc.alerts.rules.queryOptions());
  if (preferences.isPending || !preferences.data) return <PageSpinner label={t("tabs.mine")} />;
  return <PreferencesForm initial={preferences.data} rules={rules.data ?? []} title={t("mine.title")} />;
}

function PreferencesForm({ initial, rules, title }: { initial: AlertPreferences; rules: readonly { id: string; name: string; rule: string }[]; title: string }) {
  const t = useTranslations("alerts");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [values, setValues] = useState(initial);
  const save = useMutation(
    trpc.alerts.savePreferences.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.alerts.preferences.queryKey() });
        toast.show(t("mine.saved"));
      },
    }),
  );
  const check = (key: "inApp" | "email", label: string) => (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" className="size-4 accent-rose-600" checked={values[key]} onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.checked }))} data-testid={`pref-${key}`} />
      {label}
    </label>
  );
  const mention = (key: "feishuMention" | "wecomMention" | "dingtalkMention") => (
    <Field label={t(`mine.${key}`)} hint={t(`mine.${key}Hint`)}>
      <Input name={key} value={values[key] ?? ""} maxLength={100} onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value || null }))} />
    </Field>
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(values);
  }
  return (
    <Card title={title} description={t("mine.lead")}>
      <form onSubmit={submit} className="space-y-5" noValidate>
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-medium text-zinc-800">{t("mine.channels")}</legend>
          {check("inApp", t("mine.inApp"))}
          {check("email", t("mine.email"))}
        </fieldset>
        {rules.length > 0 ? (
          <fieldset className="space-y-2">
            <legend className="mb-1 text-sm font-medium text-zinc-800">{t("mine.rules")}</legend>
            {rules.map((rule) => (
              <label key={rule.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-rose-600"
                  checked={!values.mutedRuleIds.includes(rule.id)}
                  onChange={(e) => setValues((v) => ({ ...v, mutedRuleIds: e.target.checked ? v.mutedRuleIds.filter((id) => id !== rule.id) : [...v.mutedRuleIds, rule.id] }))}
                />
                <span>
                  {rule.name} <code className="font-mono text-xs text-zinc-500">{rule.rule}</code>
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-3">
          {mention("feishuMention")}
          {mention("wecomMention")}
          {mention("dingtalkMention")}
        </div>
        <div className="flex justify-end">
          <Button type="submit" loading={save.isPending} data-testid="save-preferences">
            {t("mine.save")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
