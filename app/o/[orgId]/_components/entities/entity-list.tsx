"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState, type ReactNode } from "react";
import { useCategories } from "@/components/catalog/use-categories";
import { useOrg } from "@/components/layout/org-context";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { EntityListBody, ShowArchivedToggle } from "@/components/ui/entity-list";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, type Column } from "@/components/ui/table";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import { PageHeader } from "../page-header";
import { fieldValue, useEntityApi, type ScoredEntity } from "./use-entity-api";

/** The shops or creator accounts of the organisation, each linking to its page. */
export function EntityList({ kind }: { kind: ScoredEntityKind }) {
  const { api, info, ns, hrefOf, newHref } = useEntityApi(kind);
  const t = useTranslations(ns);
  const { org, can } = useOrg();
  const categories = useCategories();
  const [search, setSearch] = useState("");
  const [category, setCategory] = useState("");
  const [includeArchived, setIncludeArchived] = useState(false);
  const deferredSearch = useDeferredValue(search.trim());
  const filtered = Boolean(deferredSearch || category || includeArchived);
  const rows = useQuery({
    ...api.list.queryOptions({ search: deferredSearch || undefined, category: category || undefined, includeArchived }),
    placeholderData: keepPreviousData,
  });
  const canWrite = can(info.permissions.write);

  const columns: Column<ScoredEntity>[] = [
    {
      key: "name",
      header: t("name"),
      primary: true,
      cell: (row) => (
        <Link href={hrefOf(row.id)} className="font-medium text-rose-700 hover:underline">
          {row.name}
        </Link>
      ),
    },
    { key: "externalId", header: t("externalId"), cell: (row) => <span className="font-mono text-xs break-all">{row.externalId}</span> },
    ...info.listFields.map((field) => ({ key: field, header: t(field), cell: (row: ScoredEntity) => fieldValue(row, field) || "—" })),
    { key: "category", header: t("category"), cell: (row) => categories.labelOf(row.categoryCode) },
    {
      key: "status",
      header: t("status"),
      cell: (row) => (row.archivedAt ? <Badge>{t("archived")}</Badge> : <Badge tone="success">{t("active")}</Badge>),
    },
  ];

  const newEntity = canWrite ? (
    <Link href={newHref} className={buttonClasses("primary")}>
      {t("new")}
    </Link>
  ) : null;
  const emptyBody = org.limited ? "emptyLimitedBody" : canWrite ? "emptyBody" : "emptyReadOnlyBody";

  return (
    <div>
      <PageHeader title={t("title")} description={org.limited ? t("limitedLead") : t("lead")} actions={newEntity} />
      <div className="mb-4 grid gap-3 sm:grid-cols-[1fr_14rem_auto] sm:items-end">
        <LabelledFilter id={`${kind}-search`} label={t("search")}>
          <Input
            id={`${kind}-search`}
            type="search"
            value={search}
            placeholder={t("searchPlaceholder")}
            onChange={(e) => setSearch(e.target.value)}
          />
        </LabelledFilter>
        <LabelledFilter id={`${kind}-category`} label={t("category")}>
          <Select
            id={`${kind}-category`}
            value={category}
            placeholder={t("allCategories")}
            options={categories.options}
            onChange={(e) => setCategory(e.target.value)}
          />
        </LabelledFilter>
        <ShowArchivedToggle checked={includeArchived} onChange={setIncludeArchived} />
      </div>
      <EntityListBody
        query={rows}
        filtered={filtered}
        noMatch={{ title: t("noMatchTitle"), description: t("noMatchBody") }}
        empty={<EmptyState title={t("emptyTitle")} description={t(emptyBody)} action={newEntity} />}
      >
        {(data) => <Table rows={data} columns={columns} rowKey={(row) => row.id} caption={t("title")} testId={`${kind}-list`} />}
      </EntityListBody>
    </div>
  );
}

function LabelledFilter({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children}
    </div>
  );
}
