"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useOrg } from "@/components/layout/org-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { controlClasses, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { LOCALES, type Locale } from "@/lib/contracts/locales";
import type { ReplyTemplate } from "@/lib/contracts/queues";
import { useTRPC } from "@/lib/trpc-client";
import { useQueueRefresh } from "./use-queue-mutations";

/** Picks a reply template (copied for pasting into the platform's reply box) and, for writers, edits the organisation's list. */
export function ReplyTemplatesDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations("queues");
  const locale = useLocale();
  const trpc = useTRPC();
  const toast = useToast();
  const { can } = useOrg();
  const templates = useQuery(trpc.queues.templates.queryOptions());
  const save = useMutation(trpc.queues.saveTemplate.mutationOptions());
  const remove = useMutation(trpc.queues.deleteTemplate.mutationOptions());
  const refresh = useQueueRefresh();
  const [editing, setEditing] = useState<{ id?: string; locale: Locale; title: string; body: string } | null>(null);
  const list = [...(templates.data ?? [])].sort((a, b) => Number(b.locale === locale) - Number(a.locale === locale));

  const copy = async (template: ReplyTemplate) => {
    await navigator.clipboard?.writeText(template.body).catch(() => undefined);
    toast.show(t("templates.copied"), "success");
  };
  return (
    <Dialog open onClose={onClose} title={t("templates.title")} description={t("templates.lead")} footer={<Button variant="secondary" onClick={onClose}>{t("close")}</Button>}>
      {editing ? (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(editing, { onSuccess: () => { setEditing(null); void refresh.done(); }, onError: refresh.failed });
          }}
        >
          <Field label={t("templates.language")}>
            <Select value={editing.locale} options={LOCALES.map((l) => ({ value: l, label: l }))} onChange={(e) => setEditing({ ...editing, locale: e.target.value as Locale })} />
          </Field>
          <Field label={t("templates.name")}>
            <Input value={editing.title} maxLength={80} required onChange={(e) => setEditing({ ...editing, title: e.target.value })} />
          </Field>
          <Field label={t("templates.body")}>
            <textarea className={`${controlClasses} min-h-28 w-full`} maxLength={1000} required value={editing.body} onChange={(e) => setEditing({ ...editing, body: e.target.value })} />
          </Field>
          <div className="flex gap-2">
            <Button type="submit" loading={save.isPending}>{t("save")}</Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(null)}>{t("cancel")}</Button>
          </div>
        </form>
      ) : (
        <ul className="max-h-96 space-y-2 overflow-y-auto" data-testid="reply-templates">
          {list.map((template) => (
            <li key={template.id ?? `${template.locale}:${template.title}`} className="rounded-md border border-zinc-200 p-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="inline-flex items-center gap-2 text-sm font-medium text-zinc-900">
                  {template.title}
                  <Badge>{template.locale}</Badge>
                  {template.builtIn ? <Badge tone="neutral">{t("templates.builtIn")}</Badge> : null}
                </span>
                <span className="inline-flex gap-1">
                  <Button size="sm" onClick={() => void copy(template)}>{t("templates.use")}</Button>
                  {can("queues.write") ? (
                    <Button size="sm" variant="ghost" onClick={() => setEditing({ ...(template.id ? { id: template.id } : {}), locale: template.locale, title: template.title, body: template.body })}>
                      {t("edit")}
                    </Button>
                  ) : null}
                  {can("queues.write") && template.id ? (
                    <Button size="sm" variant="ghost" onClick={() => template.id && remove.mutate({ id: template.id }, { onSuccess: () => void refresh.done(), onError: refresh.failed })}>
                      {t("delete")}
                    </Button>
                  ) : null}
                </span>
              </div>
              <p className="mt-1 text-sm whitespace-pre-line text-zinc-700">{template.body}</p>
            </li>
          ))}
          {can("queues.write") ? (
            <li>
              <Button size="sm" variant="secondary" onClick={() => setEditing({ locale: locale === "en" ? "en" : "zh-CN", title: "", body: "" })}>
                {t("templates.add")}
              </Button>
            </li>
          ) : null}
        </ul>
      )}
    </Dialog>
  );
}
