"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import type { Creator } from "@/components/api-types";
import { useCategories } from "@/components/catalog/use-categories";
import { useOrg } from "@/components/layout/org-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { EntityListBody, ShowArchivedToggle } from "@/components/ui/entity-list";
import { Input } from "@/components/ui/input";
import { Table, type Column } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../_components/page-header";
import { CreatorDialog } from "./creator-dialog";

/** Which dialog is open: none, a new creator, or one being edited. */
type Editing = { open: false } | { open: true; creator: Creator | null };

export function CreatorList() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { can, org } = useOrg();
  const categories = useCategories();
  const [search, setSearch] = useState("");
  const [includeArchived, setIncludeArchived] = useState(false);
  const [editing, setEditing] = useState<Editing>({ open: false });
  const deferredSearch = useDeferredValue(search.trim());
  const creators = useQuery({
    ...trpc.creators.list.queryOptions({ search: deferredSearch || undefined, includeArchived }),
    placeholderData: keepPreviousData,
  });
  const archive = useMutation(
    trpc.creators.setArchived.mutationOptions({
      onSuccess: async (row) => {
        await queryClient.invalidateQueries({ queryKey: trpc.creators.pathKey() });
        toast.show(
          row.archivedAt
            ? t("creators.archivedToast", { name: row.name })
            : t("creators.restoredToast", { name: row.name }),
        );
      },
      onError: (error) => toast.show(error.message, "error"),
    }),
  );
  const canWrite = can("creators.write");

  const columns: Column<Creator>[] = [
    {
      key: "name",
      header: t("creators.name"),
      primary: true,
      cell: (c) => <span className="font-medium">{c.name}</span>,
    },
    {
      key: "externalId",
      header: t("creators.externalId"),
      cell: (c) => <span className="font-mono text-xs break-all">{c.externalId}</span>,
    },
    { key: "handle", header: t("creators.handle"), cell: (c) => c.handle ?? "—" },
    {
      key: "category",
      header: t("creators.category"),
      cell: (c) => categories.labelOf(c.categoryCode),
    },
    {
      key: "status",
      header: t("shops.status"),
      cell: (c) =>
        c.archivedAt ? (
          <Badge>{t("shops.archived")}</Badge>
        ) : (
          <Badge tone="success">{t("shops.active")}</Badge>
        ),
    },
  ];
  if (canWrite) {
    columns.push({
      key: "actions",
      header: <span className="sr-only">{t("common.actions")}</span>,
      align: "end",
      cell: (c) => (
        <span className="inline-flex gap-1">
          <Button
            size="sm"
            variant="secondary"
            aria-label={t("creators.editNamed", { name: c.name })}
            onClick={() => setEditing({ open: true, creator: c })}
          >
            {t("common.edit")}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            aria-label={t(c.archivedAt ? "creators.restoreNamed" : "creators.archiveNamed", {
              name: c.name,
            })}
            onClick={() => archive.mutate({ id: c.id, archived: !c.archivedAt })}
          >
            {c.archivedAt ? t("shops.restore") : t("shops.archive")}
          </Button>
        </span>
      ),
    });
  }

  const newButton = canWrite ? (
    <Button onClick={() => setEditing({ open: true, creator: null })}>{t("creators.new")}</Button>
  ) : null;
  const filtered = Boolean(deferredSearch || includeArchived);

  return (
    <div>
      <PageHeader
        title={t("creators.title")}
        description={t("creators.lead")}
        actions={newButton}
      />
      <div className="mb-4 grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
        <div>
          <label htmlFor="creator-search" className="mb-1 block text-sm font-medium text-zinc-800">
            {t("creators.search")}
          </label>
          <Input
            id="creator-search"
            type="search"
            value={search}
            placeholder={t("creators.searchPlaceholder")}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <ShowArchivedToggle checked={includeArchived} onChange={setIncludeArchived} />
      </div>
      <EntityListBody
        query={creators}
        filtered={filtered}
        noMatch={{ title: t("creators.noMatchTitle"), description: t("shops.noMatchBody") }}
        empty={
          <EmptyState
            title={t("creators.emptyTitle")}
            description={
              org.limited
                ? t("creators.emptyLimitedBody")
                : canWrite
                  ? t("creators.emptyBody")
                  : t("creators.emptyReadOnlyBody")
            }
            action={newButton}
          />
        }
      >
        {(rows) => (
          <Table
            rows={rows}
            columns={columns}
            rowKey={(c) => c.id}
            caption={t("creators.title")}
            testId="creator-list"
          />
        )}
      </EntityListBody>
      {editing.open ? (
        <CreatorDialog creator={editing.creator} onClose={() => setEditing({ open: false })} />
      ) : null}
    </div>
  );
}
