"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { RouterOutputs } from "@/components/api-types";
import { Freshness, RateValue, ScoreValue, TrendValue } from "@/components/directory/card-cells";
import { useOrg } from "@/components/layout/org-context";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { PageSpinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { MAX_COMPARE, SHORTLIST_STATUSES, type ShortlistStatus } from "@/lib/contracts/directory";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../../../_components/page-header";

type Item = RouterOutputs["directory"]["shortlist"]["items"][number];

/** A note saved when the field is left, so typing does not send a request per key. */
function NoteInput({ item, onSave, disabled }: { item: Item; onSave: (note: string) => void; disabled: boolean }) {
  const t = useTranslations("directory");
  const [note, setNote] = useState(item.note);
  const [savedNote, setSavedNote] = useState(item.note);
  if (savedNote !== item.note) {
    setSavedNote(item.note);
    setNote(item.note);
  }
  return <Input value={note} disabled={disabled} maxLength={500} aria-label={t("columns.note")} onChange={(e) => setNote(e.target.value)} onBlur={() => note !== item.note && onSave(note)} />;
}

export function ShortlistView({ shortlistId }: { shortlistId: string }) {
  const t = useTranslations("directory");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const router = useRouter();
  const { orgId, can } = useOrg();
  const shortlist = useQuery(trpc.directory.shortlist.queryOptions({ id: shortlistId }));
  const update = useMutation(trpc.directory.updateShortlistItem.mutationOptions());
  const remove = useMutation(trpc.directory.removeFromShortlist.mutationOptions());
  const drop = useMutation(trpc.directory.deleteShortlist.mutationOptions());
  const [selected, setSelected] = useState<string[]>([]);
  const editable = can("directory.write");
  const base = `/o/${orgId}/directory`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.directory.pathKey() });

  if (shortlist.isPending) return <PageSpinner label={t("results.loading")} />;
  if (!shortlist.data) return <EmptyState title={shortlist.error?.message ?? t("shortlists.empty")} />;
  const items = shortlist.data.items;
  const toggle = (cardId: string) => setSelected((s) => (s.includes(cardId) ? s.filter((id) => id !== cardId) : s.length >= MAX_COMPARE ? s : [...s, cardId]));

  const columns: Column<Item>[] = [
    {
      key: "select",
      header: <span className="sr-only">{t("columns.select")}</span>,
      cell: (item) =>
        item.card ? (
          <input type="checkbox" className="size-4 accent-rose-600" aria-label={t("actions.select", { name: item.card.name })} checked={selected.includes(item.cardId)} onChange={() => toggle(item.cardId)} data-testid={`select-${item.card.name}`} />
        ) : null,
    },
    {
      key: "name",
      header: t("columns.name"),
      primary: true,
      cell: (item) => (item.card ? <span className="font-medium">{item.card.name}</span> : <span className="text-sm text-zinc-500">{t("shortlists.unlistedCard")}</span>),
    },
    { key: "overall", header: t("columns.overall"), align: "end", cell: (item) => (item.card ? <ScoreValue card={item.card} value={item.card.overall} shown={item.card.fields.includes("overall")} /> : "—") },
    { key: "goodReviewRate", header: t("columns.goodReviewRate"), align: "end", cell: (item) => (item.card ? <RateValue card={item.card} /> : "—") },
    { key: "trend", header: t("columns.trend"), cell: (item) => (item.card ? <TrendValue card={item.card} /> : "—") },
    { key: "day", header: t("columns.day"), cell: (item) => <Freshness day={item.card?.day ?? null} /> },
    {
      key: "status",
      header: t("columns.status"),
      cell: (item) => (
        <Select
          fullWidth={false}
          value={item.status}
          disabled={!editable}
          aria-label={t("columns.status")}
          options={SHORTLIST_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          onChange={async (e) => {
            await update.mutateAsync({ shortlistId, cardId: item.cardId, status: e.target.value as ShortlistStatus });
            await refresh();
          }}
        />
      ),
    },
    {
      key: "note",
      header: t("columns.note"),
      cell: (item) => (
        <NoteInput
          item={item}
          disabled={!editable}
          onSave={async (note) => {
            await update.mutateAsync({ shortlistId, cardId: item.cardId, note });
            toast.show(t("shortlists.noteSaved"), "success");
            await refresh();
          }}
        />
      ),
    },
    ...(editable
      ? [
          {
            key: "remove",
            header: <span className="sr-only">{t("shortlists.remove")}</span>,
            align: "end" as const,
            cell: (item: Item) => (
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={async () => {
                  await remove.mutateAsync({ shortlistId, cardId: item.cardId });
                  await refresh();
                }}
              >
                {t("shortlists.remove")}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <PageHeader
        title={shortlist.data.name}
        actions={
          <>
            <Link href={`${base}/shortlists`} className={buttonClasses("secondary", "sm")}>
              {t("shortlists.back")}
            </Link>
            <a href={`/api/directory/shortlists/${shortlistId}/export?org=${orgId}`} className={buttonClasses("secondary", "sm")} data-testid="export-shortlist" download>
              {t("shortlists.export")}
            </a>
            <Link
              href={`${base}/compare?cards=${(selected.length > 0 ? selected : items.filter((i) => i.card).map((i) => i.cardId).slice(0, MAX_COMPARE)).join(",")}`}
              className={buttonClasses("primary", "sm")}
              data-testid="compare-shortlist"
            >
              {t("shortlists.compare")}
            </Link>
            {editable ? (
              <Button
                type="button"
                variant="danger"
                size="sm"
                onClick={async () => {
                  await drop.mutateAsync({ id: shortlistId });
                  await refresh();
                  router.push(`${base}/shortlists`);
                }}
              >
                {t("shortlists.delete")}
              </Button>
            ) : null}
          </>
        }
      />
      {items.length === 0 ? <EmptyState title={t("shortlists.emptyList")} /> : <Table rows={items} columns={columns} rowKey={(item) => item.cardId} caption={shortlist.data.name} testId="shortlist-items" />}
    </div>
  );
}
