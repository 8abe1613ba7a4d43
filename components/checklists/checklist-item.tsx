"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { DatePicker } from "@/components/ui/date-picker";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import type { ChecklistItemView, ChecklistMember } from "@/lib/contracts/checklists";
import { ITEM_STATUSES, type ItemStatus } from "@/lib/contracts/playbooks";
import { useTRPC } from "@/lib/trpc-client";
import { formatDay } from "@/lib/scores/format";
import { ItemStatusBadge } from "./status-badge";
import { evidenceFileUrl, uploadEvidence } from "./upload-evidence";

type Props = {
  orgId: string;
  item: ChecklistItemView;
  members: ChecklistMember[];
  /** The caller may assign and reschedule (a writer on an open checklist). */
  canWrite: boolean;
  onChanged: () => Promise<void>;
};

/** One occurrence of a step: who, when, its status with the evidence it asks for, files and comments. */
export function ChecklistItem({ orgId, item, members, canWrite, onChanged }: Props) {
  const t = useTranslations("checklists");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const toast = useToast();
  const [note, setNote] = useState(item.evidenceNote ?? "");
  const [link, setLink] = useState(item.evidenceUrl ?? "");
  const [comment, setComment] = useState("");
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options = {
    onSuccess: async () => {
      setError(null);
      await onChanged();
    },
    onError: (e: { message: string }) => setError(e.message),
  };
  const assign = useMutation(trpc.checklists.assign.mutationOptions(options));
  const setDue = useMutation(trpc.checklists.setDue.mutationOptions(options));
  const setStatus = useMutation(trpc.checklists.setStatus.mutationOptions(options));
  const addComment = useMutation(trpc.checklists.comment.mutationOptions(options));
  const testId = `item-${item.stepKey}-${item.occurrence}`;

  const changeStatus = (status: ItemStatus) =>
    setStatus.mutate({
      itemId: item.id,
      status,
      ...(item.evidenceKind === "note" ? { evidenceNote: note } : {}),
      ...(item.evidenceKind === "link" ? { evidenceUrl: link } : {}),
    });
  const sendComment = (event: FormEvent) => {
    event.preventDefault();
    if (!comment.trim()) return;
    addComment.mutate({ itemId: item.id, body: comment }, { onSuccess: () => setComment("") });
  };
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setUploading(true);
    try {
      await uploadEvidence(orgId, item.id, file, locale);
      setError(null);
      toast.show(t("saved"), "success");
      await onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  };
  const assigneeName = members.find((m) => m.userId === item.assigneeUserId)?.name;

  return (
    <li className="space-y-3 p-4" data-testid={testId}>
      <div className="flex flex-wrap items-center gap-2">
        {item.cadence !== "once" ? <span className="text-xs font-medium text-zinc-500">{t("occurrence", { n: item.occurrence })}</span> : null}
        <ItemStatusBadge status={item.status} />
        <span className="text-xs text-zinc-500">{t(`evidence.${item.evidenceKind}`)}</span>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block text-sm">
          <span className="mb-1 block text-xs text-zinc-500">{t("assignee")}</span>
          {canWrite ? (
            <Select
              value={item.assigneeUserId ?? ""}
              placeholder={t("unassigned")}
              options={members.map((m) => ({ value: m.userId, label: m.name }))}
              onChange={(e) => assign.mutate({ itemId: item.id, assigneeUserId: e.target.value || null })}
              data-testid={`${testId}-assignee`}
            />
          ) : (
            <span className="font-medium">{assigneeName ?? t("unassigned")}</span>
          )}
        </label>
        <div className="text-sm">
          <span className="mb-1 block text-xs text-zinc-500">{t("dueDay")}</span>
          {canWrite ? (
            <DatePicker value={item.dueDay} onChange={(day) => setDue.mutate({ itemId: item.id, dueDay: day })} placeholder={t("noDueDay")} label={t("dueDay")} testId={`${testId}-due`} />
          ) : (
            <span className="font-medium tabular-nums">{item.dueDay ? formatDay(item.dueDay, locale, true) : t("noDueDay")}</span>
          )}
        </div>
        <label className="block text-sm">
          <span className="mb-1 block text-xs text-zinc-500">{t("itemStatusLabel")}</span>
          {item.canUpdate ? (
            <Select
              value={item.status}
              options={ITEM_STATUSES.map((s) => ({ value: s, label: t(`itemStatus.${s}`) }))}
              onChange={(e) => changeStatus(e.target.value as ItemStatus)}
              data-testid={`${testId}-status`}
            />
          ) : (
            <ItemStatusBadge status={item.status} />
          )}
        </label>
      </div>

      {item.evidenceKind === "note" ? (
        item.canUpdate ? (
          <label className="block text-sm">
            <span className="mb-1 block text-xs text-zinc-500">{t("evidenceNote")}</span>
            <textarea className="w-full rounded-md border border-zinc-300 p-2 text-sm" rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid={`${testId}-note`} />
          </label>
        ) : item.evidenceNote ? (
          <p className="text-sm whitespace-pre-wrap text-zinc-700">{item.evidenceNote}</p>
        ) : null
      ) : null}
      {item.evidenceKind === "link" ? (
        item.canUpdate ? (
          <label className="block text-sm">
            <span className="mb-1 block text-xs text-zinc-500">{t("evidenceLink")}</span>
            <Input type="url" value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://" data-testid={`${testId}-link`} />
          </label>
        ) : item.evidenceUrl ? (
          <a href={item.evidenceUrl} rel="noopener noreferrer nofollow" target="_blank" className="text-sm break-all text-rose-700 hover:underline">
            {item.evidenceUrl}
          </a>
        ) : null
      ) : null}
      {item.evidenceKind === "file" || item.files.length > 0 ? (
        <div className="space-y-1 text-sm">
          <span className="block text-xs text-zinc-500">{t("evidenceFile")}</span>
          <ul className="space-y-1">
            {item.files.map((f) => (
              <li key={f.id}>
                <a href={evidenceFileUrl(orgId, f.id)} className="break-all text-rose-700 hover:underline" data-testid="evidence-file">
                  {f.fileName}
                </a>{" "}
                <span className="text-xs text-zinc-500">{format.number(f.byteSize / 1024, { maximumFractionDigits: 1 })} KB</span>
              </li>
            ))}
          </ul>
          {item.canUpdate ? (
            <label className="inline-block cursor-pointer text-sm font-medium text-rose-700 hover:underline">
              {uploading ? t("uploading") : t("upload")}
              <input type="file" className="sr-only" disabled={uploading} onChange={(e) => void upload(e.target.files?.[0])} data-testid={`${testId}-file`} />
            </label>
          ) : null}
        </div>
      ) : null}
      {item.canUpdate && item.status !== "done" && item.evidenceKind !== "none" ? (
        <Button type="button" size="sm" onClick={() => changeStatus("done")} loading={setStatus.isPending} data-testid={`${testId}-done`}>
          {t("markDone")}
        </Button>
      ) : null}
      {item.canUpdate && (item.evidenceKind === "note" || item.evidenceKind === "link") && item.status === "done" ? (
        <Button type="button" size="sm" variant="secondary" onClick={() => changeStatus("done")} loading={setStatus.isPending}>
          {t("save")}
        </Button>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700" data-testid={`${testId}-error`}>
          {error}
        </p>
      ) : null}

      <details className="text-sm">
        <summary className="cursor-pointer text-xs text-zinc-600">{t("comments", { count: item.comments.length })}</summary>
        <ul className="mt-2 space-y-2">
          {item.comments.map((c) => (
            <li key={c.id} className="rounded-md bg-zinc-50 p-2">
              <p className="text-xs text-zinc-500">
                {c.authorName ?? "—"} · {format.dateTime(c.createdAt, { dateStyle: "short", timeStyle: "short" })}
              </p>
              <p className="whitespace-pre-wrap">{c.body}</p>
            </li>
          ))}
        </ul>
        {item.canUpdate ? (
          <form className="mt-2 flex gap-2" onSubmit={sendComment}>
            <Input value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t("commentPlaceholder")} aria-label={t("commentPlaceholder")} />
            <Button type="submit" size="sm" variant="secondary" loading={addComment.isPending}>
              {t("send")}
            </Button>
          </form>
        ) : null}
      </details>
    </li>
  );
}
