"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { ApiKeyRow } from "@/components/api-types";
import { FormError } from "@/components/forms/form-error";
import { serverErrorsOf, validate, type FieldErrors } from "@/components/forms/validation";
import { useOrg } from "@/components/layout/org-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, type Column } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc-client";
import { API_KEY_SCOPES, createApiKeyInput } from "@/lib/contracts/api-keys";
import { OPENAPI_DOCUMENT_PATH } from "@/lib/contracts/public-api";

/** The organisation's public-API keys: create (the secret shown once), list, revoke. */
export function ApiKeys() {
  const t = useTranslations("apiKeys");
  const tAll = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: async () => { setRevoking(null); await refresh(); } }));

  const when = (at: Date | null) => (at ? format.dateTime(at, { dateStyle: "medium", timeStyle: "short" }) : t("never"));
  const columns: Column<ApiKeyRow>[] = [
    { key: "name", header: t("name"), primary: true, cell: (k) => <span className="font-medium">{k.name}</span> },
    { key: "prefix", header: t("prefix"), cell: (k) => <code className="font-mono text-xs">{k.prefix}…</code> },
    { key: "scope", header: t("scope"), cell: (k) => <Badge tone={k.scope === "write" ? "warning" : "neutral"}>{t(`scopes.${k.scope}`)}</Badge> },
    { key: "createdAt", header: t("created"), cell: (k) => `${when(k.createdAt)}${k.createdByName ? ` · ${k.createdByName}` : ""}` },
    { key: "lastUsedAt", header: t("lastUsed"), cell: (k) => when(k.lastUsedAt) },
    {
      key: "actions",
      header: t("status"),
      align: "end",
      cell: (k) =>
        k.revokedAt ? (
          <Badge tone="danger">{t("revokedOn", { date: format.dateTime(k.revokedAt, { dateStyle: "medium" }) })}</Badge>
        ) : (
          <Button size="sm" variant="secondary" onClick={() => setRevoking(k)} data-testid={`revoke-${k.prefix}`}>
            {t("revoke")}
          </Button>
        ),
    },
  ];

  return (
    <section aria-labelledby="api-keys" className="rounded-lg border border-zinc-200 bg-white p-5" data-testid="api-keys">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="api-keys" className="text-base font-semibold">
            {t("title")}
          </h2>
          <p className="mt-1 text-sm text-zinc-600">
            {t.rich("lead", { doc: (chunks) => <a className="text-rose-700 underline" href={OPENAPI_DOCUMENT_PATH} target="_blank" rel="noreferrer">{chunks}</a> })}
          </p>
        </div>
        <Button onClick={() => setCreating(true)}>{t("create")}</Button>
      </div>
      <div className="mt-4">
        {keys.data && keys.data.length === 0 ? (
          <p className="text-sm text-zinc-500">{t("empty")}</p>
        ) : (
          <Table rows={keys.data ?? []} columns={columns} rowKey={(k) => k.id} caption={t("title")} testId="api-key-table" />
        )}
      </div>
      <p className="mt-3 text-xs text-zinc-500">
        {t("example")} <code className="font-mono break-all">curl -H &quot;Authorization: Bearer kb_live_…&quot; https://…/api/v1/shops</code>
      </p>
      {creating ? <CreateKeyDialog onClose={() => setCreating(false)} onCreated={refresh} /> : null}
      <Dialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t("revokeTitle")}
        description={t("revokeBody", { name: revoking?.name ?? "" })}
        footer={
          <>
            <Button variant="secondary" onClick={() => setRevoking(null)}>
              {t("cancel")}
            </Button>
            <Button variant="danger" loading={revoke.isPending} onClick={() => revoking && revoke.mutate({ id: revoking.id })}>
              {t("revoke")}
            </Button>
          </>
        }
      >
        <FormError message={serverErrorsOf(revoke.error, tAll).message} />
      </Dialog>
    </section>
  );
}

function CreateKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => Promise<void> }) {
  const t = useTranslations("apiKeys");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const { org } = useOrg();
  const [values, setValues] = useState({ name: "", scope: "read" });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [copied, setCopied] = useState(false);
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: () => void onCreated() }));
  const server = serverErrorsOf(create.error, tAll);
  const secret = create.data?.secret ?? null;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const checked = validate(createApiKeyInput, values, tAll);
    if (!checked.ok) return setClientErrors(checked.errors);
    setClientErrors({});
    create.mutate(checked.data);
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={secret ? t("createdTitle") : t("createTitle", { org: org.name })}
      footer={
        secret ? (
          <Button onClick={onClose}>{t("done")}</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={onClose}>
              {t("cancel")}
            </Button>
            <Button type="submit" form="create-api-key" loading={create.isPending}>
              {t("create")}
            </Button>
          </>
        )
      }
    >
      {secret ? (
        <div className="space-y-3">
          <p className="text-sm font-medium text-amber-800">{t("shownOnce")}</p>
          <p data-testid="api-key-secret" className="rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-sm break-all select-all">
            {secret}
          </p>
          <Button
            variant="secondary"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(secret);
                setCopied(true);
              } catch {
                setCopied(false);
              }
            }}
          >
            {copied ? t("copied") : t("copy")}
          </Button>
        </div>
      ) : (
        <form id="create-api-key" onSubmit={onSubmit} className="space-y-4" noValidate>
          <Field label={t("name")} errors={clientErrors.name ?? server.fields.name}>
            <Input name="name" value={values.name} maxLength={80} onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))} />
          </Field>
          <Field label={t("scope")} hint={t(`scopeHints.${values.scope === "write" ? "write" : "read"}`)} errors={clientErrors.scope ?? server.fields.scope}>
            <Select
              name="scope"
              value={values.scope}
              options={API_KEY_SCOPES.map((scope) => ({ value: scope, label: t(`scopes.${scope}`) }))}
              onChange={(e) => setValues((v) => ({ ...v, scope: e.target.value }))}
            />
          </Field>
          <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
        </form>
      )}
    </Dialog>
  );
}
