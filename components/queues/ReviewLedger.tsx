"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useOrg } from "@/components/layout/org-context";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Menu } from "@/components/ui/menu";
import { Select } from "@/components/ui/select";
import { PageSpinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import { REVIEW_CASE_STATUSES, reviewFactKey, type ReviewCaseStatus, type ReviewLedgerRow } from "@/lib/contracts/queues";
import { useTRPC } from "@/lib/trpc-client";
import { AppealForm } from "./AppealForm";
import { NoteDialog } from "./NoteDialog";
import { ReplyTemplatesDialog } from "./ReplyTemplatesDialog";
import { useQueueRefresh } from "./use-queue-mutations";
import { useQueueFormat, type QueueScope } from "./use-queue-format";

export const STATUS_TONES: Record<ReviewCaseStatus, BadgeTone> = { new: "danger", contacted: "warning", appealed: "brand", resolved: "success" };

const stars = (value: number | null) => (value === null ? "—" : `${value}★`);

/** 差评台账 Every 1–2★ review with status, owner, note and reply templates; unhandled first. */
export function ReviewLedger({ scope }: { scope: QueueScope }) {
  const t = useTranslations("queues");
  const trpc = useTRPC();
  const fmt = useQueueFormat();
  const { can } = useOrg();
  const mayWrite = can("queues.write");
  const [status, setStatus] = useState<ReviewCaseStatus | "">("");
  const rows = useQuery(trpc.queues.reviews.queryOptions({ ...scope, ...(status ? { status } : {}) }));
  const members = useQuery({ ...trpc.members.list.queryOptions(), enabled: can("members.read") && mayWrite });
  const update = useMutation(trpc.queues.updateReview.mutationOptions());
  const refresh = useQueueRefresh();
  const [noteFor, setNoteFor] = useState<ReviewLedgerRow | null>(null);
  const [replyFor, setReplyFor] = useState<ReviewLedgerRow | null>(null);
  const [appealFor, setAppealFor] = useState<ReviewLedgerRow | null>(null);

  const change = (row: ReviewLedgerRow, patch: { status?: ReviewCaseStatus; ownerUserId?: string | null; note?: string | null }) =>
    update.mutate({ shopId: row.shopId, orderId: row.orderId, reviewedAt: row.reviewedAt, ...patch }, { onSuccess: () => void refresh.done(), onError: refresh.failed });

  if (rows.isPending) return <PageSpinner label={t("tabs.reviews")} />;
  if (rows.isError) return <EmptyState title={t("loadFailed")} description={rows.error.message} />;
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.userId, label: m.name }));
  const columns: Column<ReviewLedgerRow>[] = [
    {
      key: "review",
      header: t("columns.review"),
      primary: true,
      cell: (r) => (
        <span className="inline-flex flex-wrap items-center gap-2">
          <span className="font-mono text-xs break-all">{r.orderId}</span>
          <span className="text-xs text-zinc-500">{fmt.instant(r.reviewedAt)}</span>
        </span>
      ),
    },
    { key: "shop", header: t("columns.shop"), cell: (r) => r.shopName },
    { key: "product", header: t("columns.product"), cell: (r) => r.productName ?? "—" },
    { key: "stars", header: t("columns.stars"), cell: (r) => t("starsLine", { product: stars(r.productStars), logistics: stars(r.logisticsStars), service: stars(r.serviceStars) }) },
    { key: "content", header: t("columns.content"), cell: (r) => <span className="line-clamp-3 max-w-xs">{r.content ?? "—"}</span> },
    {
      key: "status",
      header: t("columns.status"),
      cell: (r) => (
        <span className="inline-flex items-center gap-1">
          {mayWrite ? (
            <Menu
              trigger={<Badge tone={STATUS_TONES[r.status]}>{t(`reviewStatus.${r.status}`)}</Badge>}
              triggerLabel={t("changeStatus")}
              variant="ghost"
              testId={`review-status-${r.orderId}`}
              items={REVIEW_CASE_STATUSES.map((s) => ({ key: s, label: t(`reviewStatus.${s}`), onSelect: () => change(r, { status: s }), testId: `review-status-${s}` }))}
            />
          ) : (
            <Badge tone={STATUS_TONES[r.status]}>{t(`reviewStatus.${r.status}`)}</Badge>
          )}
          {r.exempt ? <Badge tone="success">{t("exempt")}</Badge> : null}
        </span>
      ),
    },
    {
      key: "owner",
      header: t("columns.owner"),
      cell: (r) =>
        mayWrite ? (
          <Select
            fullWidth={false}
            aria-label={t("columns.owner")}
            value={r.ownerUserId ?? ""}
            placeholder={t("noOwner")}
            options={memberOptions.length ? memberOptions : r.ownerUserId ? [{ value: r.ownerUserId, label: r.ownerName ?? "" }] : []}
            onChange={(e) => change(r, { ownerUserId: e.target.value || null })}
          />
        ) : (
          (r.ownerName ?? "—")
        ),
    },
    { key: "note", header: t("columns.note"), cell: (r) => <span className="line-clamp-2 max-w-xs text-zinc-700">{r.note ?? "—"}</span> },
    {
      key: "actions",
      header: t("columns.actions"),
      align: "end",
      cell: (r) => (
        <span className="inline-flex flex-wrap justify-end gap-1">
          <Button size="sm" variant="secondary" onClick={() => setReplyFor(r)} data-testid={`review-reply-${r.orderId}`}>
            {t("reply")}
          </Button>
          {mayWrite ? (
            <>
              <Button size="sm" variant="secondary" onClick={() => setNoteFor(r)}>
                {t("editNote")}
              </Button>
              {r.status !== "appealed" ? (
                <Button size="sm" variant="ghost" onClick={() => setAppealFor(r)}>
                  {t("appeal")}
                </Button>
              ) : null}
            </>
          ) : null}
        </span>
      ),
    },
  ];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-zinc-600">{t("reviews.lead")}</p>
        <Select
          fullWidth={false}
          aria-label={t("columns.status")}
          value={status}
          placeholder={t("allStatuses")}
          options={REVIEW_CASE_STATUSES.map((s) => ({ value: s, label: t(`reviewStatus.${s}`) }))}
          onChange={(e) => setStatus(e.target.value as ReviewCaseStatus | "")}
        />
      </div>
      {rows.data.length === 0 ? (
        <EmptyState title={t("reviews.empty")} />
      ) : (
        <Table rows={rows.data} columns={columns} rowKey={(r) => `${r.shopId}:${r.orderId}:${r.reviewedAt}`} caption={t("tabs.reviews")} testId="review-ledger" />
      )}
      {noteFor ? <NoteDialog initial={noteFor.note ?? ""} onClose={() => setNoteFor(null)} onSave={(note) => change(noteFor, { note: note || null })} /> : null}
      {replyFor ? <ReplyTemplatesDialog onClose={() => setReplyFor(null)} /> : null}
      {appealFor ? (
        <AppealForm
          shops={[{ id: appealFor.shopId, name: appealFor.shopName }]}
          initial={{ shopId: appealFor.shopId, subject: "review", factKey: reviewFactKey(appealFor.orderId, new Date(appealFor.reviewedAt)) }}
          onClose={() => setAppealFor(null)}
        />
      ) : null}
    </div>
  );
}
