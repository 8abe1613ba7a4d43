"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useRenderMessage } from "@/components/i18n/use-render-message";
import { useOrg } from "@/components/layout/org-context";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { PageSpinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import { IMPORT_SOURCES, type ImportSource } from "@/lib/contracts/imports";
import { storedFailure } from "@/lib/contracts/message";
import { useTRPC } from "@/lib/trpc-client";
import { UndoBundleButton } from "./bundle-undo";
import { isActive, ProgressBar, StatusBadge, UndoButton, type ImportItem } from "./import-status";
import { rejectedRowsUrl } from "./upload-file";

type BundleHead = ImportItem & { bundleId: string };

/**
 * Where a bundle's undo button goes: on its newest row in the list (the list is newest first),
 * with the count of its imports that can still be undone; none when nothing of it can.
 */
function bundleHeads(items: ImportItem[]): Map<string, { head: BundleHead; undoable: number }> {
  const heads = new Map<string, { head: BundleHead; undoable: number }>();
  for (const item of items) {
    if (!item.bundleId) continue;
    const entry = heads.get(item.bundleId) ?? { head: { ...item, bundleId: item.bundleId }, undoable: 0 };
    if (item.status === "succeeded") entry.undoable++;
    heads.set(item.bundleId, entry);
  }
  return heads;
}

/** Running and finished imports, newest first, filterable by source; polls every second while one is running. */
export function ImportHistory({ shopId }: { shopId?: string }) {
  const t = useTranslations("imports");
  const tc = useTranslations("common");
  const render = useRenderMessage();
  const format = useFormatter();
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const [source, setSource] = useState<ImportSource | "">("");
  const list = useQuery({
    ...trpc.imports.list.queryOptions({ ...(shopId ? { shopId } : {}), ...(source ? { source } : {}) }),
    refetchInterval: (q) => (q.state.data?.some((i) => isActive(i.status)) ? 1000 : false),
    staleTime: 0,
  });
  const filter = (
    <div className="max-w-60">
      <Select
        aria-label={t("source")}
        data-testid="import-source-filter"
        placeholder={t("allSources")}
        options={IMPORT_SOURCES.map((value) => ({ value, label: t(`sources.${value}`) }))}
        value={source}
        onChange={(e) => setSource(IMPORT_SOURCES.find((s) => s === e.target.value) ?? "")}
      />
    </div>
  );
  const body = () => {
    if (list.isPending) return <PageSpinner label={tc("loading")} />;
    if (list.isError) return <EmptyState title={tc("loadFailed")} description={list.error.message} />;
    if (list.data.length === 0) return <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />;
    return <Table rows={list.data} columns={columns(bundleHeads(list.data))} rowKey={(i) => i.id} caption={t("title")} testId="import-history" />;
  };

  const bundleAction = (heads: ReturnType<typeof bundleHeads>, i: ImportItem) => {
    const bundle = i.bundleId ? heads.get(i.bundleId) : undefined;
    if (!bundle || bundle.head.id !== i.id || bundle.undoable === 0 || !can("imports.write")) return null;
    return <UndoBundleButton item={bundle.head} count={bundle.undoable} />;
  };
  const columns = (heads: ReturnType<typeof bundleHeads>): Column<ImportItem>[] => [
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
        <Link className="text-rose-700 hover:underline" href={i.creatorId ? `/o/${orgId}/creators/${i.creatorId}` : `/o/${orgId}/shops/${i.shopId}`}>
          {i.shopName ?? "—"}
        </Link>
      ),
    },
    { key: "kind", header: t("kind"), cell: (i) => t(`kinds.${i.kind}`) },
    { key: "source", header: t("source"), cell: (i) => <Badge tone={i.source === "sync" ? "brand" : "neutral"}>{t(`sources.${i.source}`)}</Badge> },
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
          {bundleAction(heads, i)}
        </span>
      ),
    },
  ];
  return (
    <div className="space-y-3">
      {filter}
      {body()}
    </div>
  );
}
