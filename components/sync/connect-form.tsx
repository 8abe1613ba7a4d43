"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { FormError } from "@/components/forms/form-error";
import { useFormFields } from "@/components/forms/use-form-fields";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc-client";
import { connectShopInput, DOUYIN_DEFAULT_BASE_URL } from "@/lib/contracts/sync";

type Initial = { baseUrl: string | null; appKey: string | null; platformShopId: string | null; intervalMinutes: number } | null;

/** The organisation's app credentials and the shop's platform id; the secret is write-only. */
export function ConnectForm({ shopId, initial }: { shopId: string; initial: Initial }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const connect = useMutation(
    trpc.sync.connect.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.sync.pathKey() });
        toast.show(t("sync.connected"));
      },
    }),
  );
  const form = useFormFields(
    () => ({
      baseUrl: initial?.baseUrl ?? DOUYIN_DEFAULT_BASE_URL,
      appKey: initial?.appKey ?? "",
      appSecret: "",
      platformShopId: initial?.platformShopId ?? "",
      intervalMinutes: String(initial?.intervalMinutes ?? 30),
    }),
    connect.error,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const v = form.values;
    const input = form.check(connectShopInput, {
      shopId,
      baseUrl: v.baseUrl,
      appKey: v.appKey,
      appSecret: v.appSecret || undefined,
      platformShopId: v.platformShopId,
      intervalMinutes: Number(v.intervalMinutes),
    });
    // The secret is write-only: once stored, it leaves the page too.
    if (input) connect.mutate(input, { onSuccess: () => form.setValues((values) => ({ ...values, appSecret: "" })) });
  };
  return (
    <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" data-testid="sync-connect-form" noValidate>
      <Field label={t("sync.baseUrl")} errors={form.errorsOf("baseUrl")}>
        <Input name="baseUrl" value={form.values.baseUrl} onChange={form.set("baseUrl")} autoComplete="off" />
      </Field>
      <Field label={t("sync.platformShopId")} errors={form.errorsOf("platformShopId")}>
        <Input name="platformShopId" value={form.values.platformShopId} onChange={form.set("platformShopId")} autoComplete="off" />
      </Field>
      <Field label={t("sync.appKey")} errors={form.errorsOf("appKey")}>
        <Input name="appKey" value={form.values.appKey} onChange={form.set("appKey")} autoComplete="off" />
      </Field>
      <Field label={t("sync.appSecret")} errors={form.errorsOf("appSecret")} hint={initial ? t("sync.appSecretKeep") : undefined}>
        <Input name="appSecret" type="password" value={form.values.appSecret} onChange={form.set("appSecret")} autoComplete="new-password" />
      </Field>
      <Field label={t("sync.interval")} errors={form.errorsOf("intervalMinutes")}>
        <Input name="intervalMinutes" type="number" min={5} max={1440} value={form.values.intervalMinutes} onChange={form.set("intervalMinutes")} />
      </Field>
      <div className="flex items-end justify-end sm:col-span-2">
        <Button type="submit" loading={connect.isPending}>
          {initial ? t("sync.reconnect") : t("sync.connect")}
        </Button>
      </div>
      <div className="sm:col-span-2">
        <FormError message={form.server.message} />
      </div>
    </form>
  );
}
