"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { DIGEST_KINDS, type DigestKind } from "@/lib/contracts/digest";
import type { RouterOutputs } from "@/components/api-types";
import { FormError } from "@/components/forms/form-error";
import { serverErrorsOf } from "@/components/forms/validation";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { PageSpinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { ALERT_CHANNELS, CHANNELS_WITH_BOT_SECRET, type AlertChannel } from "@/lib/contracts/alerts";
import { useTRPC } from "@/lib/trpc-client";

type Endpoint = RouterOutputs["alerts"]["endpoints"][number];

/** Where alerts go: webhooks, Feishu / WeCom / DingTalk group bots, mailboxes; each can be sent a test message. */
export function EndpointsPanel({ editable }: { editable: boolean }) {
  const t = useTranslations("alerts");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const endpoints = useQuery(trpc.alerts.endpoints.queryOptions());
  const [draft, setDraft] = useState({ name: "", channel: "webhook" as AlertChannel, target: "", botSecret: "", digestKinds: [] as DigestKind[] });
  const [shownSecret, setShownSecret] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() });
  const create = useMutation(
    trpc.alerts.createEndpoint.mutationOptions({
      onSuccess: async (result) => {
        setShownSecret(result.secret);
        setDraft({ name: "", channel: draft.channel, target: "", botSecret: "", digestKinds: [] });
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.alerts.deleteEndpoint.mutationOptions({ onSuccess: refresh }));
  const test = useMutation(
    trpc.alerts.testEndpoint.mutationOptions({
      onSuccess: async (result) => {
        toast.show(result.ok ? t("endpoints.testSent") : t("endpoints.testFailed", { detail: result.error ?? String(result.httpStatus ?? "") }), result.ok ? "success" : "error");
        await refresh();
      },
    }),
  );
  if (endpoints.isPending) return <PageSpinner label={t("tabs.endpoints")} />;
  const server = serverErrorsOf(create.error, tAll);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({
      name: draft.name,
      channel: draft.channel,
      target: draft.target,
      digestKinds: draft.digestKinds,
      ...(CHANNELS_WITH_BOT_SECRET.includes(draft.channel) && draft.botSecret ? { botSecret: draft.botSecret } : {}),
    });
  }

  const columns: Column<Endpoint>[] = [
    { key: "name", header: t("endpoints.name"), cell: (e) => e.name, primary: true },
    { key: "channel", header: t("endpoints.channel"), cell: (e) => t(`channels.${e.channel}`) },
    { key: "target", header: t("endpoints.target"), cell: (e) => <span className="font-mono text-xs break-all">{e.target}</span> },
    { key: "digest", header: t("endpoints.digest"), cell: (e) => (e.digestKinds.length === 0 ? "—" : e.digestKinds.map((k) => t(`endpoints.digestKinds.${k}`)).join(" · ")) },
    ...(editable
      ? [
          {
            key: "actions",
            header: tAll("common.actions"),
            align: "end" as const,
            cell: (e: Endpoint) => (
              <div className="flex justify-end gap-2">
                <Button type="button" size="sm" variant="secondary" loading={test.isPending && test.variables.id === e.id} onClick={() => test.mutate({ id: e.id })}>
                  {t("endpoints.sendTest")}
                </Button>
                <Button type="button" size="sm" variant="danger" onClick={() => window.confirm(t("endpoints.confirmDelete", { name: e.name })) && remove.mutate({ id: e.id })}>
                  {t("endpoints.delete")}
                </Button>
              </div>
            ),
          },
        ]
      : []),
  ];
  const targetLabel = draft.channel === "email" ? t("endpoints.address") : t("endpoints.url");
  return (
    <div className="space-y-4">
      {(endpoints.data ?? []).length === 0 ? <EmptyState title={t("endpoints.empty")} /> : <Table rows={endpoints.data ?? []} columns={columns} rowKey={(e) => e.id} caption={t("tabs.endpoints")} testId="alert-endpoints-table" />}
      {shownSecret ? (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="endpoint-secret">
          <p className="font-medium">{t("endpoints.secretOnce")}</p>
          <code className="mt-1 block font-mono text-xs break-all">{shownSecret}</code>
          <p className="mt-1 text-xs">{t("endpoints.secretHint")}</p>
        </div>
      ) : null}
      {editable ? (
        <Card title={t("endpoints.new")}>
          <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate>
            <Field label={t("endpoints.name")} errors={server.fields.name}>
              <Input name="name" value={draft.name} maxLength={80} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} />
            </Field>
            <Field label={t("endpoints.channel")}>
              <Select name="channel" value={draft.channel} options={ALERT_CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))} onChange={(e) => setDraft((d) => ({ ...d, channel: e.target.value as AlertChannel }))} />
            </Field>
            <Field label={targetLabel} errors={server.fields.target} hint={t(`endpoints.hint.${draft.channel}`)}>
              <Input name="target" value={draft.target} onChange={(e) => setDraft((d) => ({ ...d, target: e.target.value }))} />
            </Field>
            {CHANNELS_WITH_BOT_SECRET.includes(draft.channel) ? (
              <Field label={t("endpoints.botSecret")} hint={t("endpoints.botSecretHint")}>
                <Input name="botSecret" type="password" autoComplete="off" value={draft.botSecret} onChange={(e) => setDraft((d) => ({ ...d, botSecret: e.target.value }))} />
              </Field>
            ) : null}
            <fieldset className="sm:col-span-2">
              <legend className="text-sm font-medium text-zinc-700">{t("endpoints.digest")}</legend>
              <div className="mt-1 flex flex-wrap gap-4">
                {DIGEST_KINDS.map((kind) => (
                  <label key={kind} className="flex items-center gap-2 text-sm text-zinc-700">
                    <input
                      type="checkbox"
                      name={`digest-${kind}`}
                      data-testid={`endpoint-digest-${kind}`}
                      checked={draft.digestKinds.includes(kind)}
                      onChange={(e) => setDraft((d) => ({ ...d, digestKinds: e.target.checked ? [...d.digestKinds, kind] : d.digestKinds.filter((k) => k !== kind) }))}
                    />
                    {t(`endpoints.digestKinds.${kind}`)}
                  </label>
                ))}
              </div>
              <p className="mt-1 text-xs text-zinc-500">{t("endpoints.digestHint")}</p>
            </fieldset>
            <div className="sm:col-span-2">
              <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
            </div>
            <div className="flex justify-end sm:col-span-2">
              <Button type="submit" loading={create.isPending}>
                {t("endpoints.add")}
              </Button>
            </div>
          </form>
        </Card>
      ) : null}
    </div>
  );
}
