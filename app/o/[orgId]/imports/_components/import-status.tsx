"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { RouterOutputs } from "@/components/api-types";
import { useRenderMessage } from "@/components/i18n/use-render-message";
import { useOrg } from "@/components/layout/org-context";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { storedFailure } from "@/lib/contracts/message";
import { useTRPC } from "@/lib/trpc-client";
import { rejectedRowsUrl } from "./upload-file";

export type ImportItem = RouterOutputs["imports"]["get"];

const TONE: Record<ImportItem["status"], BadgeTone> = { queued: "neutral", running: "brand", succeeded: "success", failed: "danger", undone: "warning" };

/** The page of the shop or creator account an import brought facts to. */
export const ownerHref = (orgId: string, item: Pick<ImportItem, "shopId" | "creatorId">) =>
  item.creatorId ? `/o/${orgId}/creators/${item.creatorId}` : `/o/${orgId}/shops/${item.shopId ?? ""}`;

export const isActive = (status: ImportItem["status"]) => status === "queued" || status === "running";

export function StatusBadge({ status }: { status: ImportItem["status"] }) {
  const t = useTranslations("imports.status");
  return <Badge tone={TONE[status]}>{t(status)}</Badge>;
}

export function ProgressBar({ item }: { item: ImportItem }) {
  const t = useTranslations("imports");
  const total = item.rowsTotal && item.rowsTotal > 0 ? Math.max(item.rowsTotal, item.rowsProcessed) : null;
  const done = !isActive(item.status);
  const percent = done ? 100 : total ? Math.min(99, Math.round((item.rowsProcessed / total) * 100)) : 5;
  const label = total ? t("progress", { processed: item.rowsProcessed, total }) : t("progressUnknown", { processed: item.rowsProcessed });
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 w-full overflow-hidden rounded-full bg-zinc-100"
      >
        <div className={item.status === "failed" ? "h-full bg-red-500" : "h-full bg-rose-600 transition-all"} style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-zinc-500">{label}</p>
    </div>
  );
}

export function Counts({ item }: { item: ImportItem }) {
  const t = useTranslations("imports");
  const counts: [string, number][] = [
    ["inserted", item.inserted],
    ["updated", item.updated],
    ["unchanged", item.unchanged],
    ["rejected", item.rejected],
    ["keptNewer", item.keptNewer],
  ];
  return (
    <dl className="grid grid-cols-3 gap-2 text-center sm:grid-cols-5" data-testid="import-counts">
      {counts.map(([key, value]) => (
        <div key={key} className="rounded-md bg-zinc-50 px-2 py-2" data-testid={`count-${key}`}>
          <dt className="text-xs text-zinc-500">{t(key)}</dt>
          <dd className="text-lg font-semibold text-zinc-900 tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** After any undo: the dialog closes, a toast says what was undone, and every import and score query is stale. */
export function useAfterUndo<T>(close: () => void, doneText: (data: T) => string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  return {
    onSuccess: async (data: T) => {
      close();
      toast.show(doneText(data));
      await queryClient.invalidateQueries({ queryKey: trpc.scores.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.imports.pathKey() });
    },
    onError: (error: { message: string }) => toast.show(error.message, "error"),
  };
}

type UndoConfirmProps = {
  label: string;
  title: string;
  description: string;
  body: string;
  confirmLabel: string;
  size: "sm" | "md";
  pending: boolean;
  open: boolean;
  setOpen: (open: boolean) => void;
  onConfirm: () => void;
};

/** A button that opens a confirm dialog before an undo (of one import, or of a whole batch). */
export function UndoConfirm({ label, title, description, body, confirmLabel, size, pending, open, setOpen, onConfirm }: UndoConfirmProps) {
  const tc = useTranslations("common");
  return (
    <>
      <Button variant="secondary" size={size} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={title}
        description={description}
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {tc("cancel")}
            </Button>
            <Button variant="danger" loading={pending} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </>
        }
      >
        <p className="text-sm text-zinc-700">{body}</p>
      </Dialog>
    </>
  );
}

/** Undo one import with a confirm dialog; refreshes every import and score query afterwards. */
export function UndoButton({ item, size = "md" }: { item: ImportItem; size?: "sm" | "md" }) {
  const t = useTranslations("imports");
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const undo = useMutation(trpc.imports.undo.mutationOptions(useAfterUndo(() => setOpen(false), () => t("undone"))));
  return (
    <UndoConfirm
      label={t("undo")}
      title={t("undoTitle")}
      description={item.fileName}
      body={t("undoBody")}
      confirmLabel={t("undoConfirm")}
      size={size}
      pending={undo.isPending}
      open={open}
      setOpen={setOpen}
      onConfirm={() => undo.mutate({ importId: item.id })}
    />
  );
}

/** One import: live progress (polled every second while it runs), then the summary and its actions. */
export function ImportStatusCard({ importId }: { importId: string }) {
  const t = useTranslations("imports");
  const render = useRenderMessage();
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const query = useQuery({
    ...trpc.imports.get.queryOptions({ importId }),
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data.status) ? false : 1000),
    staleTime: 0,
  });
  if (query.isPending) return <Spinner label={t("previewing")} />;
  if (query.isError) return <p className="text-sm text-red-600">{query.error.message}</p>;
  const item = query.data;
  const failure = storedFailure(item);
  return (
    <div className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4" data-testid="import-status" data-status={item.status}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="min-w-0 font-medium break-all text-zinc-900">{item.fileName}</span>
        <StatusBadge status={item.status} />
      </div>
      <ProgressBar item={item} />
      {item.status === "failed" && failure ? <p className="text-sm text-red-600">{t("failed", { reason: render(failure) })}</p> : null}
      {item.status === "succeeded" || item.status === "undone" ? <Counts item={item} /> : null}
      {item.status === "succeeded" && item.coverage ? <FileDays coverage={item.coverage} href={ownerHref(orgId, item)} /> : null}
      {item.notes && item.notes.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5 text-xs text-zinc-600">
          {item.notes.map(render).map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {!isActive(item.status) ? (
          <a className="inline-flex h-10 items-center text-sm font-medium text-rose-700 hover:underline" href={rejectedRowsUrl(orgId, item.id)} download>
            {t("downloadRejected")}
          </a>
        ) : null}
        {item.status === "succeeded" && can("imports.write") ? <UndoButton item={item} /> : null}
      </div>
    </div>
  );
}

type ImportCoverage = NonNullable<ImportItem["coverage"]>;

/**
 * The days the file covers; when they lie before today's scoring window, says today's score does
 * not count them and links to the shop's score as of the file's last day.
 */
function FileDays({ coverage, href }: { coverage: ImportCoverage; href: string }) {
  const t = useTranslations("imports");
  return (
    <div data-testid="import-file-days" data-outside-window={coverage.beforeTodayWindow} className={coverage.beforeTodayWindow ? "rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950" : "text-sm text-zinc-700"}>
      <p>
        {t("fileDays", { first: coverage.first, last: coverage.last })}
        {coverage.beforeTodayWindow ? ` ${t("fileOutsideWindow", { windowFirst: coverage.todayWindow.first, windowLast: coverage.todayWindow.last })}` : null}
      </p>
      {coverage.beforeTodayWindow ? (
        <Link href={`${href}?date=${coverage.last}`} data-testid="import-view-as-of" className="mt-2 inline-flex h-10 items-center font-medium text-rose-700 hover:underline">
          {t("viewAsOf", { day: coverage.last })}
        </Link>
      ) : null}
    </div>
  );
}
