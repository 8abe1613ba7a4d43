"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useRenderMessage } from "@/components/i18n/use-render-message";
import { useOrg } from "@/components/layout/org-context";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import { storedFailure } from "@/lib/contracts/message";
import { useTRPC } from "@/lib/trpc-client";
import { isActive, ProgressBar, StatusBadge, UndoButton, type ImportItem } from "./import-status";
import { rejectedRowsUrl } from "./upload-file";

/** Running and finished imports, newest first; polls every second while one is running. */
export function ImportHistory({ shopId }: { shopId?: string }) {
  const t = useTranslations("imports");
  const tc = useTranslations("common");
  const render = useRenderMessage();
  const format = useFormatter();
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const list = useQuery({
    ...trpc.imports.list.queryOptions(shopId ? { shopId } : undefined),
    refetchInterval: (q) => (q.state.data?.some((i) => isActive(i.status)) ? 1000 : false),
    staleTime: 0,
  });
  if (list.isPending) return <PageSpinner label={tc("loading")} />;
  if (list.isError) return <EmptyState title={tc("loadFailed")} description={list.error.message} />;
  if (list.data.length === 0) return <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />;

  const columns: Column<ImportItem>[] = [
    {
      key: "file",
      header: t("file"),
      primary: true,
      cell: (i) => (
        <span className="inline-flex flex-wrap items-center gap-2">
          <span className="break-all">{i.fileName}</span>
          <StatusBadge status={i.status} />
        </span>
      ),
    },
    {
      key: "shop",
      header: t("shop"),
      cell: (i) => (
        <Link className="text-rose-700 hover:underline" href={`/o/${orgId}/shops/${i.shopId}`}>
          {i.shopName ?? "—"}
        </Link>
      ),
    },
    { key: "kind", header: t("kind"), cell: (i) => t(`kinds.${i.kind}`) },
    { key: "when", header: t("when"), cell: (i) => format.dateTime(i.createdAt, { dateStyle: "short", timeStyle: "short" }) },
    {
      key: "result",
      header: t("result"),
      cell: (i) =>
        isActive(i.status) ? (
          <div className="min-w-40">
            <ProgressBar item={i} />
          </div>
        ) : i.status === "failed" ? (
          <span className="text-red-600">{render(storedFailure(i) ?? "")}</span>
        ) : (
          <span className="tabular-nums">
            {t("inserted")} {i.inserted} · {t("updated")} {i.updated} · {t("unchanged")} {i.unchanged} · {t("rejected")} {i.rejected}
            {i.keptNewer > 0 ? ` · ${t("keptNewer")} ${i.keptNewer}` : ""}
          </span>
        ),
    },
    {
      key: "actions",
      header: tc("actions"),
      align: "end",
      cell: (i) => (
        <span className="inline-flex flex-wrap items-center justify-end gap-2">
          {i.rejected > 0 ? (
            <a className="text-sm text-rose-700 hover:underline" href={rejectedRowsUrl(orgId, i.id)} download>
              {t("downloadRejected")}
            </a>
          ) : null}
          {i.status === "succeeded" && can("imports.write") ? <UndoButton item={i} size="sm" /> : null}
        </span>
      ),
    },
  ];
  return <Table rows={list.data} columns={columns} rowKey={(i) => i.id} caption={t("title")} testId="import-history" />;
}
