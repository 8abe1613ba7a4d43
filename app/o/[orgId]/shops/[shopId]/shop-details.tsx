"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { Shop } from "@/components/api-types";
import { useCategories } from "@/components/catalog/use-categories";
import { EntityScorePanel } from "@/components/scores/EntityScorePanel";
import { ShopSyncPanel } from "@/components/sync/shop-sync-panel";
import { useOrg } from "@/components/layout/org-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../../_components/page-header";
import { ShopForm } from "../_components/shop-form";

export function ShopDetails({ shopId }: { shopId: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const shop = useQuery(trpc.shops.get.queryOptions({ id: shopId }));

  const back = (
    <Link href={`/o/${orgId}`} className="text-sm text-zinc-600 hover:underline">
      ← {t("shops.backToList")}
    </Link>
  );
  if (shop.isPending) return <PageSpinner label={t("common.loading")} />;
  if (shop.isError) {
    return (
      <div className="space-y-4">
        {back}
        <EmptyState title={shop.error.message} description={t("shops.notFoundBody")} />
      </div>
    );
  }
  return (
    <div className="space-y-6">
      {back}
      <ShopSummary shop={shop.data} />
      {can("imports.write") && !shop.data.archivedAt ? (
        <div className="flex justify-end">
          <Link
            href={`/o/${orgId}/shops/${shopId}/import`}
            data-testid="shop-import-link"
            className="rounded-md bg-rose-600 px-3 py-2 text-sm font-medium text-white hover:bg-rose-700"
          >
            {t("imports.importData")}
          </Link>
        </div>
      ) : null}
      <EntityScorePanel kind="shop" id={shop.data.id} />
      <ShopSyncPanel shopId={shop.data.id} />
      <ShopEditor key={shop.data.updatedAt.toISOString()} shop={shop.data} />
    </div>
  );
}

function ShopSummary({ shop }: { shop: Shop }) {
  const t = useTranslations();
  const format = useFormatter();
  const categories = useCategories();
  const rows: [string, string][] = [
    [t("shops.externalId"), shop.externalId],
    [t("shops.category"), categories.labelOf(shop.categoryCode)],
    [t("shops.openedAt"), shop.openedAt ?? "—"],
    [t("shops.ruleSet"), shop.ruleSet],
    [t("shops.createdAt"), format.dateTime(shop.createdAt, { dateStyle: "medium" })],
  ];
  return (
    <div>
      <PageHeader
        title={
          <span className="inline-flex flex-wrap items-center gap-2">
            {shop.name}
            {shop.archivedAt ? <Badge>{t("shops.archived")}</Badge> : null}
          </span>
        }
      />
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-zinc-200 bg-white p-5 text-sm sm:grid-cols-2">
        {rows.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-3 sm:block">
            <dt className="text-zinc-500">{label}</dt>
            <dd className="text-right font-medium break-all text-zinc-900 sm:mt-0.5 sm:text-left">
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function ShopEditor({ shop }: { shop: Shop }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { can } = useOrg();
  const [confirmArchive, setConfirmArchive] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.shops.pathKey() });
  const update = useMutation(
    trpc.shops.update.mutationOptions({
      onSuccess: async () => {
        await refresh();
        toast.show(t("common.saved"));
      },
    }),
  );
  const archive = useMutation(
    trpc.shops.setArchived.mutationOptions({
      onSuccess: async (row) => {
        setConfirmArchive(false);
        await refresh();
        toast.show(row.archivedAt ? t("shops.archivedToast") : t("shops.restoredToast"));
      },
      onError: (error) => toast.show(error.message, "error"),
    }),
  );
  if (!can("shops.write")) return null;
  const archived = Boolean(shop.archivedAt);
  return (
    <>
      <section
        aria-labelledby="shop-edit"
        className="rounded-lg border border-zinc-200 bg-white p-5"
      >
        <h2 id="shop-edit" className="mb-4 text-base font-semibold">
          {t("shops.editTitle")}
        </h2>
        <ShopForm
          editing
          initial={{
            name: shop.name,
            category: shop.categoryCode,
            externalId: shop.externalId,
            openedAt: shop.openedAt ?? "",
            ruleSet: shop.ruleSet,
          }}
          submitLabel={t("common.save")}
          pending={update.isPending}
          error={update.error}
          onValid={(input) => update.mutate({ ...input, id: shop.id })}
        />
      </section>
      <section
        aria-labelledby="shop-archive"
        className="rounded-lg border border-zinc-200 bg-white p-5"
      >
        <h2 id="shop-archive" className="text-base font-semibold">
          {archived ? t("shops.restoreTitle") : t("shops.archiveTitle")}
        </h2>
        <p className="mt-1 text-sm text-zinc-600">
          {archived ? t("shops.restoreBody") : t("shops.archiveBody")}
        </p>
        <div className="mt-4">
          {archived ? (
            <Button
              variant="secondary"
              loading={archive.isPending}
              onClick={() => archive.mutate({ id: shop.id, archived: false })}
            >
              {t("shops.restore")}
            </Button>
          ) : (
            <Button variant="secondary" onClick={() => setConfirmArchive(true)}>
              {t("shops.archive")}
            </Button>
          )}
        </div>
      </section>
      <Dialog
        open={confirmArchive}
        onClose={() => setConfirmArchive(false)}
        title={t("shops.archiveConfirmTitle", { name: shop.name })}
        description={t("shops.archiveBody")}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmArchive(false)}>
              {t("common.cancel")}
            </Button>
            <Button
              variant="danger"
              loading={archive.isPending}
              onClick={() => archive.mutate({ id: shop.id, archived: true })}
            >
              {t("shops.archive")}
            </Button>
          </>
        }
      >
        <p className="text-sm text-zinc-700">{t("shops.archiveConfirmBody")}</p>
      </Dialog>
    </>
  );
}
