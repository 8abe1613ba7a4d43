"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import type { Shop } from "@/components/api-types";
import { useCategories } from "@/components/catalog/use-categories";
import { useOrg } from "@/components/layout/org-context";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { EntityListBody, ShowArchivedToggle } from "@/components/ui/entity-list";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, type Column } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "./page-header";

export function ShopList() {
  const t = useTranslations();
  const trpc = useTRPC();
  const { orgId, org, can } = useOrg();
  const categories = useCategories();
  const [search, setSearch] = useState("");
  const [category, setCategory] = useState("");
  const [includeArchived, setIncludeArchived] = useState(false);
  const deferredSearch = useDeferredValue(search.trim());
  const filtered = Boolean(deferredSearch || category || includeArchived);
  const shops = useQuery({
    ...trpc.shops.list.queryOptions({
      search: deferredSearch || undefined,
      category: category || undefined,
      includeArchived,
    }),
    placeholderData: keepPreviousData,
  });
  const canWrite = can("shops.write");
  const base = `/o/${orgId}`;

  const columns: Column<Shop>[] = [
    {
      key: "name",
      header: t("shops.name"),
      primary: true,
      cell: (shop) => (
        <Link
          href={`${base}/shops/${shop.id}`}
          className="font-medium text-rose-700 hover:underline"
        >
          {shop.name}
        </Link>
      ),
    },
    {
      key: "externalId",
      header: t("shops.externalId"),
      cell: (shop) => <span className="font-mono text-xs break-all">{shop.externalId}</span>,
    },
    {
      key: "category",
      header: t("shops.category"),
      cell: (shop) => categories.labelOf(shop.categoryCode),
    },
    {
      key: "status",
      header: t("shops.status"),
      cell: (shop) =>
        shop.archivedAt ? (
          <Badge>{t("shops.archived")}</Badge>
        ) : (
          <Badge tone="success">{t("shops.active")}</Badge>
        ),
    },
  ];

  const newShop = canWrite ? (
    <Link href={`${base}/shops/new`} className={buttonClasses("primary")}>
      {t("shops.new")}
    </Link>
  ) : null;

  return (
    <div>
      <PageHeader
        title={t("shops.title")}
        description={org.limited ? t("shops.limitedLead") : t("shops.lead")}
        actions={newShop}
      />
      <div className="mb-4 grid gap-3 sm:grid-cols-[1fr_14rem_auto] sm:items-end">
        <div>
          <label htmlFor="shop-search" className="mb-1 block text-sm font-medium text-zinc-800">
            {t("shops.search")}
          </label>
          <Input
            id="shop-search"
            type="search"
            value={search}
            placeholder={t("shops.searchPlaceholder")}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="shop-category" className="mb-1 block text-sm font-medium text-zinc-800">
            {t("shops.category")}
          </label>
          <Select
            id="shop-category"
            value={category}
            placeholder={t("shops.allCategories")}
            options={categories.options}
            onChange={(e) => setCategory(e.target.value)}
          />
        </div>
        <ShowArchivedToggle checked={includeArchived} onChange={setIncludeArchived} />
      </div>
      <EntityListBody
        query={shops}
        filtered={filtered}
        noMatch={{ title: t("shops.noMatchTitle"), description: t("shops.noMatchBody") }}
        empty={
          <EmptyState
            title={t("shops.emptyTitle")}
            description={
              canWrite
                ? t("shops.emptyBody")
                : org.limited
                  ? t("shops.emptyLimitedBody")
                  : t("shops.emptyReadOnlyBody")
            }
            action={newShop}
          />
        }
      >
        {(rows) => (
          <Table
            rows={rows}
            columns={columns}
            rowKey={(shop) => shop.id}
            caption={t("shops.title")}
            testId="shop-list"
          />
        )}
      </EntityListBody>
    </div>
  );
}
